package org.creditnode.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.record.SampleRecords;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code credit-bench feed --url URL --key-file FILE [--records N] [--batch N] [--category C]}: submits generated
 * sample records (made-up codes) to a node's department API, for the demo federation and load tests.
 */
public final class FeedCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private FeedCommand() {
    }

    static int run(String url, String apiKey, int records, int batch, String category, boolean printIds, PrintStream out, PrintStream err) {
        try {
            URI uri = URI.create(url.replaceAll("/+$", "") + "/api/v1/records");
            int accepted = 0;
            java.util.List<String> ids = new java.util.ArrayList<>();
            int seed = (int) (System.nanoTime() & 0x3ffffff);
            for (int done = 0; done < records; done += batch) {
                ObjectNode body = JSON.createObjectNode();
                ArrayNode a = body.putArray("records");
                for (int i = 0; i < Math.min(batch, records - done); i++) a.add(sample(category, seed + done + i));
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + apiKey)
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    err.println("error: HTTP " + r.statusCode() + ": " + r.body());
                    return 1;
                }
                var answer = JSON.readTree(r.body());
                accepted += answer.get("accepted").size();
                answer.get("accepted").forEach(x -> ids.add(x.path("id").asText()));
                if (!answer.get("rejected").isEmpty()) err.println("rejected: " + answer.get("rejected"));
            }
            out.println("accepted " + accepted + " of " + records + " " + category + " records at " + url);
            if (printIds) ids.forEach(out::println);
            return accepted == records ? 0 : 1;
        } catch (Exception e) {
            err.println("error: " + e);
            return 1;
        }
    }

    public static ObjectNode sample(String category, int n) {
        ObjectNode r = switch (category) {
            case "ADMIN_PENALTY" -> SampleRecords.penalty();
            case "ADMIN_LICENSE" -> SampleRecords.licence();
            case "RED_LIST" -> SampleRecords.redList();
            case "SERIOUS_DISHONESTY_LIST" -> SampleRecords.seriousDishonesty();
            case "COMMITMENT" -> SampleRecords.commitment();
            default -> throw new IllegalArgumentException("no sample for category " + category);
        };
        ((ObjectNode) r.get("subject")).put("code", SampleRecords.validUscc(SampleRecords.REGION, Math.floorMod(n, 100_000_000)));
        return r;
    }

}
