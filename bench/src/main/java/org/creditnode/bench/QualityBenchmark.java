package org.creditnode.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.creditnode.config.NodeConfig;
import org.creditnode.node.CreditNode;
import org.creditnode.record.SampleRecords;
import org.creditnode.record.WorkingCalendar;
import org.creditnode.store.QualityCounts;
import org.creditnode.workflows.quality.LateReportRule;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code credit-bench qualitybench --records N}: timeliness and data-quality figures over N own
 * records. Applies the working-day late rule to N (decision, receipt) pairs, loads the N rows the
 * "quality" consumer would have written (200 authorities, 3 categories, receipts over 2026-Q4),
 * then times the figures through the HTTP API (supervision purpose: every authority) per month,
 * per quarter and per week over the quarter, and one round of the statistics sent up.
 */
final class QualityBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] CATEGORIES = {"ADMIN_PENALTY", "ADMIN_LICENSE", "COMMITMENT"};

    private QualityBenchmark() {
    }

    static int run(int records, Path configDir, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("credit-qualitybench");
        NodeConfig cfg = IngestBenchmark.benchConfig(dir, configDir, "batch", 1000);
        try (CreditNode node = CreditNode.start(cfg, Clock.systemUTC())) {
            LateReportRule rule = new LateReportRule(WorkingCalendar.load(Path.of(cfg.holidays)), cfg.quality.lateAfterWorkingDays);
            QualityCounts counts = new QualityCounts(node.store().database());
            LocalDate q4 = LocalDate.of(2026, 10, 1);
            String[] authorities = new String[200];
            for (int a = 0; a < authorities.length; a++) authorities[a] = SampleRecords.authorityUscc(SampleRecords.REGION, 100 + a);
            long ruleNanos = 0;
            long t0 = System.nanoTime();
            for (int done = 0; done < records; done += 10_000) {
                List<QualityCounts.Own> rows = new ArrayList<>(10_000);
                for (int n = done; n < Math.min(records, done + 10_000); n++) {
                    LocalDate received = q4.plusDays(Math.floorMod(n * 31L, 92));
                    LocalDate decided = received.minusDays(Math.floorMod(n * 7L, 21));
                    long r0 = System.nanoTime();
                    int wd = rule.workingDays(decided, received);
                    ruleNanos += System.nanoTime() - r0;
                    rows.add(new QualityCounts.Own("B-" + n, authorities[n % authorities.length], "单位" + (n % authorities.length),
                            CATEGORIES[n % CATEGORIES.length], decided, received, wd));
                }
                counts.putOwn(rows);
                if (done % 200_000 == 0) out.printf("  loaded %,d of %,d records%n", done + rows.size(), records);
            }
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String token = Files.readString(node.config().dataDir().resolve("admin.token")).trim();
            String key = "Bearer " + supervisorKey(client, node, token);
            double empty = time(client, node, key, "period=month&from=2020-01");
            double month = time(client, node, key, "period=month&from=2026-11");
            double quarter = time(client, node, key, "period=quarter&from=2026-Q4");
            double weeks = time(client, node, key, "period=week&from=2026-W40&to=2026-W53");
            double csv = time(client, node, key, "period=quarter&from=2026-Q4&format=csv");
            double sql = Double.MAX_VALUE;
            double figures = Double.MAX_VALUE;
            double json = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) { // the database's part of a quarter's answer
                // H2 hands back a repeated query's last result while nothing in the database changed: change something first
                counts.declare("BENCH", "ADMIN_PENALTY", java.time.YearMonth.of(2020, 1), i, "bench", "now");
                long s0 = System.nanoTime();
                var days = counts.ownDays("360404", q4, q4.plusMonths(3).minusDays(1), rule.lateAfterWorkingDays());
                var months = counts.ownMonths("360404", java.time.YearMonth.of(2026, 10), java.time.YearMonth.of(2026, 12));
                counts.ownNames();
                sql = Math.min(sql, (System.nanoTime() - s0) / 1e6);
                long f0 = System.nanoTime();
                var periods = org.creditnode.workflows.quality.Periods.WEEK.range(org.creditnode.workflows.quality.Periods.WEEK.parseKey("from", "2026-W40"),
                        org.creditnode.workflows.quality.Periods.WEEK.parseKey("to", "2026-W53"));
                var f = org.creditnode.workflows.quality.QualityFigures.of(org.creditnode.workflows.quality.Periods.WEEK, periods, days, months, Map.of(), c -> c);
                figures = Math.min(figures, (System.nanoTime() - f0) / 1e6);
                long j0 = System.nanoTime();
                JSON.writeValueAsString(f);
                json = Math.min(json, (System.nanoTime() - j0) / 1e6);

            }
            out.println();
            out.println("| measure | value |");
            out.println("|---|---:|");
            out.printf("| own records projected (quality_record rows) | %,d (loaded in %.1f s) |%n", records, loadSeconds);
            out.printf("| working-day late rule, per record | %.2f µs (%.2f s for all) |%n", ruleNanos / 1e3 / records, ruleNanos / 1e9);
            out.printf("| an answer with nothing in it (a month without records: authentication, query log) | %.0f ms |%n", empty);
            out.printf("| figures for one month, 200 authorities × 3 categories (HTTP, best of 3) | %.0f ms |%n", month);
            out.printf("| figures for the quarter (all %,d records) | %.0f ms |%n", records, quarter);
            out.printf("| figures for the quarter's 14 weeks | %.0f ms |%n", weeks);
            out.printf("| CSV for the quarter | %.0f ms |%n", csv);
            out.printf("| of which the database's counts for the quarter | %.0f ms |%n", sql);
            out.printf("| of which rates and ranking for the quarter's weeks | %.0f ms |%n", figures);
            out.printf("| of which writing the weeks' JSON | %.0f ms |%n", json);
            return 0;
        } finally {
            IngestBenchmark.deleteTree(dir);
        }
    }

    /** Best of three sequential answers (the first warms up): ms. */
    private static double time(HttpClient client, CreditNode node, String key, String query) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(node.apiAddress() + "api/v1/quality?" + query))
                    .header("Authorization", key).header("X-Purpose", "QUALITY_SUPERVISION").GET().build();
            long t0 = System.nanoTime();
            HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IllegalStateException("figures refused: " + r.statusCode() + " " + r.body());
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        return best;
    }

    private static String supervisorKey(HttpClient client, CreditNode node, String token) throws Exception {
        String body = JSON.writeValueAsString(Map.of("name", "数据质量监测", "authorities", List.of(SampleRecords.authorityUscc(SampleRecords.REGION, 1)),
                "categories", List.of(), "purposes", List.of("QUALITY_SUPERVISION"), "rateLimit", 100000));
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(node.adminAddress() + "admin/v1/accounts"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) throw new IllegalStateException("benchmark account not created: " + r.statusCode() + " " + r.body());
        return JSON.readTree(r.body()).get("key").asText();
    }
}
