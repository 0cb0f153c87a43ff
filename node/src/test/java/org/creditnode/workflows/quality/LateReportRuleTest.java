package org.creditnode.workflows.quality;

import org.creditnode.record.SampleRecords;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 迟报: more than 7 working days from decision to receipt, on the 2026 holiday calendar of config/holidays.yaml. */
class LateReportRuleTest {
    private final LateReportRule rule = new LateReportRule(SampleRecords.calendar(), 7);

    @Test
    void theNationalDayHolidayDoesNotCountAndItsMakeUpSaturdayDoes() {
        LocalDate decided = LocalDate.of(2026, 9, 30); // Wed; 10-01..10-07 off, Sat 10-10 a working day
        // Mon-Fri alone would count 10-01, 02, 05, 06, 07, 08, 09, 12 = 8 and call this late
        assertEquals(4, rule.workingDays(decided, LocalDate.of(2026, 10, 12)));
        assertFalse(rule.late(decided, LocalDate.of(2026, 10, 12)));
        assertEquals(7, rule.workingDays(decided, LocalDate.of(2026, 10, 15)), "08, 09, Sat 10, 12, 13, 14, 15");
        assertFalse(rule.late(decided, LocalDate.of(2026, 10, 15)), "exactly 7 working days is on time");
        assertTrue(rule.late(decided, LocalDate.of(2026, 10, 16)));
        assertEquals(LocalDate.of(2026, 10, 15), rule.dueBy(decided));
    }

    @Test
    void aMakeUpSundayCountsAndTheMidAutumnFridayDoesNot() {
        LocalDate decided = LocalDate.of(2026, 9, 18); // Fri; Sun 09-20 a working day, 09-25..09-27 off
        assertEquals(1, rule.workingDays(decided, LocalDate.of(2026, 9, 20)));
        assertEquals(5, rule.workingDays(decided, LocalDate.of(2026, 9, 27)), "20, 21, 22, 23, 24; not 25");
        assertEquals(7, rule.workingDays(decided, LocalDate.of(2026, 9, 29)));
        assertTrue(rule.late(decided, LocalDate.of(2026, 9, 30)));
    }

    @Test
    void sameDayAndEarlierReceiptsAreOnTimeAndTheLimitIsConfigurable() {
        LocalDate decided = LocalDate.of(2026, 11, 10);
        assertEquals(0, rule.workingDays(decided, decided));
        assertEquals(0, rule.workingDays(decided, decided.minusDays(3)));
        LateReportRule strict = new LateReportRule(SampleRecords.calendar(), 3);
        assertTrue(strict.late(decided, LocalDate.of(2026, 11, 16)), "11, 12, 13, 16: 4 > 3");
        assertFalse(rule.late(decided, LocalDate.of(2026, 11, 16)));
        assertThrows(IllegalArgumentException.class, () -> new LateReportRule(SampleRecords.calendar(), -1));
    }
}
