package org.creditnode.workflows.quality;

import org.creditnode.problem.Problem;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 周监测、月通报、季评估 (CS23 §13): the periods figures are given for. A period is named by its key,
 * {@code 2026-W48} (ISO week, Monday to Sunday), {@code 2026-11} or {@code 2026-Q4}.
 */
public enum Periods {
    WEEK("周"), MONTH("月"), QUARTER("季度");

    private static final Pattern WEEK_KEY = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern MONTH_KEY = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER_KEY = Pattern.compile("(\\d{4})-Q([1-4])");
    /** Most periods in one answer: a year and more of weeks. */
    public static final int MAX_PERIODS = 60;

    public final String label;

    Periods(String label) {
        this.label = label;
    }

    /** A period: its key and its first and last day. */
    public record Period(String key, LocalDate first, LocalDate last) {
        public boolean contains(LocalDate d) { return !d.isBefore(first) && !d.isAfter(last); }
    }

    public static Periods parse(String value) {
        String v = value == null ? "month" : value.trim();
        return switch (v) {
            case "week" -> WEEK;
            case "month" -> MONTH;
            case "quarter" -> QUARTER;
            default -> throw bad("period", "week, month or quarter, got " + v);
        };
    }

    public Period of(LocalDate d) {
        return switch (this) {
            case WEEK -> {
                LocalDate monday = d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield new Period(String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
                        monday, monday.plusDays(6));
            }
            case MONTH -> {
                YearMonth m = YearMonth.from(d);
                yield new Period(m.toString(), m.atDay(1), m.atEndOfMonth());
            }
            case QUARTER -> {
                int q = (d.getMonthValue() - 1) / 3 + 1;
                LocalDate first = LocalDate.of(d.getYear(), (q - 1) * 3 + 1, 1);
                yield new Period(d.getYear() + "-Q" + q, first, first.plusMonths(3).minusDays(1));
            }
        };
    }

    /** The period a key names; the field is named in the 400 when the key is not one of this kind. */
    public Period parseKey(String field, String key) {
        String k = key == null ? "" : key.trim();
        try {
            Matcher m;
            switch (this) {
                case WEEK -> {
                    if ((m = WEEK_KEY.matcher(k)).matches()) {
                        int week = Integer.parseInt(m.group(2));
                        LocalDate jan4 = LocalDate.of(Integer.parseInt(m.group(1)), 1, 4);
                        if (week >= 1 && week <= jan4.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
                            return of(jan4.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week));
                        }
                    }
                }
                case MONTH -> {
                    if ((m = MONTH_KEY.matcher(k)).matches()) return of(YearMonth.parse(k).atDay(1));
                }
                case QUARTER -> {
                    if ((m = QUARTER_KEY.matcher(k)).matches()) {
                        return of(LocalDate.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1));
                    }
                }
            }
        } catch (RuntimeException e) {
            // a month 13 and the like: said below
        }
        throw bad(field, "a " + name().toLowerCase() + " such as " + example() + ", got " + (key == null ? "nothing" : "\"" + key + "\""));
    }

    /** The periods from {@code from} to {@code to}, both included, in order. */
    public List<Period> range(Period from, Period to) {
        if (to.first().isBefore(from.first())) throw bad("to", to.key() + " is before from " + from.key());
        List<Period> out = new ArrayList<>();
        for (Period p = from; !p.first().isAfter(to.first()); p = of(p.last().plusDays(1))) {
            out.add(p);
            if (out.size() > MAX_PERIODS) throw bad("to", "at most " + MAX_PERIODS + " periods in one answer, from " + from.key() + " to " + to.key());
        }
        return out;
    }

    private String example() {
        return switch (this) {
            case WEEK -> "2026-W48";
            case MONTH -> "2026-11";
            case QUARTER -> "2026-Q4";
        };
    }

    static Problem bad(String field, String why) {
        return new Problem(Problem.Kind.BAD_REQUEST, "BAD_QUALITY_QUERY", field + ": " + why);
    }
}
