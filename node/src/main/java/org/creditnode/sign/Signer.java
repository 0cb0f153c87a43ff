package org.creditnode.sign;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Objects;

/**
 * Signs bytes with one private key. Thread-safe: each call uses its own JCA Signature (creating
 * one is microseconds, an SM2 signature itself takes ~0.4 ms), so no shared mutable state.
 */
public final class Signer {

    static {
        Providers.ensure();
    }

    private final SignatureAlgorithm algorithm;
    private final PrivateKey key;
    private final String keyId;

    /** @throws IllegalArgumentException if the key is not on the algorithm's curve */
    public Signer(SignatureAlgorithm algorithm, PrivateKey key, String keyId) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.key = Objects.requireNonNull(key, "key");
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        if (!algorithm.fits(key)) {
            throw new IllegalArgumentException("key is not a " + algorithm.wireName() + " key");
        }
    }

    /** Signer whose algorithm follows from the key's curve. */
    public static Signer forKey(PrivateKey key, String keyId) {
        return new Signer(SignatureAlgorithm.forKey(key), key, keyId);
    }

    /**
     * One initialised Signature per thread: initSign is the expensive part for SM2 (Bouncy Castle
     * derives the public point and Z value there), and a JCA Signature returns to its initialised
     * state after each sign(), so it can be reused.
     */
    private final ThreadLocal<Signature> initialised = new ThreadLocal<>();

    /** DER SEQUENCE{r, s} signature over {@code data} (SM2 with the default user ID). */
    public byte[] sign(byte[] data) {
        try {
            Signature s = initialised.get();
            if (s == null) {
                s = algorithm.newSignature();
                s.initSign(key);
                initialised.set(s);
            }
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.wireName() + " signing failed for key " + keyId, e);
        }
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    public String keyId() {
        return keyId;
    }
}
