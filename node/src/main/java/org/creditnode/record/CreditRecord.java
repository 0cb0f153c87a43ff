package org.creditnode.record;

import java.time.LocalDate;

/**
 * One version of a credit record as its origin issued it: identity ({@code <origin>-<seq>} and
 * version; a correction, revocation, repair or objection outcome is a later version signed by the
 * origin), what it is about, where it stands, and the exact canonical text that was hashed and
 * signed, chained to the origin's previous record by {@code prevHash}.
 */
public record CreditRecord(String id, int version, String origin, long seq, String category, String subjectKey,
                           RecordStatus status, LocalDate decisionDate, LocalDate publicityUntil, String receivedAt,
                           String canonical, String hash, String prevHash) {

    public CreditRecord {
        if (id == null || origin == null || canonical == null || hash == null) {
            throw new IllegalArgumentException("a credit record needs an id, an origin, its canonical text and its hash");
        }
        if (version < 1) throw new IllegalArgumentException("versions start at 1, got " + version);
        if (status == null) status = RecordStatus.ACTIVE;
    }
}
