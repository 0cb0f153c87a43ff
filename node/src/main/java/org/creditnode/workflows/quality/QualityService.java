package org.creditnode.workflows.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.access.PurposeReads;
import org.creditnode.account.Account;
import org.creditnode.ingest.IngestService;
import org.creditnode.log.JobLease;
import org.creditnode.problem.Problem;
import org.creditnode.record.Catalogue;
import org.creditnode.record.CategorySpec;
import org.creditnode.store.AuditLog;
import org.creditnode.store.QualityCounts;
import org.creditnode.store.StoredRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Timeliness and data quality (S21, S23, S24): declared monthly totals, the figures per period,
 * authority and category with a ranking, and the QUALITY_STATISTICS records this node sends up so
 * that every node above shows the same figures for it.
 */
public final class QualityService {
    /** The purpose that sees every authority's figures here and below (数据质量监测). */
    public static final String SUPERVISION_PURPOSE = "QUALITY_SUPERVISION";
    private static final Logger LOG = LoggerFactory.getLogger(QualityService.class);
    private static final long MAX_TOTAL = 100_000_000L;

    private final String self;
    private final QualityCounts counts;
    private final LateReportRule rule;
    private final Catalogue catalogue;
    private final IngestService ingest;
    private final PurposeReads reads;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final int sendMonths;

    public QualityService(String self, QualityCounts counts, LateReportRule rule, Catalogue catalogue, IngestService ingest, PurposeReads reads,
                          AuditLog audit, ObjectMapper json, Clock clock, int sendMonths) {
        this.self = self;
        this.counts = counts;
        this.rule = rule;
        this.catalogue = catalogue;
        this.ingest = ingest;
        this.reads = reads;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.sendMonths = Math.max(1, sendMonths);
    }

    /** What an account declares: how many records of a category an authority decided in a month (应报总数). */
    public record Declaration(String month, String category, Long total, String authority) {
    }

    public Map<String, Object> declare(Account a, Declaration d) throws SQLException {
        if (d == null) throw bad("body", "{\"month\": \"YYYY-MM\", \"category\", \"total\"} expected");
        YearMonth month;
        try {
            month = YearMonth.parse(d.month() == null ? "" : d.month().trim());
        } catch (DateTimeParseException e) {
            throw bad("month", "the month the total is for, YYYY-MM, got " + d.month());
        }
        if (month.isAfter(YearMonth.now(clock.withZone(QualityIndexer.CHINA)))) {
            throw bad("month", month + " has not begun; declare a month's total once it has");
        }
        String category = d.category() == null ? "" : d.category().trim();
        if (!catalogue.category(category).map(CategorySpec::isPublished).orElse(false)) {
            throw bad("category", "a category departments report, one of " + reportedCategories() + ", got " + d.category());
        }
        if (!a.categories().contains(category)) {
            throw refused(a, "CATEGORY_NOT_ALLOWED", "category: account " + a.id() + " reports " + a.categories() + ", not " + category);
        }
        if (d.total() == null || d.total() < 0 || d.total() > MAX_TOTAL) {
            throw bad("total", "the number of " + category + " decisions in " + month + ", 0 to " + MAX_TOTAL + ", got " + d.total());
        }
        String authority = authorityOf(a, d.authority());
        String at = clock.instant().toString();
        counts.declare(authority, category, month, d.total(), a.id(), at);
        audit.byAccount("QUALITY_DECLARED", a.id(), null, authority + " " + category + " " + month + " total " + d.total());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("authority", authority);
        out.put("category", category);
        out.put("month", month.toString());
        out.put("total", d.total());
        out.put("declaredAt", at);
        return out;
    }

    /**
     * The figures for {@code from} to {@code to} (period keys; default the current period): every
     * authority of this node and of the nodes below for a purpose that sees QUALITY_STATISTICS,
     * else the account's own authorities. Query-logged.
     */
    public QualityFigures.Figures figures(Account a, String purpose, String period, String from, String to) throws SQLException {
        Periods kind = Periods.parse(period);
        LocalDate today = LocalDate.now(clock.withZone(QualityIndexer.CHINA));
        Periods.Period first = from == null || from.isBlank() ? kind.of(today) : kind.parseKey("from", from);
        Periods.Period last = to == null || to.isBlank() ? first : kind.parseKey("to", to);
        List<Periods.Period> periods = kind.range(first, last);
        boolean all = purpose != null && !purpose.isBlank();
        if (all) {
            reads.checkPurpose(a, purpose);
            if (!reads.mayRead(a, purpose, StatisticsRecords.CATEGORY)) {
                throw refused(a, "CATEGORY_NOT_IN_PURPOSE", "purpose " + purpose + " does not see " + StatisticsRecords.CATEGORY
                        + "; without X-Purpose an account sees its own authorities, with " + SUPERVISION_PURPOSE + " every one");
            }
        }
        LocalDate firstDay = periods.get(0).first();
        LocalDate lastDay = periods.get(periods.size() - 1).last();
        YearMonth firstMonth = QualityFigures.firstMonth(periods);
        YearMonth lastMonth = QualityFigures.lastMonth(periods);
        List<QualityCounts.DayCount> days = new ArrayList<>(counts.ownDays(self, firstDay, lastDay, rule.lateAfterWorkingDays()));
        List<QualityCounts.MonthCount> months = new ArrayList<>(counts.ownMonths(self, firstMonth, lastMonth));
        Map<String, String> names = new TreeMap<>();
        counts.ownNames().forEach((k, v) -> names.put(self + "/" + k, v));
        if (all) {
            days.addAll(counts.remoteDays(firstDay, lastDay));
            months.addAll(counts.remoteMonths(firstMonth, lastMonth));
            names.putAll(counts.remoteNames());
        } else {
            days.removeIf(x -> !a.authorities().contains(x.authority()));
            months.removeIf(x -> !a.authorities().contains(x.authority()));
        }
        QualityFigures.Figures f = QualityFigures.of(kind, periods, days, months, names, this::categoryName);
        reads.logQuery(a, all ? purpose : "QUALITY_OWN", null, null,
                f.ranking().stream().map(r -> r.node() + "/" + r.authority()).toList(), Map.of());
        return f;
    }

