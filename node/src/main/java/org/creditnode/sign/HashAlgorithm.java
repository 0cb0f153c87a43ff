package org.creditnode.sign;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * The record / Merkle hash functions. SM3 pairs with SM2 keys, SHA-256 with P-256 keys.
 * Digests are cheap to obtain: one per thread, reset per use (SM3 from Bouncy Castle, SHA-256
 * from the JDK, which can use CPU SHA intrinsics). Building a digest per hash was measurable.
 */
public enum HashAlgorithm {
    SM3("SM3", "SM3", true),
    SHA256("SHA-256", "SHA-256", false);

    private final String wireName;
    private final String jcaName;
    private final ThreadLocal<MessageDigest> perThread;

    HashAlgorithm(String wireName, String jcaName, boolean bouncyCastle) {
        this.wireName = wireName;
        this.jcaName = jcaName;
        this.perThread = ThreadLocal.withInitial(() -> {
            try {
                return bouncyCastle ? MessageDigest.getInstance(jcaName, Providers.ensure()) : MessageDigest.getInstance(jcaName);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(jcaName + " is not available", e);
            }
        });
    }

    /** This thread's digest, reset: a previous caller may have thrown half-way. */
    private MessageDigest digester() {
        MessageDigest d = perThread.get();
        d.reset();
        return d;
    }

    /** Hash of the concatenation of {@code parts}. */
    public byte[] digest(byte[]... parts) {
        MessageDigest d = digester();
        for (byte[] p : parts) {
            d.update(p);
        }
        return d.digest();
    }

    /** H(prefix ‖ a ‖ b) without building the concatenation (Merkle leaves and nodes). */
    byte[] digestPrefixed(byte prefix, byte[] a, byte[] b) {
        MessageDigest d = digester();
        d.update(prefix);
        d.update(a);
        if (b != null) {
            d.update(b);
        }
        return d.digest();
    }

    public int digestLength() {
        return 32;
    }

    /** Name used in the protocol's {@code hashAlg} field: "SM3" or "SHA-256". */
    public String wireName() {
        return wireName;
    }

    /** Name for {@code MessageDigest.getInstance} (SM3 needs the BC provider). */
    public String jcaName() {
        return jcaName;
    }

    public static HashAlgorithm fromWireName(String name) {
        for (HashAlgorithm a : values()) {
            if (a.wireName.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown hash algorithm: " + name);
    }
}
