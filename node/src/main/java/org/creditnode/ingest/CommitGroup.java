package org.creditnode.ingest;

import org.creditnode.store.SignBatch;
import org.creditnode.store.StoredRecord;

import java.util.List;

/** What one database transaction of the committer made durable: the records and, if batch-signed, their batch. */
public record CommitGroup(List<StoredRecord> records, SignBatch batch) {
}
