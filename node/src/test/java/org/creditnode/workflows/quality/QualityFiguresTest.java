package org.creditnode.workflows.quality;

import org.creditnode.problem.Problem;
import org.creditnode.store.QualityCounts.DayCount;
import org.creditnode.store.QualityCounts.MonthCount;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Periods (周、月、季) and the three rates, computed from day and month counts alike at every level. */
class QualityFiguresTest {
    private static final String A = "11360404000000001X";
    private static final String B = "11360404000000002X";

    @Test
    void periodsAreNamedAndRanged() {
        assertEquals("2026-W49", Periods.WEEK.of(LocalDate.of(2026, 12, 2)).key());
        assertEquals(LocalDate.of(2026, 11, 30), Periods.WEEK.parseKey("from", "2026-W49").first());
        assertEquals("2026-Q4", Periods.QUARTER.of(LocalDate.of(2026, 11, 2)).key());
        assertEquals(LocalDate.of(2026, 12, 31), Periods.QUARTER.parseKey("from", "2026-Q4").last());
        assertEquals(3, Periods.MONTH.range(Periods.MONTH.parseKey("from", "2026-10"), Periods.MONTH.parseKey("to", "2026-12")).size());
        Problem bad = assertThrows(Problem.class, () -> Periods.MONTH.parseKey("from", "2026-13"));
        assertTrue(bad.getMessage().startsWith("from: a month such as 2026-11"), bad.getMessage());
        assertTrue(assertThrows(Problem.class, () -> Periods.parse("day")).getMessage().startsWith("period:"));
        assertTrue(assertThrows(Problem.class, () -> Periods.MONTH.range(Periods.MONTH.parseKey("from", "2026-11"),
                Periods.MONTH.parseKey("to", "2026-10"))).getMessage().startsWith("to:"));
    }

    @Test
    void ratesPerMonthAndQuarterWithMissingAgainstTheDeclaredTotalAndARanking() {
        List<DayCount> days = List.of(
                new DayCount("360404", A, "ADMIN_PENALTY", LocalDate.of(2026, 11, 3), 2, 1, 1),
                new DayCount("360404", A, "ADMIN_PENALTY", LocalDate.of(2026, 10, 20), 1, 0, 0),
                new DayCount("360404", B, "ADMIN_PENALTY", LocalDate.of(2026, 11, 10), 4, 0, 0));
        List<MonthCount> months = List.of(new MonthCount("360404", A, "ADMIN_PENALTY", YearMonth.of(2026, 11), 5L, 3));
        List<Periods.Period> nov = List.of(Periods.MONTH.parseKey("from", "2026-11"));
        QualityFigures.Figures f = QualityFigures.of(Periods.MONTH, nov, days, months, Map.of("360404/" + A, "甲局"), c -> "行政处罚");
        assertEquals(2, f.rows().size(), f.toString());
        QualityFigures.Row a = f.rows().get(0);
        assertEquals(A, a.authority());
        assertEquals("甲局", a.authorityName());
        assertEquals(3, a.received());
        assertEquals(new BigDecimal("0.3333"), a.lateRate());
        assertEquals(new BigDecimal("0.2500"), a.errorRate(), "1 refused of 4 submitted");
        assertEquals(2L, a.missing());
        assertEquals(new BigDecimal("0.4000"), a.missingRate());
        assertNull(f.rows().get(1).missing(), "nothing declared: no 漏报 figure rather than 0");
        assertEquals(B, f.ranking().get(0).authority(), "rank 1: the lowest late rate");
        assertEquals(2, f.ranking().get(1).rank());

        QualityFigures.Figures q = QualityFigures.of(Periods.QUARTER, List.of(Periods.QUARTER.parseKey("from", "2026-Q4")), days, months,
                Map.of(), c -> c);
        assertEquals(4, q.rows().get(0).received(), "October and November");
        QualityFigures.Figures w = QualityFigures.of(Periods.WEEK, List.of(Periods.WEEK.parseKey("from", "2026-W45")), days, months,
                Map.of(), c -> c);
        assertEquals(1, w.rows().size(), w.toString());
        assertNull(w.rows().get(0).declared(), "no 漏报 per week: totals are declared per month");
    }

    @Test
    void csvIsChineseWithBomPercentagesAndNoFormulas() {
        QualityFigures.Figures f = QualityFigures.of(Periods.MONTH, List.of(Periods.MONTH.parseKey("from", "2026-11")),
                List.of(new DayCount("360404", A, "ADMIN_PENALTY", LocalDate.of(2026, 11, 3), 2, 1, 0)), List.of(),
                Map.of("360404/" + A, "=HYPERLINK(\"x\")"), c -> "行政处罚");
        String csv = QualityCsv.csv(f, QualityCsv.Table.ROWS);
        assertTrue(csv.startsWith("\uFEFF统计周期,节点,报送单位代码"), csv);
        assertTrue(csv.contains(",\"'=HYPERLINK(\"\"x\"\")\",ADMIN_PENALTY,行政处罚,3,2,1,0,,,,33.33%,0.00%,\n"), csv);
        assertTrue(QualityCsv.csv(f, QualityCsv.Table.RANKING).startsWith("\uFEFF排名,节点"));
    }
}
