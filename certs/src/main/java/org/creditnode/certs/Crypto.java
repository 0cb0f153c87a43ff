package org.creditnode.certs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Provider registration and the few signature primitives every module shares. */
public final class Crypto {
    /**
     * SM2 signer ID (GM/T 0009 default). Passed explicitly everywhere: old BC versions defaulted to
     * an empty ID and OpenSSL 3.0 still does unless told ({@code distid:1234567812345678}).
     */
    public static final String SM2_USER_ID = "1234567812345678";

    static final SecureRandom RANDOM = new SecureRandom();

    private Crypto() {
    }

    /** Registers Bouncy Castle once (appended, so JDK providers keep serving TLS and RSA/EC). */
    public static synchronized void ensureProvider() {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    public static KeyPair generateKeyPair(KeyAlgorithm alg) {
        ensureProvider();
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BouncyCastleProvider.PROVIDER_NAME);
            g.initialize(new ECGenParameterSpec(alg.curve()), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate " + alg + " key pair", e);
        }
    }

    /**
     * A BC signature object for the key's algorithm, with the SM2 user ID set. The result is DER
     * SEQUENCE{r,s} for both algorithms (what {@code openssl dgst -verify} expects).
     */
    public static Signature signature(KeyAlgorithm alg) throws GeneralSecurityException {
        ensureProvider();
        Signature s = Signature.getInstance(alg.signatureAlgorithm(), BouncyCastleProvider.PROVIDER_NAME);
        if (alg == KeyAlgorithm.SM2) {
            s.setParameter(new SM2ParameterSpec(SM2_USER_ID.getBytes(StandardCharsets.US_ASCII)));
        }
        return s;
    }

    public static byte[] sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
        Signature s = signature(KeyAlgorithm.of(key));
        s.initSign(key, RANDOM);
        s.update(data);
        return s.sign();
    }

    public static boolean verify(PublicKey key, byte[] data, byte[] sig) throws GeneralSecurityException {
        Signature s = signature(KeyAlgorithm.of(key));
        s.initVerify(key);
        s.update(data);
        return s.verify(sig);
    }
}
