package org.creditnode.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code credit-node fedbench}: four node processes on loopback (100000 ← 360000 ← 360400 ←
 * 360404, mutual TLS) and three figures: end-to-end throughput county → national, per-record
 * latency at a steady moderate load, and the catch-up rate after a national outage. Load is
 * bounded by the counts and durations given.
 */
final class FederationBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COUNTY = "360404";
    private static final String NATIONAL = "100000";

    private FederationBenchmark() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        int records = 20_000;
        int rate = 500;
        int steadySeconds = 20;
        int outageSeconds = 30;
        int outageRate = 1000;
        String signing = "batch";
        String configDir = "config";
        try {
            for (int i = 0; i < args.length; i++) {
                String v = i + 1 < args.length ? args[++i] : null;
                if (v == null) throw new IllegalArgumentException(args[i - 1 < 0 ? 0 : i] + " needs a value");
                switch (args[i - 1]) {
                    case "--records" -> records = Integer.parseInt(v);
                    case "--rate" -> rate = Integer.parseInt(v);
                    case "--steady-seconds" -> steadySeconds = Integer.parseInt(v);
                    case "--outage-seconds" -> outageSeconds = Integer.parseInt(v);
                    case "--outage-rate" -> outageRate = Integer.parseInt(v);
                    case "--signing" -> signing = v;
                    case "--config-dir" -> configDir = v;
                    default -> throw new IllegalArgumentException("unknown fedbench option " + args[i - 1]);
                }
            }
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage() + "\noptions: --records N --rate R --steady-seconds S --outage-seconds S "
                    + "--outage-rate R --signing batch|record --config-dir DIR");
            return 2;
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("credit-fedbench");
            try (LocalFederation fed = new LocalFederation(List.of(NATIONAL, "360000", "360400", COUNTY), dir,
                    Path.of(configDir), "ingest: { signing: " + signing + " }")) {
                Duration up = fed.startAll(Duration.ofSeconds(180));
                out.printf("credit-node federation benchmark: 4 node processes, signing=%s, %d cores, java %s; all healthy in %.1f s%n",
                        signing, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), up.toMillis() / 1000.0);
                throughput(fed, 4000); // warm-up: class loading and JIT in five JVMs sharing the cores
                double e2e = throughput(fed, records);
                double[] lat = latency(fed, rate, steadySeconds);
                double catchUp = catchUp(fed, outageSeconds, outageRate);
                out.println();
                out.println("| measure | value |");
                out.println("|---|---:|");
                out.printf("| county → national, 3 hops, %d records: records/s | %.0f |%n", records, e2e);
                out.printf("| latency at %d records/s for %d s: p50 / p99 / max (ms) | %.0f / %.0f / %.0f |%n", rate, steadySeconds, lat[0], lat[1], lat[2]);
                out.printf("| catch-up after a %d s national outage at %d records/s: records/s | %.0f |%n", outageSeconds, outageRate, catchUp);
                out.printf("| national holds %s records, watermark %s |%n", fed.records(NATIONAL, COUNTY), fed.watermark(NATIONAL, COUNTY));
                return fed.records(NATIONAL, COUNTY) == fed.watermark(NATIONAL, COUNTY) ? 0 : 1;
            }
        } catch (Exception e) {
            err.println("error: federation benchmark failed: " + e + (dir == null ? "" : " (logs in " + dir + ")"));
            return 1;
        }
    }

    /** Submits {@code n} records at the county as fast as two clients can, until national holds them all. */
    private static double throughput(LocalFederation fed, int n) throws Exception {
        long base = fed.watermark(NATIONAL, COUNTY);
        List<String> bodies = new ArrayList<>();
        for (int done = 0; done < n; done += 1000) bodies.add(batch(Math.min(1000, n - done)));
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            fs.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < bodies.size()) {
                    var r = fed.post(COUNTY, "/api/v1/records", bodies.get(i));
                    if (r.statusCode() != 200) throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
                }
                return null;
            }));
        }
        for (Future<?> f : fs) f.get();
        pool.shutdown();
        awaitNational(fed, base + n, Duration.ofMinutes(10));
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** Batches of 50 at a steady rate; a batch has arrived when national's watermark passes its last record. */
    private static double[] latency(LocalFederation fed, int rate, int seconds) throws Exception {
        int perBatch = 50;
        long intervalNanos = (long) (1e9 * perBatch / rate);
        int batches = Math.max(1, rate * seconds / perBatch);
        long[] sentAt = new long[batches];
        long[] lastSeq = new long[batches];
        long[] arrivedAt = new long[batches];
        Thread sender = new Thread(() -> {
            long start = System.nanoTime();
            try {
                for (int b = 0; b < batches; b++) {
                    long due = start + b * intervalNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // pacing the offered load
                    sentAt[b] = System.nanoTime();
                    var r = fed.post(COUNTY, "/api/v1/records", batch(perBatch));
                    JsonNode acc = JSON.readTree(r.body()).get("accepted");
                    String id = acc.get(acc.size() - 1).get("id").asText();
                    lastSeq[b] = Long.parseLong(id.substring(id.indexOf('-') + 1));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        sender.start();
        int arrived = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds + 120L).toNanos();
        while (arrived < batches && System.nanoTime() < deadline) {
            long w = fed.watermark(NATIONAL, COUNTY);
            long now = System.nanoTime();
            while (arrived < batches && lastSeq[arrived] != 0 && lastSeq[arrived] <= w) arrivedAt[arrived++] = now;
            Thread.sleep(10); // sampling national's watermark every 10 ms bounds the latency resolution
        }
        sender.join();
        List<Double> ms = new ArrayList<>();
        for (int b = 0; b < arrived; b++) ms.add((arrivedAt[b] - sentAt[b]) / 1e6);
        Collections.sort(ms);
        if (ms.isEmpty()) return new double[]{Double.NaN, Double.NaN, Double.NaN};
        return new double[]{ms.get(ms.size() / 2), ms.get(Math.min(ms.size() - 1, (int) Math.ceil(ms.size() * 0.99) - 1)), ms.get(ms.size() - 1)};
    }

    /** National stops; the county takes records at a steady rate; national restarts and catches up. */
    private static double catchUp(LocalFederation fed, int seconds, int rate) throws Exception {
        fed.stop(NATIONAL);
        int total = 0;
        long start = System.nanoTime();
        for (int s = 0; s < seconds; s++) {
            var r = fed.post(COUNTY, "/api/v1/records", batch(rate));
            if (r.statusCode() != 200) throw new IllegalStateException("HTTP " + r.statusCode());
            total += rate;
            long wait = start + (s + 1) * 1_000_000_000L - System.nanoTime();
            if (wait > 0) Thread.sleep(wait / 1_000_000); // one batch per second: the offered load
        }
        long expected = fed.records("360000", COUNTY); // the province already has everything (pushed)
        fed.start(NATIONAL);
        fed.awaitHealthy(NATIONAL, Duration.ofSeconds(120));
        long t0 = System.nanoTime();
        long before = fed.watermark(NATIONAL, COUNTY);
        awaitNational(fed, expected, Duration.ofMinutes(10));
        return (expected - before) / ((System.nanoTime() - t0) / 1e9);
    }

    private static void awaitNational(LocalFederation fed, long watermark, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (fed.watermark(NATIONAL, COUNTY) < watermark) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("national did not reach " + watermark);
            Thread.sleep(20);
        }
    }

    private static String batch(int n) throws Exception {
        ObjectNode b = JSON.createObjectNode();
        ArrayNode a = b.putArray("records");
        for (int i = 0; i < n; i++) a.add(AdminCommand.sample("ADMIN_PENALTY", (int) (System.nanoTime() & 0x3ffffff) + i));
        return JSON.writeValueAsString(b);
    }
}
