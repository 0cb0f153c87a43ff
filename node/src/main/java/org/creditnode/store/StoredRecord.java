package org.creditnode.store;

import org.creditnode.record.CreditRecord;
import org.creditnode.record.RecordStatus;

import java.time.LocalDate;

/**
 * A credit record as this node holds it: the record, how its origin sealed it, its row (for
 * paging) and {@code via}, the neighbour it came from (null for this node's own records). The
 * accessors read through to the parts, so that callers ask for {@code r.id()} or {@code r.keyId()}
 * without caring which part holds it.
 */
public record StoredRecord(CreditRecord record, RecordSeal seal, long rowNo, String via) {

    public String id() { return record.id(); }

    public int version() { return record.version(); }

    public String origin() { return record.origin(); }

    public long seq() { return record.seq(); }

    public String category() { return record.category(); }

    public String subjectKey() { return record.subjectKey(); }

    public RecordStatus status() { return record.status(); }

    public LocalDate decisionDate() { return record.decisionDate(); }

    public LocalDate publicityUntil() { return record.publicityUntil(); }

    public String receivedAt() { return record.receivedAt(); }

    public String hash() { return record.hash(); }

    public String prevHash() { return record.prevHash(); }

    public String canonical() { return record.canonical(); }

    public String sigAlg() { return seal.sigAlg(); }

    public String keyId() { return seal.keyId(); }

    public String batchId() { return seal.batchId(); }

    public Integer leafIndex() { return seal.leafIndex(); }

    public String proof() { return seal.proof(); }

    public String signature() { return seal.signature(); }

    /** The same record as leaf {@code leafIndex} of a signed batch, with its inclusion path. */
    public StoredRecord inBatch(String batch, int leaf, String path) {
        return new StoredRecord(record, seal.inBatch(batch, leaf, path), rowNo, via);
    }

    /** The same record as it arrived by a link from a neighbour (for storing a received copy). */
    public StoredRecord arrivedVia(String link) {
        return new StoredRecord(record, seal, 0, link);
    }
}
