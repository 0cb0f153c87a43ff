package org.creditnode.bench;

import org.creditnode.node.LocalFederation;
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
 * {@code credit-bench fedbench}: four node processes on loopback (100000 ← 360000 ← 360400 ←
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

    /** Options of one federation run; rate 0 = half of the measured end-to-end peak. */
    record Options(int records, int rate, int steadySeconds, int outageSeconds, int outageRate, String signing, Path configDir,
                   boolean people) {
    }

    /** What one federation run measured. */
    record Figures(double healthySeconds, double endToEnd, int latencyRate, double p50, double p99, double p999, double max,
                   long caughtUp, double catchUpRate, double restartSeconds, java.util.Map<String, Long> rssMiB, boolean consistent) {
    }

    static int run(Options o, PrintStream out, PrintStream err) {
        try {
            Figures f = measure(o, out);
            out.println();
            out.println("| measure | value |");
            out.println("|---|---:|");
            out.printf("| county → national, 3 hops, %d records: records/s | %.0f |%n", o.records(), f.endToEnd());
            out.printf("| latency at %d records/s for %d s: p50 / p99 / p999 / max (ms) | %.0f / %.0f / %.0f / %.0f |%n",
                    f.latencyRate(), o.steadySeconds(), f.p50(), f.p99(), f.p999(), f.max());
            out.printf("| catch-up after a %d s national outage at %d records/s: %d records, records/s | %.0f |%n",
                    o.outageSeconds(), o.outageRate(), f.caughtUp(), f.catchUpRate());
            out.printf("| national restart to healthy (s) | %.1f |%n", f.restartSeconds());
            out.printf("| resident memory per node (MiB) | %s |%n", f.rssMiB());
            return f.consistent() ? 0 : 1;
        } catch (Exception e) {
            err.println("error: federation benchmark failed: " + e);
            return 1;
        }
    }

    static Figures measure(Options o, PrintStream progress) throws Exception {
        people = o.people();
        Path dir = Files.createTempDirectory("credit-fedbench");
        try (LocalFederation fed = new LocalFederation(List.of(NATIONAL, "360000", "360400", COUNTY), dir,
                o.configDir(), "ingest: { signing: " + o.signing() + " }")) {
            Duration up = fed.startAll(Duration.ofSeconds(180));
            progress.printf("federation benchmark: 4 node processes, signing=%s, %d cores, java %s; all healthy in %.1f s (logs: %s)%n",
                    o.signing(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    up.toMillis() / 1000.0, dir);
            throughput(fed, 4000); // warm-up: class loading and JIT in five JVMs sharing the cores
            double e2e = throughput(fed, o.records());
            progress.printf("  end to end: %.0f records/s%n", e2e);
            int rate = o.rate() > 0 ? o.rate() : Math.max(50, (int) (e2e / 2 / 50) * 50);
            double[] lat = latency(fed, rate, o.steadySeconds());
            progress.printf("  latency at %d records/s: p50 %.0f ms, p99 %.0f ms%n", rate, lat[0], lat[1]);
            java.util.Map<String, Long> rss = new java.util.LinkedHashMap<>();
            for (String id : fed.chain()) rss.put(id, residentMiB(fed.process(id).pid()));
            long[] caught = new long[1];
            double[] restart = new double[1];
            double catchUp = catchUp(fed, o.outageSeconds(), o.outageRate(), caught, restart);
            progress.printf("  catch-up: %d records at %.0f records/s%n", caught[0], catchUp);
            boolean consistent = fed.records(NATIONAL, COUNTY) == fed.watermark(NATIONAL, COUNTY)
                    && fed.records(NATIONAL, COUNTY) == fed.records(COUNTY, COUNTY);
            return new Figures(up.toMillis() / 1000.0, e2e, rate, lat[0], lat[1], lat[2], lat[3], caught[0], catchUp,
                    restart[0], rss, consistent);
        }
    }

    /** VmRSS of a process, from /proc (Linux). */
    static long residentMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        } catch (Exception e) {
            // not Linux, or the process is gone
        }
        return -1;
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
        if (ms.isEmpty()) return new double[]{Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        return new double[]{percentile(ms, 0.50), percentile(ms, 0.99), percentile(ms, 0.999), ms.get(ms.size() - 1)};
    }

    private static double percentile(List<Double> sorted, double q) {
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * q) - 1)));
    }

    /** National stops; the county takes records at a steady rate; national restarts and catches up. */
    private static double catchUp(LocalFederation fed, int seconds, int rate, long[] caught, double[] restartSeconds) throws Exception {
        fed.stop(NATIONAL);
        long start = System.nanoTime();
        for (int s = 0; s < seconds; s++) {
            var r = fed.post(COUNTY, "/api/v1/records", batch(rate));
            if (r.statusCode() != 200) throw new IllegalStateException("HTTP " + r.statusCode());
            long wait = start + (s + 1) * 1_000_000_000L - System.nanoTime();
            if (wait > 0) Thread.sleep(wait / 1_000_000); // one batch per second: the offered load
        }
        long expected = fed.records(COUNTY, COUNTY);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (fed.records("360000", COUNTY) < expected) { // the backlog waits at the province
            if (System.nanoTime() > deadline) throw new IllegalStateException("the province did not receive the backlog");
            Thread.sleep(50);
        }
        fed.start(NATIONAL);
        restartSeconds[0] = fed.awaitHealthy(NATIONAL, Duration.ofSeconds(120)).toMillis() / 1000.0;
        long t0 = System.nanoTime();
        long before = fed.watermark(NATIONAL, COUNTY);
        awaitNational(fed, expected, Duration.ofMinutes(15));
        caught[0] = expected - before;
        return caught[0] / ((System.nanoTime() - t0) / 1e9);
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
        int seed = (int) (System.nanoTime() & 0x3ffffff);
        for (int i = 0; i < n; i++) {
            if (people) {
                ObjectNode r = org.creditnode.record.SampleRecords.penaltyAgainstPerson();
                ((ObjectNode) r.get("subject")).put("code", org.creditnode.record.SampleRecords.distinctIdNumber(seed + i));
                a.add(r);
            } else {
                a.add(FeedCommand.sample("ADMIN_PENALTY", seed + i));
            }
        }
        return JSON.writeValueAsString(b);
    }

    /** Whether this run feeds records about people (set from the options before the run). */
    private static volatile boolean people;
}
