package org.creditnode.workflows.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * The report's chart of records over time: a bar per month when the records span two years or
 * less (a short history reads by month), else a bar per year; empty periods between the first and
 * the last record are shown as empty bars, so the axis is true to time.
 */
public final class ReportChart {
    static final int MONTHS_AT_MOST = 24;

    public enum Unit { MONTH, YEAR }

    public record Bar(String label, int count) {
    }

    public record Chart(Unit unit, List<Bar> bars) {
        public int highest() { return bars.stream().mapToInt(Bar::count).max().orElse(0); }
    }

    private ReportChart() {
    }

    public static Chart of(Collection<LocalDate> decisionDates) {
        if (decisionDates.isEmpty()) return new Chart(Unit.YEAR, List.of());
        TreeMap<YearMonth, Integer> months = new TreeMap<>();
        for (LocalDate d : decisionDates) months.merge(YearMonth.from(d), 1, Integer::sum);
        YearMonth first = months.firstKey();
        YearMonth last = months.lastKey();
        List<Bar> bars = new ArrayList<>();
        if (first.plusMonths(MONTHS_AT_MOST - 1).isBefore(last)) {
            for (int y = first.getYear(); y <= last.getYear(); y++) {
                int year = y;
                int n = months.entrySet().stream().filter(e -> e.getKey().getYear() == year).mapToInt(e -> e.getValue()).sum();
                bars.add(new Bar(String.valueOf(y), n));
            }
            return new Chart(Unit.YEAR, bars);
        }
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) bars.add(new Bar(m.toString(), months.getOrDefault(m, 0)));
        return new Chart(Unit.MONTH, bars);
    }
}
