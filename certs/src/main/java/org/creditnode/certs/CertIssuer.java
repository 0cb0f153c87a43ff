package org.creditnode.certs;

import java.io.OutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jcajce.io.OutputStreamFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/** Builds the three kinds of certificate of the federation: root, province intermediate, node leaf. */
final class CertIssuer {
    static final Duration ROOT_VALIDITY = Duration.ofDays(3650);
    static final Duration INTERMEDIATE_VALIDITY = Duration.ofDays(1826);
    static final Duration LEAF_VALIDITY = Duration.ofDays(730);
    /** Back-date notBefore a little so that peers with a slightly slow clock accept a fresh cert. */
    private static final Duration CLOCK_SKEW = Duration.ofHours(1);

    enum Kind { SIGNING_LEAF, TLS_LEAF }

    private CertIssuer() {
    }

    static X509Certificate selfSignedRoot(X500Name subject, PublicKey pub, PrivateKey priv) {
        return build(subject, pub, subject, null, priv, ROOT_VALIDITY, b -> {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(1));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        });
    }

    static X509Certificate intermediate(X500Name subject, PublicKey pub, X509Certificate issuer, PrivateKey issuerKey) {
        return build(subject, pub, X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), issuer, issuerKey,
                INTERMEDIATE_VALIDITY, b -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                });
    }

    static X509Certificate leaf(Kind kind, X500Name subject, PublicKey pub, X509Certificate issuer, PrivateKey issuerKey) {
        return build(subject, pub, X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), issuer, issuerKey,
                LEAF_VALIDITY, b -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    if (kind == Kind.SIGNING_LEAF) {
                        b.addExtension(Extension.keyUsage, true,
                                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
                    } else {
                        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
                        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                                new GeneralName(GeneralName.dNSName, "localhost"),
                                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
                    }
                });
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder b) throws Exception;
    }

    private static X509Certificate build(X500Name subject, PublicKey pub, X500Name issuerName, X509Certificate issuer,
                                         PrivateKey signingKey, Duration validity, Extensions ext) {
        try {
            Instant now = Instant.now();
            Date notBefore = Date.from(now.minus(CLOCK_SKEW));
            Date notAfter = Date.from(now.plus(validity));
            if (issuer != null && notAfter.after(issuer.getNotAfter())) {
                notAfter = issuer.getNotAfter(); // a child must not outlive its issuer
            }
            // Random positive serial, 127 bits: unique without a counter shared between CA copies.
            BigInteger serial = new BigInteger(127, Crypto.RANDOM).setBit(126);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, serial, notBefore, notAfter, subject, pub);
            JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(pub));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    u.createAuthorityKeyIdentifier(issuer == null ? pub : issuer.getPublicKey()));
            ext.add(b);
            return new JcaX509CertificateConverter().setProvider(BouncyCastleProvider.PROVIDER_NAME)
                    .getCertificate(b.build(signer(signingKey)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue certificate for " + subject, e);
        }
    }

    /**
     * A ContentSigner over {@link Crypto#signature}, rather than JcaContentSignerBuilder, so that
     * certificates are signed with the SM2 user ID set explicitly (not whatever the BC default is).
     */
    private static ContentSigner signer(PrivateKey key) throws GeneralSecurityException {
        KeyAlgorithm alg = KeyAlgorithm.of(key);
        Signature sig = Crypto.signature(alg);
        sig.initSign(key, Crypto.RANDOM);
        AlgorithmIdentifier id = new DefaultSignatureAlgorithmIdentifierFinder().find(alg.signatureAlgorithm());
        OutputStream out = OutputStreamFactory.createStream(sig);
        return new ContentSigner() {
            @Override public AlgorithmIdentifier getAlgorithmIdentifier() { return id; }
            @Override public OutputStream getOutputStream() { return out; }
            @Override public byte[] getSignature() {
                try {
                    return sig.sign();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    static String utc(Date d) {
        return d.toInstant().atOffset(ZoneOffset.UTC).toString();
    }
}
