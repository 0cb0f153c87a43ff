package org.creditnode.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MerkleTreeTest {

    /** RFC 9162 §2.1.1 MTH, written straight from the definition (k = largest power of 2 < n). */
    private static byte[] referenceMth(HashAlgorithm h, List<byte[]> leafData) {
        int n = leafData.size();
        if (n == 0) {
            return h.digest();
        }
        if (n == 1) {
            return h.digest(new byte[] {0}, leafData.get(0));
        }
        int k = Integer.highestOneBit(n - 1);
        return h.digest(new byte[] {1}, referenceMth(h, leafData.subList(0, k)),
                referenceMth(h, leafData.subList(k, n)));
    }

    private static List<byte[]> data(int n) {
        List<byte[]> d = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            d.add(("{\"record\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }
        return d;
    }

    private static List<byte[]> leafHashes(HashAlgorithm h, List<byte[]> data) {
        List<byte[]> l = new ArrayList<>();
        for (byte[] d : data) {
            l.add(MerkleTree.leafHash(h, d));
        }
        return l;
    }

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void everyProofOfSizes1To40VerifiesAgainstReferenceRoot(HashAlgorithm h) {
        for (int n = 1; n <= 40; n++) {
            List<byte[]> data = data(n);
            MerkleTree tree = MerkleTree.build(h, leafHashes(h, data));
            byte[] root = referenceMth(h, data);
            assertArrayEquals(root, tree.root(), "root of size " + n);
            for (int m = 0; m < n; m++) {
                List<byte[]> path = tree.inclusionProof(m);
                assertEquals(pathLength(m, n), path.size());
                byte[] leaf = MerkleTree.leafHash(h, data.get(m));
                assertTrue(MerkleTree.verifyInclusion(h, leaf, m, n, path, root), "leaf " + m + " of " + n);
                assertFalse(MerkleTree.verifyInclusion(h, leaf, m, n, path, MerkleTree.leafHash(h, new byte[0])));
                // wrong index / size
                if (n > 1) {
                    assertFalse(MerkleTree.verifyInclusion(h, leaf, (m + 1) % n, n, path, root), "index " + m + "/" + n);
                }
                // A wrong size must fail whenever it implies a different path shape. (Where the
                // shape coincides the RFC verifier cannot tell; the size is bound by the signed
                // batch statement, which verifiers compare with the proof's treeSize.)
                for (int wrong = m + 1; wrong <= 41; wrong++) {
                    if (wrong != n && pathLength(m, wrong) != path.size()) {
                        assertFalse(MerkleTree.verifyInclusion(h, leaf, m, wrong, path, root), m + "/" + n + " as " + wrong);
                    }
                }
                assertFalse(MerkleTree.verifyInclusion(h, leaf, m, m, path, root)); // index == size
                // each tampered element, a dropped element, an extra element
                for (int i = 0; i < path.size(); i++) {
                    List<byte[]> bad = new ArrayList<>(path);
                    byte[] e = bad.get(i).clone();
                    e[i % e.length] ^= 1;
                    bad.set(i, e);
                    assertFalse(MerkleTree.verifyInclusion(h, leaf, m, n, bad, root));
                }
                if (!path.isEmpty()) {
                    assertFalse(MerkleTree.verifyInclusion(h, leaf, m, n, path.subList(0, path.size() - 1), root));
                }
                List<byte[]> longer = new ArrayList<>(path);
                longer.add(root);
                assertFalse(MerkleTree.verifyInclusion(h, leaf, m, n, longer, root));
                // a different leaf
                assertFalse(MerkleTree.verifyInclusion(h, MerkleTree.leafHash(h, new byte[] {9}), m, n, path, root));
            }
        }
    }

    @Test
    void knownAnswersSha256FromTheDefinitions() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        HexFormat hex = HexFormat.of();
        // Leaf hash of the empty leaf: SHA-256(0x00), the well-known CT value.
        byte[] l0 = sha.digest(new byte[] {0});
        assertEquals("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", hex.formatHex(l0));
        byte[] l1 = sha.digest(new byte[] {0, 'a'});
        byte[] l2 = sha.digest(new byte[] {0, 'b'});
        byte[] l3 = sha.digest(new byte[] {0, 'c'});
        byte[] l4 = sha.digest(new byte[] {0, 'd'});
        assertArrayEquals(l0, MerkleTree.leafHash(HashAlgorithm.SHA256, new byte[0]));
        assertArrayEquals(l1, MerkleTree.leafHash(HashAlgorithm.SHA256, new byte[] {'a'}));

        // 3 leaves: k = 2, so root = N(N(l0,l1), l2).
        byte[] n01 = node(sha, l0, l1);
        byte[] root3 = node(sha, n01, l2);
        MerkleTree t3 = MerkleTree.build(HashAlgorithm.SHA256, List.of(l0, l1, l2));
        assertArrayEquals(root3, t3.root());
        assertEquals(List.of(hex.formatHex(l1), hex.formatHex(l2)), hexes(t3.inclusionProof(0)));
        assertEquals(List.of(hex.formatHex(n01)), hexes(t3.inclusionProof(2)));

        // 5 leaves: k = 4, root = N(N(N(l0,l1),N(l2,l3)), l4); leaf 4's path is the left subtree only.
        byte[] left = node(sha, n01, node(sha, l2, l3));
        MerkleTree t5 = MerkleTree.build(HashAlgorithm.SHA256, List.of(l0, l1, l2, l3, l4));
        assertArrayEquals(node(sha, left, l4), t5.root());
        assertEquals(List.of(hex.formatHex(left)), hexes(t5.inclusionProof(4)));
        assertEquals(List.of(hex.formatHex(l3), hex.formatHex(n01), hex.formatHex(l4)), hexes(t5.inclusionProof(2)));

        // Single leaf: root is the leaf hash, path empty. Empty tree: SHA-256("").
        MerkleTree t1 = MerkleTree.build(HashAlgorithm.SHA256, List.of(l0));
        assertArrayEquals(l0, t1.root());
        assertTrue(t1.inclusionProof(0).isEmpty());
        assertTrue(MerkleTree.verifyInclusion(HashAlgorithm.SHA256, l0, 0, 1, List.of(), l0));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                hex.formatHex(MerkleTree.build(HashAlgorithm.SHA256, List.of()).root()));
    }

    @Test
    void badInput() {
        HashAlgorithm h = HashAlgorithm.SM3;
        MerkleTree t = MerkleTree.build(h, leafHashes(h, data(3)));
        assertThrows(IndexOutOfBoundsException.class, () -> t.inclusionProof(3));
        assertThrows(IndexOutOfBoundsException.class, () -> t.inclusionProof(-1));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.build(h, List.of(new byte[31])));
        byte[] leaf = MerkleTree.leafHash(h, data(3).get(0));
        assertFalse(MerkleTree.verifyInclusion(h, leaf, -1, 3, t.inclusionProof(0), t.root()));
        assertFalse(MerkleTree.verifyInclusion(h, leaf, 0, 0, List.of(), t.root()));
        assertFalse(MerkleTree.verifyInclusion(h, leaf, 0, 3, null, t.root()));
        List<byte[]> withShort = new ArrayList<>(t.inclusionProof(0));
        withShort.set(0, new byte[5]);
        assertFalse(MerkleTree.verifyInclusion(h, leaf, 0, 3, withShort, t.root()));
        // SM3 and SHA-256 trees differ
        assertFalse(MerkleTree.verifyInclusion(HashAlgorithm.SHA256, leaf, 0, 3, t.inclusionProof(0), t.root()));
    }

    @Test
    void largeTreeSpotChecks() {
        HashAlgorithm h = HashAlgorithm.SHA256;
        int n = 100_003;
        List<byte[]> data = data(n);
        MerkleTree t = MerkleTree.build(h, leafHashes(h, data));
        byte[] root = t.root();
        for (int m : new int[] {0, 1, 65_535, 65_536, 99_999, 100_000, 100_002}) {
            assertTrue(MerkleTree.verifyInclusion(h, MerkleTree.leafHash(h, data.get(m)), m, n, t.inclusionProof(m), root));
        }
        assertArrayEquals(referenceMth(h, data), root);
    }

    /** Length of PATH(m, D[n]) straight from RFC 9162 §2.1.3.1's recursion. */
    private static int pathLength(int m, int n) {
        if (n <= 1) {
            return 0;
        }
        int k = Integer.highestOneBit(n - 1);
        return 1 + (m < k ? pathLength(m, k) : pathLength(m - k, n - k));
    }

    private static byte[] node(MessageDigest sha, byte[] l, byte[] r) {
        sha.update((byte) 1);
        sha.update(l);
        sha.update(r);
        return sha.digest();
    }

    private static List<String> hexes(List<byte[]> path) {
        List<String> out = new ArrayList<>();
        for (byte[] p : path) {
            out.add(HexFormat.of().formatHex(p));
        }
        return out;
    }
}
