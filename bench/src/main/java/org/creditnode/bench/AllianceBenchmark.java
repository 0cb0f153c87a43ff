package org.creditnode.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.federation.FederationClient;
import org.creditnode.federation.TlsMaterial;
import org.creditnode.node.LocalFederation;
import org.creditnode.record.SampleRecords;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code credit-bench alliancebench}: mutual-query (互查) latency between two province processes,
 * Jiangsu (320000) asking Jiangxi (360000) under 长三角 about a subject with {@code records}
 * penalties (half of them carrying a representative's ID number, so withheld fields are listed).
 * Two figures: the answer at Jiangxi (policy, records, signature) over one kept-alive mutual-TLS
 * connection, and end to end through Jiangsu's admin API, which asks and verifies the answer's
 * signature and every record before returning it. Then {@link RecognitionBenchmark}'s figures:
 * queries/s while Jiangxi takes in its city 360400's records at 1,000/s, and a revocation in
 * Jiangsu until its recognised red-list entry stops counting in Jiangxi (the two are peers for
 * RED_LIST, which 长三角 recognises).
 */
final class AllianceBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String JX = "360000";
    static final String JS = "320000";
    static final String CITY = "360400";

    private AllianceBenchmark() {
    }

    /** The figures {@code perf} adds to its table. */
    record Figures(double answerP50, double answerP99, double endToEndP99, RecognitionBenchmark.Figures recognition) {
    }

    static int run(int queries, int records, int askers, int seconds, int revocations, Path configDir, PrintStream out) throws Exception {
        measure(queries, records, askers, seconds, revocations, configDir, out);
        return 0;
    }

    static Figures measure(int queries, int records, int askers, int seconds, int revocations, Path configDir, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("credit-alliancebench");
        Map<String, String> forest = new LinkedHashMap<>();
        forest.put(JX, null);
        forest.put(JS, null);
        forest.put(CITY, JX);
        try (LocalFederation fed = new LocalFederation(forest, dir, configDir, "alliancesDir: " + dir.resolve("alliances"))) {
            Files.createDirectories(dir.resolve("alliances"));
            Files.writeString(dir.resolve("alliances/yrd.yaml"), """
                    id: yrd
                    version: "bench"
                    from: 2026-01-01
                    members:
                      - { id: "%s", url: "%s" }
                      - { id: "%s", url: "%s" }
                    query:
                      purposes: [PROCUREMENT]
                      ratePerSecond: 100000
                      share: { ADMIN_PENALTY: {}, RED_LIST: {} }
                    recognise: { RED_LIST: {} }
                    """.formatted(JX, fed.federationUrl(JX), JS, fed.federationUrl(JS)));
            String peer = "  alliances: [yrd]\n  peers: [{ id: \"%s\", url: \"%s\", categories: [RED_LIST] }]\n";
            fed.configure(JX, peer.formatted(JS, fed.federationUrl(JS)), null);
            fed.configure(JS, peer.formatted(JX, fed.federationUrl(JX)), null);
            Duration up = fed.startAll(Duration.ofSeconds(180));
            String subject = SampleRecords.validUscc("360404", 4242);
            ObjectNode body = JSON.createObjectNode();
            ArrayNode list = body.putArray("records");
            for (int i = 0; i < records; i++) {
                ObjectNode r = SampleRecords.penalty();
                ((ObjectNode) r.get("subject")).put("code", subject);
                ((ObjectNode) r.get("fields")).put("CF_WSH", "柴市监处罚〔2026〕" + (1000 + i) + "号");
                if (i % 2 == 0) ((ObjectNode) r.get("fields")).put("CF_FR_ZJLX", "身份证").put("CF_FR_ZJHM", SampleRecords.validIdNumber(i));
                list.add(r);
            }
            HttpResponse<String> posted = fed.post(JX, "/api/v1/records", body.toString());
            if (posted.statusCode() != 200) throw new IllegalStateException("records not accepted: " + posted.body());
            out.printf("alliancebench: 3 node processes (%s, %s, its city %s) healthy in %.1f s, %d cores, subject with %d records; %d queries each way (logs: %s)%n",
                    JX, JS, CITY, up.toMillis() / 1000.0, Runtime.getRuntime().availableProcessors(), records, queries, dir);

            String query = JSON.createObjectNode().put("subject", subject).put("purpose", "PROCUREMENT").toString();
            FederationClient direct = new FederationClient(TlsMaterial.load(fed.pki().resolve("nodes/" + JS + "/tls.p12"),
                    LocalFederation.PASSWORD, fed.pki().resolve("tls-trust.pem")), Duration.ofSeconds(5), Duration.ofSeconds(30));
            String url = fed.federationUrl(JX) + "/federation/v1/queries";
            double[] answer = time(queries, () -> {
                FederationClient.Reply r = direct.postJson(url, query);
                if (r.status() != 200) throw new IllegalStateException(r.status() + " " + r.body());
            });
            HttpClient admin = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String ask = JSON.createObjectNode().put("partner", JX).put("subject", subject).put("purpose", "PROCUREMENT").toString();
            HttpRequest request = HttpRequest.newBuilder(URI.create(fed.adminUrl(JS) + "/admin/v1/alliances/yrd/queries"))
                    .header("Authorization", "Bearer " + fed.operatorToken(JS)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(ask)).build();
            double[] endToEnd = time(queries, () -> {
                HttpResponse<String> r = admin.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) throw new IllegalStateException(r.statusCode() + " " + r.body());
            });
            out.println();
            out.println("| mutual query (互查), subject with " + records + " records | p50 | p99 |");
            out.println("|---|---:|---:|");
            out.printf("| answered at 360000 (policy, records, SM2 signature), one mTLS connection | %.1f ms | %.1f ms |%n", answer[0], answer[1]);
            out.printf("| end to end: 320000 asks 360000 and verifies signature and records | %.1f ms | %.1f ms |%n", endToEnd[0], endToEnd[1]);
            return new Figures(answer[0], answer[1], endToEnd[1], RecognitionBenchmark.run(fed, subject, askers, seconds, revocations, out));
        } finally {
            IngestBenchmark.deleteTree(dir);
        }
    }

    interface Call {
        void run() throws Exception;
    }

    /** p50 and p99 in ms of {@code n} calls after {@code n / 5} warm-up calls (JIT, connection). */
    private static double[] time(int n, Call call) throws Exception {
        for (int i = 0; i < Math.max(20, n / 5); i++) call.run();
        long[] ns = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            call.run();
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        return new double[] {ns[n / 2] / 1e6, ns[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e6};
    }
}
