package org.creditnode.bench;

import org.creditnode.node.CreditNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.config.ConfigException;
import org.creditnode.config.NodeConfig;
import org.creditnode.record.SampleRecords;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code credit-bench bench}: starts a node on a fresh embedded default (H2, Artemis, SM2 keys) on
 * loopback and measures records/s accepted through the HTTP API — signed and committed — with
 * single-record requests and with full batches. Load is bounded by the record counts given.
 */
final class IngestBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IngestBenchmark() {
    }

    static int bench(int singles, int batched, int batchSize, int threads, String signing, Path configDir,
                             PrintStream out) throws Exception {
        out.printf("credit-node ingest benchmark: %d single-record requests, %d records in batches of %d, %d client threads, "
                + "signing=%s, %d cores, java %s%n", singles, batched, batchSize, threads, signing,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        Figures f = measure(singles, batched, batchSize, threads, signing, configDir);
        out.println();
        out.println("| measure | records | seconds | records/s |");
        out.println("|---|---:|---:|---:|");
        out.printf("| API ingest, 1-record requests | %d | %.2f | %.0f |%n", f.single().accepted, f.single().seconds, f.single().rate());
        out.printf("| API ingest, %d-record batches | %d | %.2f | %.0f |%n", batchSize, f.batches().accepted, f.batches().seconds, f.batches().rate());
        out.printf("| API ingest, %d-record batches about people (SM4 at rest) | %d | %.2f | %.0f |%n", batchSize, f.people().accepted,
                f.people().seconds, f.people().rate());
        out.printf("%nauthorised reads (one client, query log on): %d reads, p50 %.2f ms, p99 %.2f ms%n", f.reads().count(),
                f.reads().p50(), f.reads().p99());
        out.printf("checks (one client, %d list entries): %d single, p50 %.2f ms, p99 %.2f ms; batch form %d subjects at %.0f subjects/s%n",
                LISTED, f.checks().singles(), f.checks().p50(), f.checks().p99(), f.checks().batchSubjects(), f.checks().batchRate());
        out.println();
        out.printf("records committed in the database: %d (accepted %d, refused requests %d)%n", f.stored(), f.expected(),
                f.single().failed + f.batches().failed);
        return f.consistent() ? 0 : 1;
    }

    /** What one ingest run measured; {@code consistent} when every accepted record is in the database exactly once. */
    record Figures(Result single, Result batches, Result people, long stored, Reads reads, Checks checks) {
        long expected() { return single.accepted + batches.accepted + people.accepted; }

        boolean consistent() { return stored == expected() && single.failed + batches.failed + people.failed == 0; }
    }

    /** Starts a node on a fresh embedded default in this JVM and measures ingest through its HTTP API. */
    static Figures measure(int singles, int batched, int batchSize, int threads, String signing, Path configDir) throws Exception {
        Path dir = Files.createTempDirectory("credit-bench");
        NodeConfig cfg = benchConfig(dir, configDir, signing, Math.max(batchSize, 1000));
        try (CreditNode node = CreditNode.start(cfg, Clock.systemUTC())) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(threads)).build();
            URI uri = URI.create(node.apiAddress() + "api/v1/records");
            String key = "Bearer " + departmentKey(client, node);
            // warm-up (JIT, connection pool)
            run(client, uri, key, bodies(5000, 500), threads);
            run(client, uri, key, bodies(500, 1), threads);
            long before = node.store().count();
            Result single = run(client, uri, key, bodies(singles, 1), threads);
            Result batches = run(client, uri, key, bodies(batched, batchSize), Math.min(threads, 4));
            Result people = run(client, uri, key, peopleBodies(batched, batchSize), Math.min(threads, 4));
            long stored = node.store().count() - before;
            Reads reads = reads(client, node, key, 2000);
            return new Figures(single, batches, people, stored, reads, checks(client, node, uri, key, threads));
        } finally {
            deleteTree(dir);
        }
    }

    /** A county node's configuration on a fresh embedded default in {@code dir}, on a free loopback port. */
    static NodeConfig benchConfig(Path dir, Path configDir, String signing, int maxBatch) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path cfgFile = dir.resolve("bench.yaml");
        Path conf = configDir.toAbsolutePath().normalize();
        Files.writeString(cfgFile, """
                node: { id: "360404", name: bench, level: county }
                data: %s
                http: { host: 127.0.0.1, port: %d }
                ingest: { signing: %s, maxBatch: %d }
                catalogue: %s
                regions: %s
                holidays: %s
                purposes: %s
                measures: %s
                rules: %s
                grades: %s
                routes: %s
                """.formatted(dir.resolve("data"), port, signing, maxBatch, conf.resolve("catalog.yaml"),
                conf.resolve("regions.yaml"), conf.resolve("holidays.yaml"), conf.resolve("purposes.yaml"), conf.resolve("measures.yaml"),
                conf.resolve("rules.yaml"), conf.resolve("grades.yaml"), conf.resolve("../routes").normalize()));
        return NodeConfig.load(cfgFile).resolve(null, null);
    }

    /** An account for the benchmark's records, created as an operator creates one: with the bootstrap token. */
    static String departmentKey(HttpClient client, CreditNode node) throws Exception {
        String token = Files.readString(node.config().dataDir().resolve("admin.token")).trim();
        String body = JSON.writeValueAsString(java.util.Map.of("name", "benchmark", "authorities",
                List.of(SampleRecords.authorityUscc(SampleRecords.REGION, 1)), "categories", List.of("ADMIN_PENALTY", "ADMIN_LICENSE", "SERIOUS_DISHONESTY_LIST"),
                "purposes", List.of("SUPERVISION", "PROCUREMENT"), "rateLimit", 100000));
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(node.adminAddress() + "admin/v1/accounts"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) throw new IllegalStateException("benchmark account not created: " + r.statusCode() + " " + r.body());
        return JSON.readTree(r.body()).get("key").asText();
    }

    /** Sequential authorised reads of different subjects' records (each one a query-log entry): latency percentiles. */
    private static Reads reads(HttpClient client, CreditNode node, String key, int n) throws Exception {
        double[] ms = new double[n];
        for (int i = -200; i < n; i++) { // the first 200 warm up
            String code = SampleRecords.validUscc(SampleRecords.REGION, Math.floorMod(i * 7919, 4000));
            HttpRequest req = HttpRequest.newBuilder(URI.create(node.apiAddress() + "api/v1/subjects/" + code + "/records"))
                    .header("Authorization", key).header("X-Purpose", "SUPERVISION").GET().build();
            long t0 = System.nanoTime();
            HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IllegalStateException("authorised read refused: " + r.statusCode() + " " + r.body());
            if (i >= 0) ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return new Reads(n, ms[(int) (n * 0.50)], ms[(int) Math.min(n - 1, n * 0.99)]);
    }

    /** Automatic matching: single checks' latency and the batch form's rate, over subjects half of them listed. */
    record Checks(int singles, double p50, double p99, int batchSubjects, double batchRate) {
    }

    private static final int LISTED = 2000;

    static Checks checks(HttpClient client, CreditNode node, URI records, String key, int threads) throws Exception {
        run(client, records, key, bodies(LISTED, 1000, n -> {
            ObjectNode r = SampleRecords.seriousDishonesty();
            ((ObjectNode) r.get("subject")).put("code", SampleRecords.validUscc(SampleRecords.REGION, n));
            return r;
        }), 2);
        URI checks = URI.create(node.apiAddress() + "api/v1/checks");
        String last = SampleRecords.validUscc(SampleRecords.REGION, LISTED - 1);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (JSON.readTree(check(client, checks, key, "{\"subject\": \"" + last + "\", \"purpose\": \"PROCUREMENT\"}").body())
                .path("entries").isEmpty()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the list entries never reached the matching index");
            Thread.sleep(50); // the matching consumer runs behind the commit
        }
        return measureChecks(client, checks, key, LISTED);
    }

    /** Single checks (latency) and batch checks (rate) over subjects of which the first {@code listed} are on a list. */
    static Checks measureChecks(HttpClient client, URI checks, String key, int listed) throws Exception {
        int n = 2000;
        double[] ms = new double[n];
        for (int i = -200; i < n; i++) {
            String code = SampleRecords.validUscc(SampleRecords.REGION, (int) Math.floorMod(i * 7919L, 2L * listed));
            long t0 = System.nanoTime();
            HttpResponse<String> r = check(client, checks, key, "{\"subject\": \"" + code + "\", \"purpose\": \"PROCUREMENT\"}");
            if (r.statusCode() != 200) throw new IllegalStateException("check refused: " + r.statusCode() + " " + r.body());
            if (i >= 0) ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(ms);
        int batches = 10;
        long t0 = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            ArrayNode subjects = JSON.createArrayNode();
            for (int i = 0; i < 1000; i++) {
                subjects.add(SampleRecords.validUscc(SampleRecords.REGION, (int) Math.floorMod(b * 1000L + i * 7919L, 2L * listed)));
            }
            ObjectNode body = JSON.createObjectNode();
            body.set("subjects", subjects);
            body.put("purpose", "PROCUREMENT");
            HttpResponse<String> r = check(client, checks, key, JSON.writeValueAsString(body));
            if (r.statusCode() != 200) throw new IllegalStateException("batch check refused: " + r.statusCode());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Checks(n, ms[n / 2], ms[(int) Math.min(n - 1, n * 0.99)], batches * 1000, batches * 1000 / seconds);
    }

    static HttpResponse<String> check(HttpClient client, URI uri, String key, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).header("Authorization", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Latency of authorised reads of a subject's records, each written to the query log. */
    record Reads(int count, double p50, double p99) {
    }

    record Result(long accepted, int failed, double seconds) {
        double rate() { return accepted / seconds; }
    }

    /** Penalties against enterprises, all different: records without personal data. */
    private static List<byte[]> bodies(int records, int perRequest) throws IOException {
        return bodies(records, perRequest, n -> {
            ObjectNode r = SampleRecords.penalty();
            ((ObjectNode) r.get("subject")).put("code", SampleRecords.validUscc(SampleRecords.REGION, n));
            return r;
        });
    }

    /** Penalties against natural persons, all different: every one is encrypted at rest and indexed by HMAC. */
    private static List<byte[]> peopleBodies(int records, int perRequest) throws IOException {
        return bodies(records, perRequest, n -> {
            ObjectNode r = SampleRecords.penaltyAgainstPerson();
            ((ObjectNode) r.get("subject")).put("code", SampleRecords.distinctIdNumber(n));
            return r;
        });
    }

    /** Request bodies of {@code perRequest} records each, record n made by {@code record}. */
    private static List<byte[]> bodies(int records, int perRequest, java.util.function.IntFunction<ObjectNode> record) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (int done = 0; done < records; done += perRequest) {
            ObjectNode b = JSON.createObjectNode();
            ArrayNode a = b.putArray("records");
            for (int i = 0; i < Math.min(perRequest, records - done); i++) a.add(record.apply(done + i));
            out.add(JSON.writeValueAsBytes(b));
        }
        return out;
    }

    private static Result run(HttpClient client, URI uri, String key, List<byte[]> bodies, int threads) throws Exception {
        ConcurrentLinkedQueue<byte[]> work = new ConcurrentLinkedQueue<>(bodies);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            fs.add(pool.submit(() -> {
                byte[] body;
                while ((body = work.poll()) != null) {
                    HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                            .header("Content-Type", "application/json").header("Authorization", key).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    HttpResponse<byte[]> r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
                    if (r.statusCode() == 200) accepted.addAndGet(JSON.readTree(r.body()).get("accepted").size());
                    else failed.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : fs) f.get();
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        return new Result(accepted.get(), failed.get(), seconds);
    }

    static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
