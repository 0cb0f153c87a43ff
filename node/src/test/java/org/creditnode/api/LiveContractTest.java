package org.creditnode.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
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

import static org.creditnode.api.ContractSchemas.assertAnswerMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Live answers of a running node, over HTTP, against the schemas of the department and admin contracts. */
class LiveContractTest {
    @TempDir
    Path dir;

    @Test
    void answersMatchTheirContracts() throws Exception {
        int port = TestNodes.freePort();
        Path cfg = TestNodes.writeConfig(dir, "360404", port, "");
        NodeConfig config = TestNodes.withUnreachableParent(cfg);
        config.federation.ownLogCheckMs = 0;
        try (CreditNode node = CreditNode.start(config, Clock.systemUTC())) {
            Http http = TestAccess.department(node);
            Http admin = TestAccess.admin(node);
            ObjectNode bad = SampleRecords.penalty();
            bad.put("decisionDate", "2999-01-01");
            Http.Reply batch = http.postJson("/api/v1/records", "{\"records\": [" + SampleRecords.penalty() + "," + bad + "]}");
            assertEquals(200, batch.status(), batch.body());
            assertAnswerMatches("openapi.json", "POST", "/api/v1/records", 200, batch.json());
            String id = batch.json().get("accepted").get(0).get("id").asText();
            check(http, "openapi.json", "/api/v1/records/{id}", "/api/v1/records/" + id, 200);
            check(http, "openapi.json", "/api/v1/records/{id}/signed", "/api/v1/records/" + id + "/signed", 200);
            check(http, "openapi.json", "/api/v1/records/{id}", "/api/v1/records/360404-999999", 404);
            check(http, "openapi.json", "/api/v1/subjects/{code}/records", "/api/v1/subjects/X/records", 200);
            check(http, "openapi.json", "/api/v1/subjects/{code}/records", "/api/v1/subjects/X/records?limit=0", 400);
            Http own = http.with("X-Purpose", null);
            check(own, "openapi.json", "/api/v1/quality", "/api/v1/quality?period=quarter", 200);
            check(own, "openapi.json", "/api/v1/quality", "/api/v1/quality?period=day", 400);
            check(http, "openapi.json", "/api/v1/quality", "/api/v1/quality", 403);
            Http.Reply declared = own.postJson("/api/v1/quality/declarations", java.util.Map.of("month", "2026-01", "category", "ADMIN_PENALTY",
                    "total", 3));
            assertAnswerMatches("openapi.json", "POST", "/api/v1/quality/declarations", declared.status(), declared.json());
            Http.Reply sent = admin.post("/admin/v1/quality/statistics", "application/json", "");
            assertAnswerMatches("openapi-admin.json", "POST", "/admin/v1/quality/statistics", sent.status(), sent.json());
            Http.Reply notJson = http.post("/api/v1/records", "text/plain", "x");
            assertAnswerMatches("openapi.json", "POST", "/api/v1/records", notJson.status(), notJson.json());
            check(admin, "openapi-admin.json", "/admin/v1/links", "/admin/v1/links", 200);
            check(admin, "openapi-admin.json", "/admin/v1/origins", "/admin/v1/origins", 200);
            check(admin, "openapi-admin.json", "/admin/v1/audit", "/admin/v1/audit", 200);
            Http.Reply catchUp = admin.post("/admin/v1/catch-up", "application/json", "");
            assertAnswerMatches("openapi-admin.json", "POST", "/admin/v1/catch-up", catchUp.status(), catchUp.json());
            Http.Reply noLink = admin.post("/admin/v1/links/999999/pause", "application/json", "");
            assertAnswerMatches("openapi-admin.json", "POST", "/admin/v1/links/{id}/pause", noLink.status(), noLink.json());
        }
    }

    @Test
    void theCheckItselfCatchesAnAnswerThatBreaksItsSchema() throws Exception {
        var wrong = Http.JSON.readTree("{\"origins\": {\"360404\": {\"origin\": \"360404\", \"watermark\": \"many\"}}}");
        org.junit.jupiter.api.Assertions.assertThrows(org.opentest4j.AssertionFailedError.class,
                () -> assertAnswerMatches("openapi-admin.json", "GET", "/admin/v1/origins", 200, wrong));
        var noError = Http.JSON.readTree("{\"message\": \"no code\"}");
        org.junit.jupiter.api.Assertions.assertThrows(org.opentest4j.AssertionFailedError.class,
                () -> assertAnswerMatches("openapi.json", "GET", "/api/v1/records/{id}", 404, noError));
    }

    private static void check(Http http, String contract, String template, String path, int expected) throws Exception {
        Http.Reply r = http.get(path);
        assertEquals(expected, r.status(), path + ": " + r.body());
        assertAnswerMatches(contract, "GET", template, r.status(), r.json());
    }
}
