package org.creditnode.certs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** PEM encoding of certificates and public keys (the text forms OpenSSL and operators read). */
public final class Pem {
    private static final Base64.Encoder MIME = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private Pem() {
    }

    public static String encode(X509Certificate c) {
        try {
            return block("CERTIFICATE", c.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String encode(List<X509Certificate> chain) {
        StringBuilder sb = new StringBuilder();
        chain.forEach(c -> sb.append(encode(c)));
        return sb.toString();
    }

    /** SubjectPublicKeyInfo ("PUBLIC KEY"), readable by {@code openssl dgst -verify} / {@code pkey -pubin}. */
    public static String encodePublicKey(PublicKey k) {
        return block("PUBLIC KEY", k.getEncoded());
    }

    /** All certificates in a PEM (or DER) file, in file order. */
    public static List<X509Certificate> readCertificates(Path p) {
        // The BC factory: the JDK's cannot build a public key on the SM2 curve.
        Crypto.ensureProvider();
        try (InputStream in = Files.newInputStream(p)) {
            CertificateFactory cf = CertificateFactory.getInstance("X.509", BouncyCastleProvider.PROVIDER_NAME);
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : cf.generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read certificates from " + p + ": " + e.getMessage(), e);
        }
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + MIME.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
