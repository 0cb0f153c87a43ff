package org.creditnode.federation;

import com.fasterxml.jackson.databind.JsonNode;
import org.creditnode.config.NodeConfig;
import org.creditnode.node.CreditNode;
import org.creditnode.node.Http;
import org.creditnode.node.TestAccess;
import org.creditnode.node.TestNodes;
import org.creditnode.record.SampleRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A link whose neighbour never answers: bounded retries, then the dead-letter queue, inspected and replayed by an operator. */
class DeadLetterTest {
    @TempDir
    Path dir;

    @Test
    void undeliverableRecordsGoToTheDeadLetterQueueAndCanBeReplayed() throws Exception {
        int port = TestNodes.freePort();
        Path cfg = TestNodes.writeConfig(dir, "360404", port, """
                federation: { maxAttempts: 3, retryInitialDelayMs: 20, retryMaxDelayMs: 50, requestTimeoutMs: 2000, ownLogCheckMs: 0 }
                """);
        NodeConfig config = TestNodes.withUnreachableParent(cfg);
        try (CreditNode node = CreditNode.start(config, Clock.systemUTC())) {
            Http http = TestAccess.department(node);
            Http admin = TestAccess.admin(node);
            Http.Reply r = http.postJson("/api/v1/records", "{\"records\": [" + SampleRecords.penalty() + "," + SampleRecords.licence() + "]}");
            assertEquals(200, r.status(), r.body());

            JsonNode link = awaitLink(admin, l -> l.get("deadLetters").asLong() == 1);
            assertEquals(0, link.get("queueDepth").asLong());
            assertTrue(link.get("lastError").asText().contains("ConnectException"), link.toString());

            JsonNode dlq = admin.get("/admin/v1/links/360400/dlq").json().get("deadLetters");
            assertEquals(1, dlq.size());
            assertEquals(2, dlq.get(0).get("records").asInt());
            assertEquals("[1,2]", dlq.get(0).get("refs").get(0).get("seqs").toString());

            assertEquals("PAUSED", admin.post("/admin/v1/links/360400/pause", "application/json", "").json().get("state").asText());
            JsonNode replay = admin.post("/admin/v1/links/360400/dlq/replay", "application/json", "").json();
            assertEquals(1, replay.get("replayed").asInt());
            JsonNode paused = awaitLink(admin, l -> l.get("queueDepth").asLong() == 1);
            assertEquals(0, paused.get("deadLetters").asLong(), "replayed messages wait on the paused link's queue");
            admin.post("/admin/v1/links/360400/resume", "application/json", "");
            awaitLink(admin, l -> l.get("deadLetters").asLong() == 1); // still undeliverable: back after its attempts
        }
    }

    interface LinkCondition {
        boolean test(JsonNode link);
    }

    private static JsonNode awaitLink(Http http, LinkCondition condition) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonNode link = null;
        while (System.nanoTime() < deadline) {
            link = http.get("/admin/v1/links").json().get("links").get(0);
            if (condition.test(link)) return link;
            Thread.sleep(50); // polling the node's own view of its link
        }
        throw new AssertionError("link never reached the expected state: " + link);
    }
}
