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
            Thread load = new Thread(() -> feed(fed, COUNTY, rate, loading, carried), "load");
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
            List<Double> disputes = objections(fed, Math.max(10, entries / 3));
            loading.set(false);
            load.join();
            Collections.sort(ms);
            Collections.sort(disputes);
            out.printf("| list entry at the province → first county check reflecting it, under %d records/s (%d entries; %d records carried): "
                    + "p50 / p99 / max (ms) | %.0f / %.0f / %.0f |%n", rate, entries, carried.get(), pct(ms, 0.5), pct(ms, 0.99), ms.get(ms.size() - 1));
            out.printf("| objection at the county → national's check shows the entry's measures suspended, under %d records/s (%d objections): "
                    + "p50 / p99 / max (ms) | %.0f / %.0f / %.0f |%n", rate, disputes.size(), pct(disputes, 0.5), pct(disputes, 0.99),
                    disputes.get(disputes.size() - 1));
            return 0;
        }
    }

    /**
     * Issue 12's figure: a county list entry at national; an objection taken at the county (its
     * 202) until national's check shows the entry DISPUTED — the county's DISPUTED version has
     * travelled three hops and been indexed there.
     */
    private static List<Double> objections(LocalFederation fed, int n) throws Exception {
        String window = windowKey(fed);
        List<String> subjects = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ObjectNode entry = SampleRecords.seriousDishonesty();
            String subject = SampleRecords.validUscc("360404", 800_000 + i);
            ((ObjectNode) entry.get("subject")).put("code", subject);
            ObjectNode body = JSON.createObjectNode();
            body.putArray("records").add(entry);
            var r = fed.post(COUNTY, "/api/v1/records", JSON.writeValueAsString(body));
            subjects.add(subject);
            ids.add(JSON.readTree(r.body()).path("accepted").get(0).path("id").asText());
        }
        String last = "{\"subject\": \"" + subjects.get(n - 1) + "\", \"purpose\": \"SUPERVISION\"}";
        long wait = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (JSON.readTree(fed.post("100000", "/api/v1/checks", last).body()).path("entries").isEmpty()) {
            if (System.nanoTime() > wait) throw new IllegalStateException("the county's entries did not reach national");
            Thread.sleep(20); // polling another process
        }
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String objection = JSON.writeValueAsString(java.util.Map.of("recordId", ids.get(i), "grounds", "ERROR", "statement", "benchmark"));
            var raised = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(fed.apiUrl(COUNTY) + "/api/v1/objections"))
                    .header("Authorization", "Bearer " + window).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(objection)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            long t0 = System.nanoTime();
            if (raised.statusCode() != 202) throw new IllegalStateException("objection: HTTP " + raised.statusCode() + " " + raised.body());
            String check = "{\"subject\": \"" + subjects.get(i) + "\", \"purpose\": \"SUPERVISION\"}";
            long deadline = t0 + Duration.ofSeconds(60).toNanos();
            while (!"DISPUTED".equals(JSON.readTree(fed.post("100000", "/api/v1/checks", check).body()).path("entries").path(0).path("status").asText())) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("objection " + i + " not effective at national in 60 s");
                Thread.sleep(5); // polling another process
            }
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        return ms;
    }

    /** An account of the county that takes objections (a 受理窗口), made as an operator makes one. */
    private static String windowKey(LocalFederation fed) throws Exception {
        String body = JSON.writeValueAsString(java.util.Map.of("name", "异议受理窗口", "authorities", List.of(SampleRecords.authorityUscc("360404", 40)),
                "categories", List.of("OBJECTION"), "rateLimit", 100000));
        var r = fed.post(COUNTY, "/admin/v1/accounts", body);
        if (r.statusCode() != 201) throw new IllegalStateException("account: HTTP " + r.statusCode() + " " + r.body());
        return JSON.readTree(r.body()).path("key").asText();
    }

    /**
     * Node {@code at} takes {@code rate} records/s through its department API, in batches of 100,
     * until told to stop; {@code carried} counts those accepted. Also alliancebench's load.
     */
    static void feed(LocalFederation fed, String at, int rate, AtomicBoolean loading, AtomicLong carried) {
        long interval = (long) (1e9 * 100 / rate);
        long next = System.nanoTime();
        int seed = 0;
        try {
            while (loading.get()) {
                ObjectNode body = JSON.createObjectNode();
                ArrayNode a = body.putArray("records");
                for (int i = 0; i < 100; i++) a.add(FeedCommand.sample("ADMIN_PENALTY", seed++));
                var r = fed.post(at, "/api/v1/records", JSON.writeValueAsString(body));
                if (r.statusCode() == 200) carried.addAndGet(100);
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // pacing the offered load
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code q} quantile (nearest rank) of a sorted list. */
    static double pct(List<Double> sorted, double q) {
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * q) - 1)));
    }
}
