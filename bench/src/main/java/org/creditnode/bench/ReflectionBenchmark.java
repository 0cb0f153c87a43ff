package org.creditnode.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.node.LocalFederation;
import org.creditnode.record.SampleRecords;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 11's reflection figure: how long from a list entry made at the province (its 2xx) to the
 * first matching answer at a county that reflects it, while the county feeds the federation
 * {@code rate} records/s upward — four node processes on loopback, as in fedbench.
 */
final class ReflectionBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROVINCE = "360000";
    private static final String COUNTY = "360404";

    private ReflectionBenchmark() {
    }

    static int run(int entries, int rate, Path configDir, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("credit-reflect");
        try (LocalFederation fed = new LocalFederation(List.of("100000", PROVINCE, "360400", COUNTY), dir, configDir.toAbsolutePath(), "")) {
            fed.startAll(Duration.ofSeconds(180));
            AtomicBoolean loading = new AtomicBoolean(true);
            AtomicLong carried = new AtomicLong();
            Thread load = new Thread(() -> feed(fed, rate, loading, carried), "load");
            load.start();
            Thread.sleep(3000); // the load runs before the first entry
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < entries; i++) {
                ObjectNode entry = SampleRecords.seriousDishonesty();
                String subject = SampleRecords.validUscc("360404", 900_000 + i);
                ((ObjectNode) entry.get("subject")).put("code", subject);
                ObjectNode body = JSON.createObjectNode();
                body.putArray("records").add(entry);
                var made = fed.post(PROVINCE, "/api/v1/records", JSON.writeValueAsString(body));
                long t0 = System.nanoTime();
                if (made.statusCode() != 200) throw new IllegalStateException("province: HTTP " + made.statusCode() + " " + made.body());
                String check = "{\"subject\": \"" + subject + "\", \"purpose\": \"SUPERVISION\"}";
                long deadline = t0 + Duration.ofSeconds(60).toNanos();
                while (true) {
                    JsonNode a = JSON.readTree(fed.post(COUNTY, "/api/v1/checks", check).body());
                    if (a.path("entries").size() > 0) break;
                    if (System.nanoTime() > deadline) throw new IllegalStateException("entry " + i + " not reflected at the county in 60 s");
                    Thread.sleep(5); // polling another process
                }
                ms.add((System.nanoTime() - t0) / 1e6);
                Thread.sleep(100);
            }
            loading.set(false);
            load.join();
            Collections.sort(ms);
            out.printf("| list entry at the province → first county check reflecting it, under %d records/s (%d entries; %d records carried): "
                    + "p50 / p99 / max (ms) | %.0f / %.0f / %.0f |%n", rate, entries, carried.get(), pct(ms, 0.5), pct(ms, 0.99), ms.get(ms.size() - 1));
            return 0;
        }
    }

    /** The county submits {@code rate} records/s in batches of 100 until told to stop. */
    private static void feed(LocalFederation fed, int rate, AtomicBoolean loading, AtomicLong carried) {
        long interval = (long) (1e9 * 100 / rate);
        long next = System.nanoTime();
        int seed = 0;
        try {
            while (loading.get()) {
                ObjectNode body = JSON.createObjectNode();
                ArrayNode a = body.putArray("records");
                for (int i = 0; i < 100; i++) a.add(FeedCommand.sample("ADMIN_PENALTY", seed++));
                var r = fed.post(COUNTY, "/api/v1/records", JSON.writeValueAsString(body));
                if (r.statusCode() == 200) carried.addAndGet(100);
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // pacing the offered load
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double pct(List<Double> sorted, double q) {
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * q) - 1)));
    }
}
