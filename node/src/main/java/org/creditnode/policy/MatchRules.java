package org.creditnode.policy;

import org.creditnode.record.RecordStatus;

import java.time.LocalDate;
import java.util.Set;

/**
 * What automatic matching (自动比对) counts: a list entry that is in force, and a measure that is
 * in force for the business purpose of the check (CS23 §19: 合法、关联、比例).
 */
public final class MatchRules {
    private MatchRules() {
    }

    /** A list entry as matching sees it on {@code today}. */
    public record Entry(String recordId, RecordStatus status, LocalDate validFrom, LocalDate validTo, LocalDate today) {
    }

    /** A measure of the measure list, asked for a purpose on {@code today}. */
    public record Measure(String id, Set<String> purposes, LocalDate appliesFrom, String purpose, LocalDate today) {
    }

    /**
     * An entry counts while its origin holds it ACTIVE or DISPUTED (disputed: reported, its measures
     * suspended, JXJ16 (21)) and today is within its validity; expiry needs no new version.
     */
    public static final class EntryInForce implements PolicyFunction<Entry> {
        public String name() { return "entry-in-force"; }

        public Decision evaluate(Entry e) {
            if (e.status() != RecordStatus.ACTIVE && e.status() != RecordStatus.DISPUTED) {
                return Decision.deny(name() + ": " + e.recordId() + " is " + e.status());
            }
            if (e.validFrom() != null && e.validFrom().isAfter(e.today())) {
                return Decision.deny(name() + ": " + e.recordId() + " applies from " + e.validFrom());
            }
            if (e.validTo() != null && e.validTo().isBefore(e.today())) {
                return Decision.deny(name() + ": " + e.recordId() + " expired on " + e.validTo());
            }
            return Decision.permit(name());
        }
    }

    /** A measure applies from its date (measure lists change yearly) and only to the purposes it names. */
    public static final class MeasureForPurpose implements PolicyFunction<Measure> {
        public String name() { return "measure-for-purpose"; }

        public Decision evaluate(Measure m) {
            if (m.appliesFrom().isAfter(m.today())) return Decision.deny(name() + ": " + m.id() + " applies from " + m.appliesFrom());
            if (!m.purposes().contains(m.purpose())) return Decision.deny(name() + ": " + m.id() + " is not for " + m.purpose());
            return Decision.permit(name());
        }
    }
}
