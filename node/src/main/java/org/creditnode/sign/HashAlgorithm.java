package org.creditnode.sign;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * The record / Merkle hash functions. SM3 pairs with SM2 keys, SHA-256 with P-256 keys.
 * Digests are cheap to obtain: one per thread, reset per use (BC's SM3, the JDK's SHA-256,
 * which can use CPU SHA intrinsics).
 */
public enum HashAlgorithm {
    SM3("SM3", "SM3") {
        // Building an SM3Digest registers it with BC's services registrar: measurable per hash.
        private final ThreadLocal<Digest> perThread = ThreadLocal.withInitial(SM3Digest::new);

        @Override
        Sink sink() {
            Digest d = perThread.get();
            d.reset(); // a previous caller may have thrown half-way
            return new Sink() {
                @Override
                public void update(byte b) {
                    d.update(b);
                }

                @Override
                public void update(byte[] data) {
                    d.update(data, 0, data.length);
                }

                @Override
                public byte[] finish() {
                    byte[] out = new byte[d.getDigestSize()];
                    d.doFinal(out, 0);
                    return out;
                }
            };
        }
    },
    SHA256("SHA-256", "SHA-256") {
        private final ThreadLocal<MessageDigest> perThread = ThreadLocal.withInitial(() -> {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
            }
        });

        @Override
        Sink sink() {
            MessageDigest d = perThread.get();
            d.reset(); // a previous caller may have thrown half-way
            return new Sink() {
                @Override
                public void update(byte b) {
                    d.update(b);
                }

                @Override
                public void update(byte[] data) {
                    d.update(data);
                }

                @Override
                public byte[] finish() {
                    return d.digest();
                }
            };
        }
    };

    /** Minimal incremental hashing view, so both families share the Merkle code without copies. */
    interface Sink {
        void update(byte b);

        void update(byte[] data);

        byte[] finish();
    }

    private final String wireName;
    private final String jcaName;

    HashAlgorithm(String wireName, String jcaName) {
        this.wireName = wireName;
        this.jcaName = jcaName;
    }

    /** A fresh hashing context; must be finished on the calling thread before asking for another. */
    abstract Sink sink();

    /** Hash of the concatenation of {@code parts}. */
    public byte[] digest(byte[]... parts) {
        Sink s = sink();
        for (byte[] p : parts) {
            s.update(p);
        }
        return s.finish();
    }

    /** H(prefix ‖ a ‖ b) without building the concatenation (Merkle leaves and nodes). */
    byte[] digestPrefixed(byte prefix, byte[] a, byte[] b) {
        Sink s = sink();
        s.update(prefix);
        s.update(a);
        if (b != null) {
            s.update(b);
        }
        return s.finish();
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
