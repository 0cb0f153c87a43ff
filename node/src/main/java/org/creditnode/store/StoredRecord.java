package org.creditnode.store;

import java.time.LocalDate;

/**
 * One version of a record as stored: the exact canonical text that was hashed and signed, plus
 * the columns the node queries by. Either {@code signature} (signed alone) or
 * {@code batchId}/{@code leafIndex}/{@code proof} (signed under a batch root) is set. {@code via} is the
 * neighbour a received record came from, null for this node's own records.
 */
public record StoredRecord(
        String id, int version, String origin, long seq, String category, String subjectKey,
        String status, LocalDate decisionDate, LocalDate publicityUntil, String receivedAt,
        String hash, String prevHash, String canonical, String sigAlg, String keyId,
        String batchId, Integer leafIndex, String proof, String signature, long rowNo, String via) {

    /** The same record as leaf {@code leafIndex} of a signed batch, with its inclusion path. */
    public StoredRecord inBatch(String batch, int leaf, String path) {
        return new StoredRecord(id, version, origin, seq, category, subjectKey, status, decisionDate, publicityUntil,
                receivedAt, hash, prevHash, canonical, sigAlg, keyId, batch, leaf, path, null, rowNo, via);
    }

    /** The same record as it arrived by a link from a neighbour (for storing a received copy). */
    public StoredRecord arrivedVia(String link) {
        return new StoredRecord(id, version, origin, seq, category, subjectKey, status, decisionDate, publicityUntil,
                receivedAt, hash, prevHash, canonical, sigAlg, keyId, batchId, leafIndex, proof, signature, 0, link);
    }
}
