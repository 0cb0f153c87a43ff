package org.creditnode.durability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.node.LocalFederation;
import org.creditnode.node.TestNodes;
import org.creditnode.record.SampleRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A signed receipt means the receiver holds the records: the city answers the county's deliveries
 * with receipts, is killed with kill -9 right after the county's queue has emptied (every
 * delivery receipted), and restarts holding every record — with the county stopped, so that no
 * catch-up can hide a loss.
 */
class ReceiverKillTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void recordsAReceiverSignedForSurviveItsKill9() throws Exception {
        try (LocalFederation fed = new LocalFederation(List.of("360400", "360404"), dir, TestNodes.CONFIG_DIR, "")) {
            fed.startAll(Duration.ofSeconds(120));
            int total = 0;
            for (int b = 0; b < 6; b++) {
                ArrayNode records = JSON.createArrayNode();
                for (int i = 0; i < 500; i++) {
                    records.add(SampleRecords.penaltyAgainst(total + i));
                }
                var reply = fed.post("360404", "/api/v1/records", JSON.createObjectNode().set("records", records).toString());
                assertEquals(200, reply.statusCode(), reply.body());
                total += 500;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (queueDepth(fed) > 0 && System.nanoTime() < deadline) TimeUnit.MILLISECONDS.sleep(5);
            fed.kill("360400"); // at once: the last receipt was just sent
            assertEquals(0, queueDepth(fed), "the county's queue to the city emptied: every delivery was receipted");
            assertEquals(143, fed.stop("360404"));

            fed.start("360400");
            fed.awaitHealthy("360400", Duration.ofSeconds(60));
            assertEquals(total, fed.records("360400", "360404"), "records the city signed for, after its kill -9");
            assertEquals(total, fed.watermark("360400", "360404"), "and their chain is whole");
        }
    }

    private static long queueDepth(LocalFederation fed) throws Exception {
        JsonNode links = JSON.readTree(fed.get("360404", "/admin/v1/links").body()).path("links");
        for (JsonNode l : links) if (l.path("link").asText().equals("360400")) return l.path("queueDepth").asLong();
        throw new AssertionError("no link 360400 in " + links);
    }
}
