package org.creditnode.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.config.NodeConfig;
import org.creditnode.record.SampleRecords;
import org.creditnode.sign.HashAlgorithm;
import org.creditnode.store.OriginHead;
import org.creditnode.store.StoredRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The department API of one started node, over real HTTP. */
class NodeApiTest {
    @TempDir
    static Path dir;
    static CreditNode node;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        int port = TestNodes.freePort();
        Path cfg = TestNodes.writeConfig(dir, "360404", port, """
                http: { host: 127.0.0.1, port: %d, maxBodyBytes: 300000 }
                ingest: { maxBatch: 50 }
                """.formatted(port));
        node = CreditNode.start(NodeConfig.load(cfg).resolve(null, null), Clock.systemUTC());
        http = TestAccess.department(node);
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
    }

    static ObjectNode batch(JsonNode... records) {
        ObjectNode b = Http.JSON.createObjectNode();
        ArrayNode a = b.putArray("records");
        for (JsonNode r : records) a.add(r);
        return b;
    }

    @Test
    void acceptsTheGoodRecordsOfABatchAndNamesEachProblemOfTheBadOnes() throws Exception {
        ObjectNode badCode = SampleRecords.penalty();
        String code = badCode.with("subject").get("code").asText();
        char wrong = code.charAt(17) == '0' ? '1' : '0';
        ((ObjectNode) badCode.get("subject")).put("code", code.substring(0, 17) + wrong);
        ObjectNode missing = SampleRecords.penalty();
        ((ObjectNode) missing.get("fields")).remove("CF_WSH");
        missing.remove("decisionDate");

        Http.Reply r = http.postJson("/api/v1/records", batch(SampleRecords.penalty(), badCode, SampleRecords.licence(), missing));

        assertEquals(200, r.status(), r.body());
        JsonNode accepted = r.json().get("accepted");
        JsonNode rejected = r.json().get("rejected");
        assertEquals(List.of(0, 2), indexes(accepted));
        assertEquals(List.of(1, 3), indexes(rejected));
        JsonNode e1 = rejected.get(0).get("errors").get(0);
        assertEquals("subject.code", e1.get("field").asText());
        assertEquals("CHECKSUM", e1.get("code").asText());
        List<String> fields3 = new ArrayList<>();
        rejected.get(1).get("errors").forEach(e -> fields3.add(e.get("field").asText() + ":" + e.get("code").asText()));
        assertTrue(fields3.contains("decisionDate:REQUIRED"), fields3.toString());
        assertTrue(fields3.contains("fields.CF_WSH:REQUIRED"), fields3.toString());

        for (JsonNode a : accepted) {
            Http.Reply got = http.get("/api/v1/records/" + a.get("id").asText());
            assertEquals(200, got.status(), got.body());
            JsonNode rec = got.json();
            assertEquals("360404", rec.get("origin").asText());
            assertEquals(1, rec.get("version").asInt());
            assertEquals("ACTIVE", rec.get("status").asText());
            assertEquals(a.get("id").asText(), "360404-" + rec.get("seq").asLong());
            assertEquals(64, rec.get("hash").asText().length());
            assertEquals("SM2-SM3", rec.get("signature").get("alg").asText());
            assertTrue(rec.get("signature").has("proof"), "batch signing carries an inclusion proof");
        }
    }

    @Test
    void concurrentRequestsGetGapFreeSequenceNumbersOnOneHashChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Http.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            replies.add(pool.submit(() -> http.postJson("/api/v1/records", batch(SampleRecords.penalty()))));
        }
        for (Future<Http.Reply> f : replies) assertEquals(200, f.get().status(), f.get().body());
        pool.shutdown();

        OriginHead head = node.store().head("360404").orElseThrow();
        List<StoredRecord> all = node.store().byOrigin("360404", 1, 100_000);
        assertEquals(head.lastSeq(), all.size(), "one record per sequence number");
        String prev = OriginHead.GENESIS;
        for (int i = 0; i < all.size(); i++) {
            StoredRecord r = all.get(i);
            assertEquals(i + 1, r.seq(), "no gap before " + r.id());
            assertEquals(prev, r.prevHash(), "chain link of " + r.id());
            String recomputed = HexFormat.of().formatHex(HashAlgorithm.SM3.digest(r.canonical().getBytes(StandardCharsets.UTF_8)));
            assertEquals(recomputed, r.hash(), "hash of " + r.id());
            prev = r.hash();
        }
        assertEquals(head.lastHash(), prev);
    }

    @Test
    void aBodyThatIsNotABatchGetsA4xxAndStoresNothing() throws Exception {
        long before = node.store().count();
        assertError(http.post("/api/v1/records", "application/json", "{\"records\": [ {"), 400, "MALFORMED_JSON");
        assertTrue(http.post("/api/v1/records", "application/json", "{\"records\": [ {").json().get("message").asText().contains("line 1"));
        assertError(http.post("/api/v1/records", "text/plain", batch(SampleRecords.penalty()).toString()), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertError(http.post("/api/v1/records", null, batch(SampleRecords.penalty()).toString()), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertError(http.post("/api/v1/records", "application/json", ""), 400, "EMPTY_BODY");
        assertError(http.postJson("/api/v1/records", "{\"records\": []}"), 400, "EMPTY_BATCH");
        assertError(http.postJson("/api/v1/records", "{\"records\": {}}"), 400, "NOT_A_BATCH");
        assertError(http.postJson("/api/v1/records", "[1, 2]"), 400, "NOT_A_BATCH");
        assertError(http.postJson("/api/v1/records", "{\"records\": [{}], \"records\": []}"), 400, "MALFORMED_JSON");
        JsonNode[] many = new JsonNode[51];
        for (int i = 0; i < many.length; i++) many[i] = SampleRecords.penalty();
        assertError(http.postJson("/api/v1/records", batch(many)), 413, "BATCH_TOO_LARGE");
        String huge = "{\"records\": [{\"category\": \"" + "x".repeat(400_000) + "\"}]}";
        assertError(http.postJson("/api/v1/records", huge), 413, "BODY_TOO_LARGE");
        assertEquals(before, node.store().count(), "nothing stored by refused requests");
    }

    @Test
    void unknownRecordsAndPathsAnswer404WithAnErrorBody() throws Exception {
        assertError(http.get("/api/v1/records/360404-999999999"), 404, "NOT_FOUND");
        assertError(http.get("/api/v1/nothing-here"), 404, "NOT_FOUND");
        assertError(http.get("/api/v1/subjects/X/records?limit=0"), 400, "BAD_LIMIT");
    }

    @Test
    void listsASubjectsRecordsNewestFirstInPages() throws Exception {
        ObjectNode r = SampleRecords.penalty();
        String subject = SampleRecords.validUscc("360404", 777);
        ((ObjectNode) r.get("subject")).put("code", subject);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(http.postJson("/api/v1/records", batch(r)).json().get("accepted").get(0).get("id").asText());
        }
        JsonNode page1 = http.get("/api/v1/subjects/" + subject + "/records?limit=2").json();
        assertEquals(List.of(ids.get(2), ids.get(1)), idsOf(page1.get("records")));
        JsonNode page2 = http.get("/api/v1/subjects/" + subject + "/records?limit=2&cursor=" + page1.get("nextCursor").asText()).json();
        assertEquals(List.of(ids.get(0)), idsOf(page2.get("records")));
        assertTrue(page2.get("nextCursor").isNull());
    }

    @Test
    void healthAndOpenApiDescribeTheNode() throws Exception {
        Http.Reply h = http.get("/health");
        assertEquals(200, h.status(), h.body());
        assertEquals("UP", h.json().get("status").asText());
        assertEquals("UP", h.json().get("checks").get("database").asText());
        assertEquals("UP", h.json().get("checks").get("broker").asText());

        Http.Reply o = http.get("/api/openapi.json");
        assertEquals(200, o.status());
        JsonNode paths = o.json().get("paths");
        for (String p : List.of("/api/v1/records", "/api/v1/records/{id}", "/api/v1/records/{id}/signed",
                "/api/v1/subjects/{code}/records", "/health")) {
            assertTrue(paths.has(p), "OpenAPI lists " + p);
        }
    }

    static void assertError(Http.Reply r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        assertEquals(code, r.json().get("error").asText(), r.body());
        assertFalse(r.json().get("message").asText().isBlank());
        assertFalse(r.body().contains("Exception"), "no stack trace or exception names: " + r.body());
    }

    static List<Integer> indexes(JsonNode items) {
        List<Integer> out = new ArrayList<>();
        items.forEach(i -> out.add(i.get("index").asInt()));
        return out;
    }

    static List<String> idsOf(JsonNode records) {
        List<String> out = new ArrayList<>();
        records.forEach(i -> out.add(i.get("id").asText()));
        return out;
    }
}
