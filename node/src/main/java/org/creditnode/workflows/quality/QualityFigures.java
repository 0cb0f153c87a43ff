package org.creditnode.workflows.quality;

import org.creditnode.store.QualityCounts.DayCount;
import org.creditnode.store.QualityCounts.MonthCount;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * 迟报率、错误率、漏报率 per period, node, reporting authority and category, and a ranking of the
 * authorities (CS23 §13 "周监测、月通报、季评估"). Pure: computed from day and month counts, so every
 * level that holds the same counts shows the same figures.
 *
 * <p>Timeliness and errors count by the day a record reached its node (迟报 and 错误 are about what
 * arrived in the period); 漏报 counts by decision date: records decided in a month against the total
 * the authority declared for that month, so it is given for months and quarters, not for weeks.
 */
public final class QualityFigures {
    private QualityFigures() {
    }

    public record Row(String period, String node, String authority, String authorityName, String category, String categoryName,
                      long received, long onTime, long late, long rejected, Long declared, Long reported, Long missing,
                      BigDecimal lateRate, BigDecimal errorRate, BigDecimal missingRate) {
    }

    /** An authority over every period and category asked for; rank 1 is the best (lowest 迟报率, then 错误率). */
    public record Ranked(int rank, String node, String authority, String authorityName, long received, long late, long rejected,
                         Long missing, BigDecimal lateRate, BigDecimal errorRate, BigDecimal missingRate) {
    }

    public record Figures(String period, String from, String to, List<Row> rows, List<Ranked> ranking) {
    }

    /** Names: "node/authority" → the authority's name as its records give it. */
    public static Figures of(Periods kind, List<Periods.Period> periods, List<DayCount> days, List<MonthCount> months,
                             Map<String, String> names, Function<String, String> categoryName) {
        Map<String, long[]> acc = new TreeMap<>();       // period|node|authority|category → received, onTime, late, rejected, declared, reported, missing, hasDeclared
        for (DayCount d : days) {
            Periods.Period p = kind.of(d.day());
            if (!within(periods, p)) continue;
            long[] a = acc.computeIfAbsent(key(p.key(), d.node(), d.authority(), d.category()), k -> new long[8]);
            a[0] += d.onTime() + d.late();
            a[1] += d.onTime();
            a[2] += d.late();
            a[3] += d.rejected();
        }
        if (kind != Periods.WEEK) {
            for (MonthCount m : months) {
                Periods.Period p = kind.of(m.month().atDay(1));
                if (!within(periods, p) || m.declared() == null) continue; // 漏报 only against a declared total
                long[] a = acc.computeIfAbsent(key(p.key(), m.node(), m.authority(), m.category()), k -> new long[8]);
                a[4] += m.declared();
                a[5] += m.decided();
                a[6] += Math.max(0, m.declared() - m.decided());
                a[7] = 1;
            }
        }
        List<Row> rows = new ArrayList<>(acc.size());
        Map<String, long[]> byAuthority = new TreeMap<>(); // node|authority → received, late, rejected, declared, missing, hasDeclared
        acc.forEach((k, a) -> {
            String[] p = k.split("\u0000");
            boolean declared = a[7] == 1;
            rows.add(new Row(p[0], p[1], p[2], names.get(p[1] + "/" + p[2]), p[3], categoryName.apply(p[3]), a[0], a[1], a[2], a[3],
                    declared ? a[4] : null, declared ? a[5] : null, declared ? a[6] : null,
                    rate(a[2], a[0]), rate(a[3], a[0] + a[3]), declared ? rate(a[6], a[4]) : null));
            long[] t = byAuthority.computeIfAbsent(p[1] + "\u0000" + p[2], x -> new long[6]);
            t[0] += a[0];
            t[1] += a[2];
            t[2] += a[3];
            t[3] += a[4];
            t[4] += a[6];
            t[5] |= a[7];
        });
        List<Ranked> ranking = new ArrayList<>();
        byAuthority.forEach((k, t) -> {
            String[] p = k.split("\u0000");
            boolean declared = t[5] == 1;
            ranking.add(new Ranked(0, p[0], p[1], names.get(p[0] + "/" + p[1]), t[0], t[1], t[2], declared ? t[4] : null,
                    rate(t[1], t[0]), rate(t[2], t[0] + t[2]), declared ? rate(t[4], t[3]) : null));
        });
        Comparator<BigDecimal> noneLast = Comparator.nullsLast(Comparator.naturalOrder());
        ranking.sort(Comparator.comparing(Ranked::lateRate, noneLast).thenComparing(Ranked::errorRate, noneLast)
                .thenComparing(Ranked::node).thenComparing(Ranked::authority));
        List<Ranked> numbered = new ArrayList<>(ranking.size());
        for (int i = 0; i < ranking.size(); i++) {
            Ranked r = ranking.get(i);
            numbered.add(new Ranked(i + 1, r.node(), r.authority(), r.authorityName(), r.received(), r.late(), r.rejected(), r.missing(),
                    r.lateRate(), r.errorRate(), r.missingRate()));
        }
        return new Figures(kind.name().toLowerCase(), periods.get(0).key(), periods.get(periods.size() - 1).key(), rows, numbered);
    }

    /** The months a list of periods spans (the month counts to read). */
    public static YearMonth firstMonth(List<Periods.Period> periods) {
        return YearMonth.from(periods.get(0).first());
    }

    public static YearMonth lastMonth(List<Periods.Period> periods) {
        return YearMonth.from(periods.get(periods.size() - 1).last());
    }

    /** A share with 4 decimals; null when there is nothing to divide by (no rate, rather than a 0 that looks good). */
    static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    private static boolean within(List<Periods.Period> periods, Periods.Period p) {
        return !p.first().isBefore(periods.get(0).first()) && !p.first().isAfter(periods.get(periods.size() - 1).first());
    }

    private static String key(String... parts) {
        return String.join("\u0000", parts);
    }
}
