package org.creditnode.record;

import org.creditnode.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkingCalendarTest {

    private static final WorkingCalendar CAL = SampleRecords.calendar();

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void makeUpSundayIsAWorkingDay() {
        assertEquals(DayOfWeek.SUNDAY, d("2026-01-04").getDayOfWeek());
        assertTrue(CAL.isWorkingDay(d("2026-01-04")));
        assertTrue(CAL.isWorkingDay(d("2026-10-10")), "Saturday make-up day");
    }

    @Test
    void holidaysAndWeekendsAreOff() {
        assertEquals(DayOfWeek.MONDAY, d("2026-10-05").getDayOfWeek());
        assertFalse(CAL.isWorkingDay(d("2026-10-05")));
        assertFalse(CAL.isWorkingDay(d("2026-01-02")), "元旦, Friday");
        assertFalse(CAL.isWorkingDay(d("2026-11-21")), "ordinary Saturday");
        assertTrue(CAL.isWorkingDay(d("2026-11-20")), "ordinary Friday");
        assertFalse(CAL.isWorkingDay(d("2025-10-08")), "2025 National Day lasted to 10-08");
        assertTrue(CAL.isWorkingDay(d("2024-02-04")), "2024 make-up Sunday");
        assertFalse(CAL.isWorkingDay(d("2024-02-16")), "2024 春节");
    }

    @Test
    void addWorkingDaysAcrossNationalDay() {
        assertEquals(d("2026-10-08"), CAL.addWorkingDays(d("2026-09-30"), 1));
        // 9-29, 9-30, 10-08, 10-09, 10-10 (Sat, make-up), 10-12, 10-13
        assertEquals(d("2026-10-13"), CAL.addWorkingDays(d("2026-09-28"), 7));
        assertEquals(7, CAL.workingDaysBetween(d("2026-09-28"), d("2026-10-13")));
        assertEquals(d("2026-09-28"), CAL.addWorkingDays(d("2026-10-13"), -7));
        assertEquals(-7, CAL.workingDaysBetween(d("2026-10-13"), d("2026-09-28")));
        assertEquals(d("2026-09-30"), CAL.addWorkingDays(d("2026-09-30"), 0));
    }

    @Test
    void sevenWorkingDayDeadlineOverSpringFestival() {
        // decision Fri 2026-02-13: 2-14 (Sat, make-up), then 2-24 .. 2-27, 2-28 (Sat, make-up), 3-02
        assertEquals(d("2026-03-02"), CAL.addWorkingDays(d("2026-02-13"), 7));
    }

    @Test
    void addAndBetweenAreInverse() {
        LocalDate start = d("2024-01-01");
        for (int i = 0; i < 900; i += 13) {
            LocalDate x = start.plusDays(i);
            for (int n : new int[]{-9, -1, 1, 7, 20}) {
                assertEquals(n, CAL.workingDaysBetween(x, CAL.addWorkingDays(x, n)), x + " " + n);
            }
        }
    }

    @Test
    void unlistedYearsFallBackToWeekdays() {
        assertFalse(CAL.covers(d("2027-10-01")));
        assertTrue(CAL.covers(d("2025-10-01")));
        assertTrue(CAL.isWorkingDay(d("2027-10-01")), "2027 notice not loaded: a Friday counts");
    }

    @Test
    void brokenFileFails(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("holidays.yaml");
        Files.writeString(f, "years:\n  2026:\n    off: [2026-10-01/2026-09-07]\n");
        assertThrows(ConfigException.class, () -> WorkingCalendar.load(f));
        Files.writeString(f, "years:\n  2026:\n    off: [2026-10-10]\n    workdays: [2026-10-10]\n");
        assertThrows(ConfigException.class, () -> WorkingCalendar.load(f));
    }
}
