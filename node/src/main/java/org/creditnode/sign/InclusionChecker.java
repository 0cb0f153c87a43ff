package org.creditnode.sign;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks many RFC 9162 inclusion proofs under one tree head, hashing each interior node once.
 *
 * <p>A delivery carries hundreds of leaves of the same batch, and their audit paths share all
 * but their lowest steps. Checked one by one they cost about log2(n) node hashes each; here a
 * walk stops at the first node an earlier proof already led to the root, provided the rest of
 * its path is byte for byte the path that proved it. The outcome is exactly that of {@link
 * MerkleTree#verifyInclusion} for every proof (same leaf index, same path), at about one node
 * hash per leaf. Not thread-safe: one checker per batch and delivery.
 *
 * <p>The same memo lets a sender leave out what the receiver already holds: a path may stop at
 * the first node that an earlier proof of the same delivery passed through ({@link Trimmer}), and
 * {@link #complete} fills in the rest from that earlier proof.
 */
public final class InclusionChecker {
    private final HashAlgorithm hash;
    private final long treeSize;
    private final byte[] root;
    /** Node (level, index) → its hash and the remainder of the path that proved it. */
    private final Map<Long, Proven> proven = new HashMap<>();
    private long nodeHashes;

    private record Proven(byte[] hash, List<byte[]> restOfPath) {
    }

    public InclusionChecker(HashAlgorithm hash, long treeSize, byte[] root) {
        this.hash = hash;
        this.treeSize = treeSize;
        this.root = root.clone();
    }

    /** True if {@code path} proves {@code leafHash} is leaf {@code leafIndex} of the tree; never throws for bad input. */
    public boolean verify(byte[] leafHash, long leafIndex, List<byte[]> path) {
        List<byte[]> full = complete(leafHash, leafIndex, path);
        return full != null && full.size() == path.size();
    }

    /**
     * Checks a path that may stop early, at a node an earlier proof of this checker passed
     * through, and returns the whole RFC 9162 audit path; null if it does not prove the leaf.
     */
    public List<byte[]> complete(byte[] leafHash, long leafIndex, List<byte[]> path) {
        if (leafHash == null || path == null || leafIndex < 0 || leafIndex >= treeSize) {
            return null;
        }
        // The walk of RFC 9162 §2.1.3.2, noting where each step lands: after `level` halvings of
        // the index, the node covering this leaf is (level, leafIndex >>> level).
        long fn = leafIndex;
        long sn = treeSize - 1;
        int level = 0;
        byte[] r = leafHash;
        List<Long> keys = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            byte[] p = path.get(i);
            if (sn == 0 || p == null || p.length != hash.digestLength()) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleTree.nodeHash(hash, p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                    level++;
                }
            } else {
                r = MerkleTree.nodeHash(hash, r, p);
            }
            nodeHashes++;
            fn >>>= 1;
            sn >>>= 1;
            level++;
            long key = nodeKey(level, fn);
            Proven known = proven.get(key);
            if (known != null) {
                List<byte[]> rest = path.subList(i + 1, path.size());
                if (!MessageDigest.isEqual(known.hash(), r) || !(rest.isEmpty() || samePath(known.restOfPath(), rest))) {
                    return null;
                }
                List<byte[]> full = new ArrayList<>(path.subList(0, i + 1));
                full.addAll(known.restOfPath());
                remember(keys, hashes, full);
                return full;
            }
            keys.add(key);
            hashes.add(r);
        }
        if (sn != 0 || !MessageDigest.isEqual(r, root)) {
            return null;
        }
        remember(keys, hashes, path);
        return path;
    }

    /** The nodes of a walk that reached the root (or a proven node), each with the path above it. */
    private void remember(List<Long> keys, List<byte[]> hashes, List<byte[]> path) {
        for (int i = 0; i < keys.size(); i++) {
            proven.put(keys.get(i), new Proven(hashes.get(i), List.copyOf(path.subList(i + 1, path.size()))));
        }
    }

    /** Interior node hashes computed so far (a cost figure for tests and benchmarks). */
    public long nodeHashes() {
        return nodeHashes;
    }

    /** Where step i of a leaf's walk lands: (levels climbed, index at that level). */
    private static long nodeKey(int level, long index) {
        return ((long) level << 56) | index;
    }

    /**
     * The sender's side: how much of each audit path a receiver needs when it checks the leaves of
     * one batch in this order with a {@link InclusionChecker}. Positions only, no hashing.
     */
    public static final class Trimmer {
        private final long treeSize;
        private final java.util.Set<Long> passed = new java.util.HashSet<>();

        public Trimmer(long treeSize) {
            this.treeSize = treeSize;
        }

        /** Number of leading path elements to send for leaf {@code leafIndex} (whose full path has {@code pathLength}). */
        public int keep(long leafIndex, int pathLength) {
            long fn = leafIndex;
            long sn = treeSize - 1;
            int level = 0;
            for (int i = 0; i < pathLength && sn != 0; i++) {
                if ((fn & 1) == 1 || fn == sn) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                        level++;
                    }
                }
                fn >>>= 1;
                sn >>>= 1;
                level++;
                if (!passed.add(nodeKey(level, fn))) {
                    return i + 1; // the receiver proved this node with an earlier leaf
                }
            }
            return pathLength;
        }
    }

    private static boolean samePath(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!MessageDigest.isEqual(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
