package org.creditnode.certs;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.io.ByteArrayInputStream;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** A private key with its certificate chain, as loaded from a PKCS#12 entry. */
public final class NodeIdentity {
    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;

    public NodeIdentity(PrivateKey privateKey, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("empty certificate chain");
        }
        this.privateKey = privateKey;
        this.chain = List.copyOf(chain);
    }

    public static NodeIdentity load(Path p12, char[] password, String alias) {
        KeyStore ks = Keystores.load(p12, password);
        try {
            if (!ks.isKeyEntry(alias)) {
                throw new IllegalArgumentException("no key entry '" + alias + "' in " + p12);
            }
            PrivateKey key = (PrivateKey) ks.getKey(alias, password);
            return new NodeIdentity(key, toBc(ks.getCertificateChain(alias)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read key '" + alias + "' from " + p12 + ": " + e.getMessage(), e);
        }
    }

    public PrivateKey privateKey() { return privateKey; }

    public X509Certificate certificate() { return chain.get(0); }

    /** Leaf first, then issuers up to (and including) the root. */
    public List<X509Certificate> chain() { return chain; }

    public KeyAlgorithm algorithm() { return KeyAlgorithm.of(certificate().getPublicKey()); }

    /** CN of the leaf: the node id for node certificates. */
    public String nodeId() { return commonName(certificate()); }

    public String keyId() { return keyId(certificate()); }

    /** First 16 hex chars of SHA-256(SubjectPublicKeyInfo): stable across re-issued certificates for one key. */
    public static String keyId(X509Certificate c) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(c.getPublicKey().getEncoded());
            return HexFormat.of().formatHex(h).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String commonName(X509Certificate c) {
        RDN[] cn = X500Name.getInstance(c.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        return cn.length == 0 ? "" : IETFUtils.valueToString(cn[0].getFirst().getValue());
    }

    /**
     * Re-parses with the BC factory: the JDK's X509CertImpl cannot verify SM3withSM2 and may hold
     * an SM2 public key it cannot use; BC certificates behave the same for both algorithms.
     */
    private static List<X509Certificate> toBc(Certificate[] certs) throws GeneralSecurityException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509", BouncyCastleProvider.PROVIDER_NAME);
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate c : certs) {
            out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(c.getEncoded())));
        }
        return out;
    }
}
