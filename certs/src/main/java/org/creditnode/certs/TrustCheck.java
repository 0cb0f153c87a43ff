package org.creditnode.certs;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** PKIX validation of a peer's chain against configured trust anchors (BC provider: handles SM2). */
public final class TrustCheck {
    private TrustCheck() {
    }

    public static boolean chainsTo(List<X509Certificate> chain, List<X509Certificate> anchors) {
        return problem(chain, anchors) == null;
    }

    /**
     * Why {@code chain} (leaf first; may include the root) does not validate against
     * {@code anchors}, or null if it does. No revocation checking yet (there are no CRLs).
     */
    public static String problem(List<X509Certificate> chain, List<X509Certificate> anchors) {
        if (chain == null || chain.isEmpty()) {
            return "empty certificate chain";
        }
        if (anchors == null || anchors.isEmpty()) {
            return "no trust anchors";
        }
        Crypto.ensureProvider();
        // PKIX wants the path without the anchor itself.
        List<X509Certificate> path = new ArrayList<>(chain);
        while (path.size() > 1 && anchors.contains(path.get(path.size() - 1))) {
            path.remove(path.size() - 1);
        }
        try {
            Set<TrustAnchor> ta = new HashSet<>();
            anchors.forEach(a -> ta.add(new TrustAnchor(a, null)));
            PKIXParameters params = new PKIXParameters(ta);
            params.setRevocationEnabled(false);
            CertificateFactory cf = CertificateFactory.getInstance("X.509", BouncyCastleProvider.PROVIDER_NAME);
            CertPath cp = cf.generateCertPath(path);
            CertPathValidator.getInstance("PKIX", BouncyCastleProvider.PROVIDER_NAME).validate(cp, params);
            return null;
        } catch (CertPathValidatorException e) {
            return e.getMessage() + (e.getIndex() >= 0 ? " (certificate " + e.getIndex() + ")" : "");
        } catch (GeneralSecurityException e) {
            return e.getMessage();
        }
    }
}
