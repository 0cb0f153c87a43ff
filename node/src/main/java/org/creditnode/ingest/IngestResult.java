package org.creditnode.ingest;

import java.util.List;

/** The answer to a submitted batch: every record is either accepted (and committed) or rejected. */
public record IngestResult(List<Accepted> accepted, List<Rejected> rejected) {
}
