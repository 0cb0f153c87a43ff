package org.creditnode.policy;

import org.creditnode.record.RecordStatus;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatchRulesTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    private final MatchRules.EntryInForce entry = new MatchRules.EntryInForce();
    private final MatchRules.MeasureForPurpose measure = new MatchRules.MeasureForPurpose();

    @Test
    void anEntryCountsWhileActiveOrDisputedAndWithinItsValidity() {
        assertTrue(entry.evaluate(new MatchRules.Entry("r", RecordStatus.ACTIVE, TODAY.minusDays(1), TODAY, TODAY)).permitted(), "the last day counts");
        assertTrue(entry.evaluate(new MatchRules.Entry("r", RecordStatus.DISPUTED, null, null, TODAY)).permitted(), "disputed: reported, measures suspended");
        assertFalse(entry.evaluate(new MatchRules.Entry("r", RecordStatus.ACTIVE, null, TODAY.minusDays(1), TODAY)).permitted(), "expired by itself");
        assertFalse(entry.evaluate(new MatchRules.Entry("r", RecordStatus.ACTIVE, TODAY.plusDays(1), null, TODAY)).permitted(), "not yet");
        assertFalse(entry.evaluate(new MatchRules.Entry("r", RecordStatus.REPAIRED, null, null, TODAY)).permitted());
        assertFalse(entry.evaluate(new MatchRules.Entry("r", RecordStatus.REVOKED, null, null, TODAY)).permitted());
    }

    @Test
    void aMeasureAppliesFromItsDateAndOnlyToItsPurposes() {
        assertTrue(measure.evaluate(new MatchRules.Measure("m", Set.of("PROCUREMENT"), TODAY, "PROCUREMENT", TODAY)).permitted());
        assertFalse(measure.evaluate(new MatchRules.Measure("m", Set.of("PROCUREMENT"), TODAY.plusDays(1), "PROCUREMENT", TODAY)).permitted(),
                "next year's measure list is not in force yet");
        assertFalse(measure.evaluate(new MatchRules.Measure("m", Set.of("PROCUREMENT"), TODAY, "HONOURS", TODAY)).permitted());
    }
}
