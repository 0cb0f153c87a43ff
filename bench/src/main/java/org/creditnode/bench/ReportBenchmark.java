package org.creditnode.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.config.NodeConfig;
import org.creditnode.node.CreditNode;
import org.creditnode.record.SampleRecords;

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
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code credit-bench reportbench --records N}: one subject with N records (penalties spread over
 * five years, a tenth of them licences), then the grade, the HTML report and the PDF report
 * through the HTTP API, each timed over a few rounds after one warm-up; medians are printed.
 */
final class ReportBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportBenchmark() {
    }

    static int run(int records, int rounds, Path configDir, Path keep, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("credit-reportbench");
        NodeConfig cfg = IngestBenchmark.benchConfig(dir, configDir, "batch", 1000);
        try (CreditNode node = CreditNode.start(cfg, Clock.systemUTC())) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String key = "Bearer " + IngestBenchmark.departmentKey(client, node);
            ObjectNode first = SampleRecords.penalty();
            String subject = first.get("subject").get("code").asText();
            LocalDate today = LocalDate.now();
            List<ObjectNode> batch = new ArrayList<>();
            for (int n = 0; n < records; n++) {
                ObjectNode r = n % 10 == 9 ? SampleRecords.licence() : SampleRecords.penalty();
                r.set("subject", first.get("subject").deepCopy());
                r.put("decisionDate", today.minusDays((long) n * 5 * 365 / records + 1).toString());
                if (r.has("severity")) r.put("severity", n % 3 == 0 ? "MAJOR" : "MINOR");
                batch.add(r);
                if (batch.size() == 500 || n == records - 1) {
                    HttpResponse<String> posted = client.send(HttpRequest.newBuilder(URI.create(node.apiAddress() + "api/v1/records"))
                            .header("Authorization", key).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("records", batch)))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (posted.statusCode() != 200 || posted.body().contains("\"rejected\":[{")) throw new IllegalStateException(posted.body());
                    batch.clear();
                }
            }
            URI base = URI.create(node.apiAddress() + "api/v1/subjects/" + subject + "/");
            Timing grade = time(client, base.resolve("grade"), key, rounds * 2);
            Timing html = time(client, base.resolve("report?format=html"), key, rounds);
            Timing pdf = time(client, base.resolve("report?format=pdf"), key, rounds);
            if (keep != null) {
                Files.createDirectories(keep);
                Files.write(keep.resolve("report.html"), html.body());
                Files.write(keep.resolve("report.pdf"), pdf.body());
            }
            out.println();
            out.printf("| credit report of one subject with %,d records (median of %d after a warm-up) | value |%n", records, rounds);
            out.println("|---|---:|");
            out.printf("| grade (GET …/grade, computed on read) | %.0f ms |%n", grade.medianMs());
            out.printf("| HTML report, signed | %.0f ms (%,d KiB) |%n", html.medianMs(), html.body().length >> 10);
            out.printf("| PDF report, signed, font subset embedded | %.0f ms (%,d KiB) |%n", pdf.medianMs(), pdf.body().length >> 10);
            return 0;
        } finally {
            IngestBenchmark.deleteTree(dir);
        }
    }

    record Timing(double medianMs, byte[] body) {
    }

    private static Timing time(HttpClient client, URI uri, String key, int rounds) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", key).header("X-Purpose", "SUPERVISION").GET().build();
        byte[] body = fetch(client, request); // warm-up
        double[] ms = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            body = fetch(client, request);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return new Timing(ms[rounds / 2], body);
    }

    private static byte[] fetch(HttpClient client, HttpRequest request) throws Exception {
        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) throw new IllegalStateException(request.uri() + ": " + r.statusCode() + " " + new String(r.body()));
        return r.body();
    }
}
