package org.creditnode.workflows.report;

import org.creditnode.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chart's bins, and the font setting's clear failure. */
class ReportChartTest {
    @Test
    void twoYearsOrLessByMonthWithEmptyMonthsShown() {
        ReportChart.Chart c = ReportChart.of(List.of(LocalDate.of(2026, 1, 5), LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 9)));
        assertEquals(ReportChart.Unit.MONTH, c.unit());
        assertEquals(List.of(new ReportChart.Bar("2026-01", 1), new ReportChart.Bar("2026-02", 0), new ReportChart.Bar("2026-03", 2)), c.bars());
        assertEquals(2, c.highest());
    }

    @Test
    void longerByYear() {
        ReportChart.Chart c = ReportChart.of(List.of(LocalDate.of(2021, 5, 1), LocalDate.of(2023, 6, 1), LocalDate.of(2023, 7, 1)));
        assertEquals(ReportChart.Unit.YEAR, c.unit());
        assertEquals(List.of(new ReportChart.Bar("2021", 1), new ReportChart.Bar("2022", 0), new ReportChart.Bar("2023", 2)), c.bars());
    }

    @Test
    void noRecordsNoBars() {
        assertTrue(ReportChart.of(List.of()).bars().isEmpty());
    }

    @Test
    void aConfiguredFontThatIsNotThereStopsTheNodeNamingTheSetting() {
        String m = assertThrows(ConfigException.class, () -> CjkFont.find("/nowhere/font.ttc")).getMessage();
        assertTrue(m.startsWith("report.font: /nowhere/font.ttc does not exist"), m);
        assertTrue(CjkFont.missingMessage().contains("set report.font"), CjkFont.missingMessage());
    }
}
