package org.creditnode.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InclusionCheckerTest {
    private static final HashAlgorithm H = HashAlgorithm.SM3;

    private static List<byte[]> leaves(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(MerkleTree.leafHash(H, ("{\"record\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Test
    void everyLeafOfEverySizeVerifiesInAnyOrderAtAboutOneHashPerLeaf() {
        Random random = new Random(7);
        for (int n = 1; n <= 70; n++) {
            List<byte[]> leaves = leaves(n);
            MerkleTree tree = MerkleTree.build(H, leaves);
            InclusionChecker checker = new InclusionChecker(H, n, tree.root());
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < n; i++) order.add(i);
            Collections.shuffle(order, random);
            for (int i : order) {
                assertTrue(checker.verify(leaves.get(i), i, tree.inclusionProof(i)), "leaf " + i + " of " + n);
            }
            // n - 1 interior nodes, each computed once on its way to being proven, plus at most one
            // hash per walk that ends on an already proven node (a plain check: ~log2(n) per leaf)
            assertTrue(checker.nodeHashes() <= 2L * n - 1, n + " leaves cost " + checker.nodeHashes() + " node hashes");
        }
    }

    @Test
    void agreesWithThePlainVerifierOnForgeries() {
        int n = 37;
        List<byte[]> leaves = leaves(n);
        MerkleTree tree = MerkleTree.build(H, leaves);
        InclusionChecker checker = new InclusionChecker(H, n, tree.root());
        for (int i = 0; i < n; i++) assertTrue(checker.verify(leaves.get(i), i, tree.inclusionProof(i)));

        // another leaf's content at a proven position
        assertFalse(checker.verify(leaves.get(4), 5, tree.inclusionProof(5)));
        assertFalse(MerkleTree.verifyInclusion(H, leaves.get(4), 5, n, tree.inclusionProof(5), tree.root()));
        // a genuine lower path with a forged remainder: the memo must not vouch for the tail
        List<byte[]> forgedTail = new ArrayList<>(tree.inclusionProof(8));
        forgedTail.set(forgedTail.size() - 1, new byte[32]);
        assertFalse(checker.verify(leaves.get(8), 8, forgedTail));
        // one step too many or too few
        List<byte[]> longer = new ArrayList<>(tree.inclusionProof(8));
        longer.add(new byte[32]);
        assertFalse(checker.verify(leaves.get(8), 8, longer));
        assertFalse(checker.verify(leaves.get(8), 8, tree.inclusionProof(8).subList(0, 3)));
        // indexes outside the tree, null parts
        assertFalse(checker.verify(leaves.get(0), n, tree.inclusionProof(0)));
        assertFalse(checker.verify(leaves.get(0), -1, tree.inclusionProof(0)));
        assertFalse(checker.verify(null, 0, tree.inclusionProof(0)));
        assertFalse(checker.verify(leaves.get(0), 0, null));
        // and the genuine proofs still pass afterwards
        assertTrue(checker.verify(leaves.get(8), 8, tree.inclusionProof(8)));
    }

    @Test
    void nothingIsProvenUnderAWrongRoot() {
        List<byte[]> leaves = leaves(16);
        MerkleTree tree = MerkleTree.build(H, leaves);
        InclusionChecker wrongRoot = new InclusionChecker(H, 16, MerkleTree.build(H, leaves(17)).root());
        for (int i = 0; i < 16; i++) assertFalse(wrongRoot.verify(leaves.get(i), i, tree.inclusionProof(i)));
        assertEquals(16L * 4, wrongRoot.nodeHashes()); // nothing memoised: every walk went all the way up
    }
}
