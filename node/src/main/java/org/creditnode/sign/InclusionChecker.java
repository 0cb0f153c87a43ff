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
        if (leafHash == null || path == null || leafIndex < 0 || leafIndex >= treeSize) {
            return false;
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
                return false;
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
            long key = ((long) level << 56) | fn;
            Proven known = proven.get(key);
            if (known != null) {
                if (!MessageDigest.isEqual(known.hash(), r) || !samePath(known.restOfPath(), path.subList(i + 1, path.size()))) {
                    return false;
                }
                remember(keys, hashes, path);
                return true;
            }
            keys.add(key);
            hashes.add(r);
        }
        if (sn != 0 || !MessageDigest.isEqual(r, root)) {
            return false;
        }
        remember(keys, hashes, path);
        return true;
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