    public int lateAfterWorkingDays() { return rule.lateAfterWorkingDays(); }

    public String node() { return self; }

    /**
     * Sends this node's figures up: per authority and month (this one and the {@code sendMonths - 1}
     * before it) a QUALITY_STATISTICS record signed by this node, unless the figures did not change
     * since the last one sent. Returns what was sent.
     */
    public synchronized Map<String, Object> publish() throws SQLException {
        LocalDate today = LocalDate.now(clock.withZone(QualityIndexer.CHINA));
        YearMonth now = YearMonth.from(today);
        Map<String, String> names = counts.ownNames();
        List<String> sent = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        int unchanged = 0;
        for (int back = sendMonths - 1; back >= 0; back--) {
            YearMonth m = now.minusMonths(back);
            Map<String, List<QualityCounts.DayCount>> days = new TreeMap<>();
            for (QualityCounts.DayCount d : counts.ownDays(self, m.atDay(1), m.atEndOfMonth(), rule.lateAfterWorkingDays())) {
                days.computeIfAbsent(d.authority(), k -> new ArrayList<>()).add(d);
            }
            Map<String, List<QualityCounts.MonthCount>> months = new TreeMap<>();
            for (QualityCounts.MonthCount c : counts.ownMonths(self, m, m)) months.computeIfAbsent(c.authority(), k -> new ArrayList<>()).add(c);
            java.util.Set<String> authorities = new java.util.TreeSet<>(days.keySet());
            authorities.addAll(months.keySet());
            authorities.remove(RejectionAttribution.UNKNOWN);
            Map<String, String> before = counts.sentHashes(m);
            for (String authority : authorities) {
                String content = StatisticsRecords.content(json, days.getOrDefault(authority, List.of()), months.getOrDefault(authority, List.of()));
                String hash = sha256(rule.lateAfterWorkingDays() + "\n" + content);
                if (hash.equals(before.get(authority))) {
                    unchanged++;
                    continue;
                }
                ObjectNode r = StatisticsRecords.record(json, authority, names.getOrDefault(authority, authority), m, rule.lateAfterWorkingDays(),
                        content, today);
                try {
                    StoredRecord stored = ingest.commitOne(r);
                    counts.sent(authority, m, hash, stored.id());
                    sent.add(stored.id());
                } catch (Problem p) {
                    failed.add(authority + " " + m + ": " + p.code() + " " + p.getMessage());
                    LOG.warn("quality statistics for {} {} not made: {} {}", authority, m, p.code(), p.getMessage());
                }
            }
        }
        LOG.info("quality statistics sent={} unchanged={} failed={}", sent.size(), unchanged, failed.size());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("records", sent);
        out.put("unchanged", unchanged);
        out.put("failed", failed);
        out.put("months", sendMonths);
        return out;
    }

    /** The daily job: on the one instance that holds its lease. */
    public AutoCloseable startJob(JobLease lease, long everySeconds) {
        ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "quality-statistics");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(60, everySeconds);
        exec.scheduleWithFixedDelay(() -> {
            try {
                if (lease.mayRun("quality-statistics")) publish();
            } catch (Exception e) {
                LOG.warn("quality statistics round failed (the next round retries): {}", e.toString());
            }
        }, Math.min(every, 300), every, TimeUnit.SECONDS);
        return exec::shutdownNow;
    }

    private String categoryName(String code) {
        return catalogue.category(code).map(CategorySpec::name).orElse(code.equals(RejectionAttribution.UNKNOWN) ? "（目录中没有的类别）" : code);
    }

    private List<String> reportedCategories() {
        return catalogue.categories().stream().filter(c -> catalogue.category(c).map(CategorySpec::isPublished).orElse(false)).toList();
    }

    private String authorityOf(Account a, String asked) {
        if (asked != null && !asked.isBlank()) {
            String code = asked.trim().toUpperCase(Locale.ROOT);
            if (!a.authorities().contains(code)) {
                throw refused(a, "AUTHORITY_NOT_ALLOWED", "authority: account " + a.id() + " acts for " + a.authorities() + ", not " + code);
            }
            return code;
        }
        if (a.authorities().size() != 1) throw bad("authority", "account " + a.id() + " acts for " + a.authorities() + ": name one");
        return a.authorities().iterator().next();
    }

    private Problem refused(Account a, String code, String message) {
        audit.byAccount("QUALITY_REFUSED", a.id(), code, message);
        return new Problem(Problem.Kind.FORBIDDEN, code, message);
    }

    private static Problem bad(String field, String why) {
        return new Problem(Problem.Kind.BAD_REQUEST, "BAD_QUALITY_DECLARATION", field + ": " + why);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
