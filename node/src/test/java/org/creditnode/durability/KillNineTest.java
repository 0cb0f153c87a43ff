package org.creditnode.durability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.node.Http;
import org.creditnode.node.NodeProcess;
import org.creditnode.node.TestNodes;
import org.creditnode.record.SampleRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "A 2xx means durably accepted": an origin node process is killed with kill -9 at seeded random
 * moments while a department keeps submitting; after every restart each record ever acknowledged
 * is there under the id it was given, and no id is ever given to a different record.
 */
class KillNineTest {
    private static final long SEED = 20261201L;
    private static final int KILLS = 10;
    private static final int BATCH = 25;

    @TempDir
    Path dir;

    /** id → the subject code of the record acknowledged under it (codes are unique per record). */
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final AtomicInteger subjects = new AtomicInteger();
    private final AtomicReference<AssertionError> failure = new AtomicReference<>();

    @Test
    void everyAcknowledgedRecordSurvivesKill9AtRandomMomentsAndNoIdIsReused() throws Exception {
        Random random = new Random(SEED);
        int port = TestNodes.freePort();
        Path cfg = TestNodes.writeConfig(dir, "360404", port, "");
        Path log = dir.resolve("node.log");
        for (int round = 0; round < KILLS; round++) {
            try (NodeProcess n = NodeProcess.start(cfg, port, log)) {
                n.awaitHealthy(Duration.ofSeconds(60));
                assertAllPresent(n.department(), "after restart " + round);
                // Kill after 1-6 acknowledged batches and a further 0-40 ms, with requests in flight.
                int acksBeforeKill = 1 + random.nextInt(6);
                long extraDelayMs = random.nextInt(40);
                CountDownLatch enough = new CountDownLatch(acksBeforeKill);
                Http department = n.department();
                Thread client = new Thread(() -> submitUntilKilled(department, enough), "department-client");
                client.start();
                assertTrue(enough.await(60, TimeUnit.SECONDS), "the node acknowledged batches:\n" + n.log());
                TimeUnit.MILLISECONDS.sleep(extraDelayMs); // the random moment itself, not a wait for a condition
                n.kill();
                client.join(30_000);
                if (failure.get() != null) throw failure.get();
            }
        }
        try (NodeProcess n = NodeProcess.start(cfg, port, log)) {
            n.awaitHealthy(Duration.ofSeconds(60));
            assertAllPresent(n.department(), "after the last kill");
            submit(n.department()); // numbering continues past every acknowledged id
            n.terminate(Duration.ofSeconds(15));
        }
        assertTrue(acknowledged.size() >= KILLS * BATCH, "acknowledged " + acknowledged.size());
        System.out.printf("kill -9 x%d: %d acknowledged records, all present, no id reused%n", KILLS, acknowledged.size());
    }

    private void submitUntilKilled(Http http, CountDownLatch acks) {
        try {
            while (true) {
                if (submit(http)) acks.countDown();
            }
        } catch (AssertionError e) {
            failure.compareAndSet(null, e);
            acks.countDown();
        } catch (Exception killed) {
            // the process was killed mid-request: that request was never acknowledged
        }
    }

    /** One batch; true when acknowledged. A refusal (5xx) is not an acknowledgement. */
    private boolean submit(Http http) throws Exception {
        ObjectNode body = Http.JSON.createObjectNode();
        var records = body.putArray("records");
        String[] codes = new String[BATCH];
        for (int i = 0; i < BATCH; i++) {
            ObjectNode r = SampleRecords.penalty();
            codes[i] = SampleRecords.validUscc("360404", subjects.incrementAndGet());
            ((ObjectNode) r.get("subject")).put("code", codes[i]);
            records.add(r);
        }
        Http.Reply reply = http.postJson("/api/v1/records", body);
        if (reply.status() != 200) return false;
        JsonNode accepted = reply.json().get("accepted");
        assertEquals(BATCH, accepted.size(), reply.body());
        for (JsonNode a : accepted) {
            String id = a.get("id").asText();
            String previous = acknowledged.putIfAbsent(id, codes[a.get("index").asInt()]);
            assertNull(previous, "id " + id + " was acknowledged before for another record");
        }
        return true;
    }

    private void assertAllPresent(Http http, String when) throws Exception {
        for (var e : acknowledged.entrySet()) {
            Http.Reply r = http.get("/api/v1/records/" + e.getKey());
            assertEquals(200, r.status(), when + ": acknowledged record " + e.getKey() + " is missing");
            assertEquals(e.getValue(), r.json().path("subject").path("code").asText(),
                    when + ": " + e.getKey() + " holds a different record than the one acknowledged");
        }
    }
}
