package org.creditnode.workflows.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.config.NodeConfig;
import org.creditnode.node.Await;
import org.creditnode.node.CreditNode;
import org.creditnode.node.Http;
import org.creditnode.node.TestAccess;
import org.creditnode.node.TestNodes;
import org.creditnode.record.SampleRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An entry whose validity ended leaves the list by itself: the node's job signs an EXPIRED version; a valid one stays. */
class ListExpiryTest {
    @TempDir
    Path dir;

    @Test
    void anEntryPastItsValidityBecomesAnExpiredVersionAndExitsRefuseBadInput() throws Exception {
        Path cfg = TestNodes.writeConfig(dir, "360404", TestNodes.freePort(),
                "federation: { ownLogCheckMs: 0 }\nworkflows: { listExpiryCheckSeconds: 1 }\n");
        try (CreditNode node = CreditNode.start(NodeConfig.load(cfg).resolve(null, null), Clock.systemUTC())) {
            Http dept = TestAccess.department(node);
            ObjectNode ended = SampleRecords.seriousDishonesty();
            ended.put("decisionDate", "2023-03-01");
            ((ObjectNode) ended.get("fields")).put("LIST_VALID_FROM", "2023-03-01").put("LIST_VALID_TO", "2025-02-28");
            ObjectNode valid = SampleRecords.seriousDishonesty();
            ((ObjectNode) valid.get("subject")).put("code", SampleRecords.validUscc(SampleRecords.REGION, 901));
            Http.Reply stored = dept.postJson("/api/v1/records", Map.of("records", List.of(ended, valid)));
            assertEquals(2, stored.json().get("accepted").size(), stored.body());
            String endedId = stored.json().get("accepted").get(0).get("id").asText();
            String validId = stored.json().get("accepted").get(1).get("id").asText();

            Await.until("the ended entry expired by the job", Duration.ofSeconds(30),
                    () -> dept.get("/api/v1/records/" + endedId).json().path("version").asInt() == 2);
            JsonNode expired = dept.get("/api/v1/records/" + endedId).json();
            assertEquals("EXPIRED", expired.path("status").asText(), expired.toString());
            assertEquals("EXPIRY", expired.path("change").path("kind").asText(), expired.toString());
            assertEquals("ACTIVE", dept.get("/api/v1/records/" + validId).json().path("status").asText(), "a valid entry stays");

            // bad input: a clear 4xx naming the field or the reason, nothing changed
            Http.Reply badReason = dept.postJson("/api/v1/lists/" + validId + "/exit", Map.of("reason", "BORED", "basis", "x"));
            assertEquals(400, badReason.status(), badReason.body());
            assertTrue(badReason.body().contains("reason"), badReason.body());
            Http.Reply noBasis = dept.postJson("/api/v1/lists/" + validId + "/exit", Map.of("reason", "DECISION"));
            assertEquals(400, noBasis.status(), noBasis.body());
            assertTrue(noBasis.body().contains("basis"), noBasis.body());
            Http.Reply unknown = dept.postJson("/api/v1/lists/360404-999999/exit", Map.of("reason", "DECISION", "basis", "x"));
            assertEquals(404, unknown.status(), unknown.body());
            Http.Reply penalty = dept.postJson("/api/v1/records", Map.of("records", List.of(SampleRecords.penalty())));
            String penaltyId = penalty.json().get("accepted").get(0).get("id").asText();
            Http.Reply notList = dept.postJson("/api/v1/lists/" + penaltyId + "/exit", Map.of("reason", "DECISION", "basis", "x"));
            assertEquals(422, notList.status(), notList.body());
            assertEquals("NOT_A_LIST_ENTRY", notList.json().path("error").asText());
            Http.Reply expiredAgain = dept.postJson("/api/v1/lists/" + endedId + "/exit", Map.of("reason", "DECISION", "basis", "x"));
            assertEquals(409, expiredAgain.status(), expiredAgain.body());
            assertEquals("ACTIVE", dept.get("/api/v1/records/" + validId).json().path("status").asText(), "nothing changed by refusals");

            Http.Reply exit = dept.postJson("/api/v1/lists/" + validId + "/exit", Map.of("reason", "REPAIR", "basis", "修复决定书 2026-12"));
            assertEquals(200, exit.status(), exit.body());
            assertEquals("REPAIRED", exit.json().path("status").asText());
            JsonNode audit = TestAccess.admin(node).get("/admin/v1/audit?limit=50").json();
            assertTrue(audit.toString().contains("LIST_EXIT"), audit.toString());
        }
    }
}
