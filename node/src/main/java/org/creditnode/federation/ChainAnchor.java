package org.creditnode.federation;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

/**
 * Which root a presented chain ends at. The TLS handshake checked the chain against all the roots
 * this node trusts (the national one and those alliances name); since a root an alliance names
 * vouches only for its own member, a request then needs to know which root it was.
 */
public final class ChainAnchor {
    private ChainAnchor() {
    }

    /**
     * True if walking up from the leaf, each certificate signed by the next presented one, reaches a
     * certificate that is, or is signed by, one of {@code anchors}. Certificates presented but not
     * on that path are ignored (a client cannot borrow a root by appending an unrelated CA).
     */
    public static boolean endsAt(List<X509Certificate> chain, List<X509Certificate> anchors) {
        if (chain.isEmpty() || anchors.isEmpty()) return false;
        X509Certificate cur = chain.get(0);
        for (int step = 0; step <= chain.size(); step++) {
            for (X509Certificate a : anchors) {
                if (cur.equals(a) || signedBy(cur, a)) return true;
            }
            X509Certificate next = null;
            for (X509Certificate c : chain) {
                if (c != cur && c.getSubjectX500Principal().equals(cur.getIssuerX500Principal()) && signedBy(cur, c)) {
                    next = c;
                    break;
                }
            }
            if (next == null) return false;
            cur = next;
        }
        return false;
    }

    private static boolean signedBy(X509Certificate c, X509Certificate issuer) {
        if (!c.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) return false;
        try {
            c.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Lower-case hex SHA-256 of the certificate's DER (what `openssl x509 -fingerprint -sha256` prints, without colons). */
    public static String fingerprint(X509Certificate c) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
