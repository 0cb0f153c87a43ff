package org.creditnode.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.federation.FederationClient;
import org.creditnode.federation.TlsMaterial;
import org.creditnode.node.Http;
import org.creditnode.node.LocalFederation;
import org.creditnode.record.SampleRecords;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * alliancebench's figures under load (issue 13, "speed, in a benchmark"): how many mutual queries
 * per second Jiangxi (360000) answers while it also takes in its city 360400's records at
 * {@link #RATE} records/s, and how long a revocation made in Jiangsu (320000) takes to reach the
 * recognised copy of its red-list entry in Jiangxi's matching — without the load and under it.
 * Run on the federation {@link AllianceBenchmark} started: JX and JS peers carrying RED_LIST,
 * 长三角 recognising RED_LIST, 360400 a child of JX.
 */
final class RecognitionBenchmark {
    static final int RATE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JX = AllianceBenchmark.JX;
    private static final String JS = AllianceBenchmark.JS;
    private static final String CITY = AllianceBenchmark.CITY;

    private RecognitionBenchmark() {
    }

    /** What {@code perf} puts in its table: queries/s and their p99 under the region's load, and the revocation p99s. */
    record Figures(double queriesPerSecond, double queryP99, double intakePerSecond, double revokeP99Idle, double revokeP99Loaded) {
    }

    static Figures run(LocalFederation fed, String subject, int askers, int seconds, int revocations, PrintStream out) throws Exception {
        List<Double> quiet = revocations(fed, revocations, 700_000);

        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicLong carried = new AtomicLong();
        Thread load = new Thread(() -> ReflectionBenchmark.feed(fed, CITY, RATE, loading, carried), "load");
        load.start();
        try {
            Thread.sleep(3000); // the load runs before the window
            Throughput t = throughput(fed, subject, askers, seconds, carried);
            List<Double> loaded = revocations(fed, revocations, 800_000);

            out.println();
            out.printf("| %s answering mutual queries while taking in %s's records at ~%,d/s (%d askers as %s, each one kept-alive mTLS connection, %d s) | value |%n",
                    JX, CITY, RATE, askers, JS, seconds);
            out.println("|---|---:|");
            out.printf("| queries answered per second (200s only) | %,.0f /s |%n", t.answered / t.elapsedS);
            out.printf("| p50 / p99 of those | %.1f / %.1f ms |%n", ReflectionBenchmark.pct(t.ms, 0.5), ReflectionBenchmark.pct(t.ms, 0.99));
            out.printf("| answers other than 200 (and failed calls) | %d (%d) |%n", t.other, t.failed);
            out.printf("| records/s %s accepted from its department during the window (offered %,d/s) | %,.0f /s |%n", CITY, RATE, t.accepted / t.elapsedS);
            out.printf("| records/s %s took in from %s during the window | %,.0f /s |%n", JX, CITY, t.intake / t.elapsedS);
            out.println();
            out.println("| exit of a red-list entry at " + JS + " (its 200) → " + JX + "'s check no longer shows the recognised copy | p50 / p99 / max |");
            out.println("|---|---:|");
            out.printf("| no load (%d revocations) | %s |%n", quiet.size(), summary(quiet));
            out.printf("| under %,d records/s from %s, no queries (%d revocations) | %s |%n", RATE, CITY, loaded.size(), summary(loaded));
            return new Figures(t.answered / t.elapsedS, ReflectionBenchmark.pct(t.ms, 0.99), t.intake / t.elapsedS,
                    ReflectionBenchmark.pct(quiet, 0.99), ReflectionBenchmark.pct(loaded, 0.99));
        } finally {
            loading.set(false);
            load.join();
        }
    }

    private record Throughput(long answered, List<Double> ms, long other, long failed, long accepted, long intake, double elapsedS) {
    }

    /** {@code askers} threads, each its own FederationClient as Jiangsu, ask Jiangxi back to back for {@code seconds}. */
    private static Throughput throughput(LocalFederation fed, String subject, int askers, int seconds, AtomicLong carried) throws Exception {
        String url = fed.federationUrl(JX) + "/federation/v1/queries";
        String query = JSON.createObjectNode().put("subject", subject).put("purpose", "PROCUREMENT").toString();
        TlsMaterial tls = TlsMaterial.load(fed.pki().resolve("nodes/" + JS + "/tls.p12"), LocalFederation.PASSWORD, fed.pki().resolve("tls-trust.pem"));
        List<FederationClient> clients = new ArrayList<>();
        for (int i = 0; i < askers; i++) {
            FederationClient c = new FederationClient(tls, Duration.ofSeconds(5), Duration.ofSeconds(30));
            c.postJson(url, query); // its connection, before the window
            clients.add(c);
        }
        List<List<Double>> perAsker = new ArrayList<>();
        AtomicLong other = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long before = fed.records(JX, CITY);
        long acceptedBefore = carried.get();
        long t0 = System.nanoTime();
        long end = t0 + Duration.ofSeconds(seconds).toNanos();
        for (FederationClient c : clients) {
            List<Double> mine = new ArrayList<>();
            perAsker.add(mine);
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long s = System.nanoTime();
                    try {
                        if (c.postJson(url, query).status() == 200) mine.add((System.nanoTime() - s) / 1e6);
                        else other.incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            }, "asker");
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long accepted = carried.get() - acceptedBefore;
        long intake = fed.records(JX, CITY) - before;
        List<Double> ms = new ArrayList<>();
        perAsker.forEach(ms::addAll);
        Collections.sort(ms);
        if (ms.isEmpty()) throw new IllegalStateException("no query answered with 200 (" + other + " other, " + failed + " failed)");
        return new Throughput(ms.size(), ms, other.get(), failed.get(), accepted, intake, elapsed);
    }

    /**
     * {@code n} times: a red-list entry made at Jiangsu, awaited at Jiangxi's check (recognised),
     * then exited at Jiangsu; the time from the exit's 200 until Jiangxi's check shows no entry,
     * polled every 20 ms.
     */
    private static List<Double> revocations(LocalFederation fed, int n, int firstSubject) throws Exception {
        Http js = new Http(fed.apiUrl(JS)).withToken(fed.departmentKey(JS));
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ObjectNode red = SampleRecords.redList();
            String subject = SampleRecords.validUscc("360404", firstSubject + i);
            ((ObjectNode) red.get("subject")).put("code", subject);
            ObjectNode body = JSON.createObjectNode();
            body.putArray("records").add(red);
            Http.Reply made = js.postJson("/api/v1/records", body);
            if (made.status() != 200) throw new IllegalStateException("red-list entry at " + JS + ": HTTP " + made.status() + " " + made.body());
            String entry = made.json().path("accepted").get(0).path("id").asText();
            String check = "{\"subject\": \"" + subject + "\", \"purpose\": \"SUPERVISION\"}";
            await(fed, check, 1, "entry " + entry + " recognised at " + JX);
            Http.Reply exit = js.postJson("/api/v1/lists/" + entry + "/exit", Map.of("reason", "DECISION", "basis", "苏信用〔2026〕" + (100 + i) + "号"));
            long t0 = System.nanoTime();
            if (exit.status() != 200) throw new IllegalStateException("exit at " + JS + ": HTTP " + exit.status() + " " + exit.body());
            await(fed, check, 0, "exit of " + entry + " followed at " + JX);
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        Collections.sort(ms);
        return ms;
    }

    private static void await(LocalFederation fed, String check, int entries, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode a = JSON.readTree(fed.post(JX, "/api/v1/checks", check).body());
            if (a.path("entries").size() == entries) return;
            if (System.nanoTime() > deadline) throw new IllegalStateException(what + ": not within 60 s; last answer " + a);
            Thread.sleep(20); // polling another process
        }
    }

    private static String summary(List<Double> sorted) {
        return "%,.0f / %,.0f / %,.0f ms".formatted(ReflectionBenchmark.pct(sorted, 0.5), ReflectionBenchmark.pct(sorted, 0.99), sorted.get(sorted.size() - 1));
    }
}
