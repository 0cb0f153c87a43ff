package org.creditnode.workflows.repair;

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
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Credit repair on one node over HTTP: too early, refused, asked again and granted, then no more. */
class RepairHttpTest {
    @TempDir
    Path dir;

    @Test
    void aRepairIsEligibleByTheRecordsRuleSetAndDecidedAtTheOrigin() throws Exception {
        Path cfg = TestNodes.writeConfig(dir, "360404", TestNodes.freePort(), "federation: { ownLogCheckMs: 0 }\n");
        try (CreditNode node = CreditNode.start(NodeConfig.load(cfg).resolve(null, null), Clock.systemUTC())) {
            Http admin = TestAccess.admin(node);
            Http authority = TestAccess.department(node);
            Http window = new Http(node.apiAddress()).withToken(TestAccess.accountKey(admin, Map.of("name", "信用修复受理窗口",
                    "authorities", List.of(SampleRecords.authorityUscc("360404", 30)), "categories", List.of("REPAIR"))));
            ObjectNode old = SampleRecords.penaltyAgainst(601);
            old.put("decisionDate", "2025-06-10");
            old.put("severity", "SERIOUS");
            ObjectNode recent = SampleRecords.penaltyAgainst(602);
            recent.put("severity", "SERIOUS");
            Http.Reply stored = authority.postJson("/api/v1/records", Map.of("records", List.of(old, recent)));
            String oldId = stored.json().get("accepted").get(0).get("id").asText();
            String recentId = stored.json().get("accepted").get(1).get("id").asText();
            Map<String, Object> commitment = Map.of("text", "本单位承诺依法经营，按时履行行政处罚决定", "docNo", "CN-1");

            Http.Reply early = window.postJson("/api/v1/repairs", Map.of("recordId", recentId, "commitment", commitment));
            assertEquals(422, early.status(), early.body());
            assertEquals("NOT_YET_ELIGIBLE", early.json().path("error").asText());
            assertTrue(early.json().path("message").asText().contains(SampleRecords.DECISION_DATE.plusYears(1).toString()),
                    "严重 under Order 36: one year: " + early.body());
            Http.Reply noText = window.postJson("/api/v1/repairs", Map.of("recordId", oldId, "commitment", Map.of("docNo", "x")));
            assertEquals(400, noText.status(), noText.body());
            assertTrue(noText.body().contains("commitment.text"), noText.body());

            Http.Reply asked = window.postJson("/api/v1/repairs", Map.of("recordId", oldId, "commitment", commitment));
            assertEquals(202, asked.status(), asked.body());
            assertEquals("ORDER_58", asked.json().path("ruleSet").asText(), "decided in 2025: Order 58");
            String first = asked.json().path("id").asText();
            assertEquals(409, window.postJson("/api/v1/repairs", Map.of("recordId", oldId, "commitment", commitment)).status(), "one open request");
            Http.Reply refused = authority.postJson("/api/v1/repairs/" + first + "/decision", Map.of("outcome", "REFUSED", "reason", "尚未履行罚款"));
            assertEquals(200, refused.status(), refused.body());
            assertEquals("REFUSED", refused.json().path("outcome").asText());
            assertEquals("ACTIVE", authority.get("/api/v1/records/" + oldId).json().path("status").asText(), "a refusal changes nothing");

            String second = window.postJson("/api/v1/repairs", Map.of("recordId", oldId, "commitment", commitment)).json().path("id").asText();
            Http.Reply granted = authority.postJson("/api/v1/repairs/" + second + "/decision", Map.of("outcome", "GRANTED", "reason", "已履行"));
            assertEquals(200, granted.status(), granted.body());
            assertEquals("REPAIRED", authority.get("/api/v1/records/" + oldId).json().path("status").asText());
            String code = old.get("subject").get("code").asText();
            assertTrue(!new Http(node.apiAddress()).get("/public/v1/subjects/" + code + "/records").body().contains(oldId), "publicity ended");
            Http.Reply again = window.postJson("/api/v1/repairs", Map.of("recordId", oldId, "commitment", commitment));
            assertEquals(409, again.status(), again.body());
            assertEquals("ALREADY_REPAIRED", again.json().path("error").asText());
        }
    }
}
