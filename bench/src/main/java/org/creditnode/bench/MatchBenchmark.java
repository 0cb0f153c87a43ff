package org.creditnode.bench;

import org.creditnode.config.NodeConfig;
import org.creditnode.node.CreditNode;
import org.creditnode.record.SampleRecords;
import org.creditnode.store.ListEntries;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code credit-bench matchbench --entries N}: automatic matching against a large list. Loads N
 * synthetic serious-dishonesty entries (half of them naming a responsible person) straight into
 * a node's matching index — what the matching consumer would have written for N list records —
 * then measures checks through the HTTP API: single subjects (p50/p99) and the batch form.
 */
final class MatchBenchmark {
    private MatchBenchmark() {
    }

    static int run(int entries, Path configDir, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("credit-matchbench");
        NodeConfig cfg = IngestBenchmark.benchConfig(dir, configDir, "batch", 1000);
        try (CreditNode node = CreditNode.start(cfg, Clock.systemUTC())) {
            ListEntries index = new ListEntries(node.store().database());
            long t0 = System.nanoTime();
            LocalDate from = LocalDate.now().minusYears(1);
            LocalDate to = LocalDate.now().plusYears(2);
            for (int done = 0; done < entries; done += 10_000) {
                List<ListEntries.Entry> rows = new ArrayList<>(10_000);
                for (int n = done; n < Math.min(entries, done + 10_000); n++) {
                    rows.add(new ListEntries.Entry(SampleRecords.validUscc(SampleRecords.REGION, n), "360000-" + (n + 1), 1,
                            ListEntries.Role.SUBJECT, "360000", n + 1, "SERIOUS_DISHONESTY_LIST", n % 2 == 0 ? "WAGE_ARREARS" : "TAX",
                            "ACTIVE", from, from, to));
                }
                index.insertFresh(rows);
                if (done % 200_000 == 0) out.printf("  loaded %,d of %,d entries%n", done + rows.size(), entries);
            }
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            long dbBytes = size(node.config().dataDir());
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String key = "Bearer " + IngestBenchmark.departmentKey(client, node);
            IngestBenchmark.Checks c = IngestBenchmark.measureChecks(client, URI.create(node.apiAddress() + "api/v1/checks"), key, entries);
            Runtime rt = Runtime.getRuntime();
            out.println();
            out.println("| measure | value |");
            out.println("|---|---:|");
            out.printf("| list entries in the matching index | %,d (loaded in %.1f s) |%n", entries, loadSeconds);
            out.printf("| check, one subject, p50 / p99 (half of them listed) | %.2f / %.2f ms |%n", c.p50(), c.p99());
            out.printf("| check, batch form of 1,000 subjects | %.0f subjects/s |%n", c.batchRate());
            out.printf("| data folder on disk (database with the index) | %,d MiB |%n", dbBytes >> 20);
            out.printf("| JVM heap in use after the run | %,d MiB |%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
            return 0;
        } finally {
            IngestBenchmark.deleteTree(dir);
        }
    }

    private static long size(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
