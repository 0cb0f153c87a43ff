package org.creditnode.sign;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Merkle tree of RFC 9162 §2.1 (the Certificate Transparency layout), so partners can check
 * inclusion proofs with any RFC 9162 verifier or a few lines of shell.
 *
 * <p>Built bottom-up in O(n): pairing nodes left to right and promoting an unpaired last node
 * unchanged yields exactly the RFC's tree, whose left subtree always holds the largest power of
 * two smaller than n leaves. All levels are kept, so a proof is a walk of O(log n) lookups.
 */
public final class MerkleTree {

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private final HashAlgorithm hash;
    /** levels[0] are the leaf hashes, the last level holds the root alone. Empty for an empty tree. */
    private final byte[][][] levels;
    private final byte[] root;

    private MerkleTree(HashAlgorithm hash, byte[][][] levels, byte[] root) {
        this.hash = hash;
        this.levels = levels;
        this.root = root;
    }

    /** RFC 9162 leaf hash: H(0x00 ‖ leafData), leafData being a record's canonical bytes. */
    public static byte[] leafHash(HashAlgorithm hash, byte[] leafData) {
        return hash.digestPrefixed(LEAF_PREFIX, leafData, null);
    }

    /** RFC 9162 interior node hash: H(0x01 ‖ left ‖ right). */
    public static byte[] nodeHash(HashAlgorithm hash, byte[] left, byte[] right) {
        return hash.digestPrefixed(NODE_PREFIX, left, right);
    }

    /**
     * Builds the tree over already computed leaf hashes (see {@link #leafHash}). The arrays are
     * referenced, not copied; callers must not modify them afterwards.
     */
    public static MerkleTree build(HashAlgorithm hash, List<byte[]> leafHashes) {
        int n = leafHashes.size();
        if (n == 0) {
            return new MerkleTree(hash, new byte[0][][], hash.digest()); // MTH({}) = H("")
        }
        int height = 1;
        for (int size = n; size > 1; size = (size + 1) >>> 1) {
            height++;
        }
        byte[][][] levels = new byte[height][][];
        byte[][] level = new byte[n][];
        for (int i = 0; i < n; i++) {
            byte[] h = leafHashes.get(i);
            if (h == null || h.length != hash.digestLength()) {
                throw new IllegalArgumentException("leaf hash " + i + " is not a " + hash.wireName() + " digest");
            }
            level[i] = h;
        }
        levels[0] = level;
        for (int l = 1; l < height; l++) {
            byte[][] below = levels[l - 1];
            byte[][] up = new byte[(below.length + 1) >>> 1][];
            for (int i = 0; i + 1 < below.length; i += 2) {
                up[i >>> 1] = nodeHash(hash, below[i], below[i + 1]);
            }
            if ((below.length & 1) == 1) {
                up[up.length - 1] = below[below.length - 1]; // unpaired: promoted as is
            }
            levels[l] = up;
        }
        return new MerkleTree(hash, levels, levels[height - 1][0]);
    }

    public HashAlgorithm hashAlgorithm() {
        return hash;
    }

    public int size() {
        return levels.length == 0 ? 0 : levels[0].length;
    }

    /** Merkle tree head (MTH) of RFC 9162 §2.1.1; a copy. */
    public byte[] root() {
        return root.clone();
    }

    /** Audit path PATH(m, D[n]) of RFC 9162 §2.1.3.1, ordered from the leaf's sibling upwards. */
    public List<byte[]> inclusionProof(int leafIndex) {
        int n = size();
        if (leafIndex < 0 || leafIndex >= n) {
            throw new IndexOutOfBoundsException("leaf " + leafIndex + " of a tree of size " + n);
        }
        List<byte[]> path = new ArrayList<>(levels.length);
        int m = leafIndex;
        for (int l = 0; l < levels.length - 1; l++) {
            int sibling = m ^ 1;
            if (sibling < levels[l].length) { // a promoted last node has no sibling at this level
                path.add(levels[l][sibling].clone());
            }
            m >>>= 1;
        }
        return path;
    }

    /**
     * Verifies an inclusion proof exactly as RFC 9162 §2.1.3.2 describes. Never throws for bad
     * input; any inconsistency (index, size, path length, hash) gives false.
     */
    public static boolean verifyInclusion(HashAlgorithm hash, byte[] leafHash, long leafIndex, long treeSize,
                                          List<byte[]> path, byte[] root) {
        if (hash == null || leafHash == null || path == null || root == null
                || leafIndex < 0 || leafIndex >= treeSize) {
            return false;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0 || p == null || p.length != hash.digestLength()) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(hash, p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                r = nodeHash(hash, r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }
}
