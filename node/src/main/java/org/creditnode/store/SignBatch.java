package org.creditnode.store;

/** A signed batch statement: the origin's signature over a Merkle root of its records. */
public record SignBatch(String batchId, String origin, int treeSize, String rootHash, String signedAt,
                        String sigAlg, String keyId, String signature) {
}
