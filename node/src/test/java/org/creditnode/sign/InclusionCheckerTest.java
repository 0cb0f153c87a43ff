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
    void trimmedPathsAreCompletedToTheFullAuditPath() {
        Random random = new Random(11);
        for (int n : new int[] {1, 2, 3, 5, 8, 13, 64, 100, 1000}) {
            List<byte[]> leaves = leaves(n);
            MerkleTree tree = MerkleTree.build(H, leaves);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < n; i++) order.add(i);
            Collections.shuffle(order, random);
            if (n > 2) order.add(order.get(1)); // a leaf sent twice
            InclusionChecker.Trimmer sender = new InclusionChecker.Trimmer(n);
            InclusionChecker receiver = new InclusionChecker(H, n, tree.root());
            long sent = 0, full = 0;
            for (int i : order) {
                List<byte[]> proof = tree.inclusionProof(i);
                List<byte[]> trimmed = proof.subList(0, sender.keep(i, proof.size()));
                sent += trimmed.size();
                full += proof.size();
                List<byte[]> completed = receiver.complete(leaves.get(i), i, trimmed);
                assertTrue(completed != null, "leaf " + i + " of " + n);
                assertEquals(proof.size(), completed.size());
                for (int k = 0; k < proof.size(); k++) assertTrue(java.util.Arrays.equals(proof.get(k), completed.get(k)));
            }
            assertTrue(sent <= full && (n < 64 || sent * 3 < full), n + " leaves: sent " + sent + " of " + full + " path elements");
        }
    }

    @Test
    void aTrimmedPathNeedsAnEarlierProofOfTheSameNode() {
        List<byte[]> leaves = leaves(16);
        MerkleTree tree = MerkleTree.build(H, leaves);
        InclusionChecker receiver = new InclusionChecker(H, 16, tree.root());
        assertEquals(null, receiver.complete(leaves.get(3), 3, tree.inclusionProof(3).subList(0, 2))); // nothing proven yet
        assertTrue(receiver.verify(leaves.get(0), 0, tree.inclusionProof(0))); // proves the left half's spine
        assertEquals(null, receiver.complete(leaves.get(12), 12, tree.inclusionProof(12).subList(0, 2))); // right half: not proven
        assertEquals(4, receiver.complete(leaves.get(3), 3, tree.inclusionProof(3).subList(0, 2)).size()); // (2,0) proven by leaf 0
        assertEquals(null, receiver.complete(leaves.get(2), 3, tree.inclusionProof(3).subList(0, 2))); // wrong content there
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
