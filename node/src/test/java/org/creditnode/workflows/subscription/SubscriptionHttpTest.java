package org.creditnode.workflows.subscription;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Subscriptions pulled with a cursor, over real HTTP: what they follow, in order, once; and the refusals. */
class SubscriptionHttpTest {
    @TempDir
    Path dir;

    @Test
    void aSubscriberGetsWhatItFollowsInOrderOnceAndWhatItMissedWhileAway() throws Exception {
        Path cfg = TestNodes.writeConfig(dir, "360404", TestNodes.freePort(), "federation: { ownLogCheckMs: 0 }\n");
        try (CreditNode node = CreditNode.start(NodeConfig.load(cfg).resolve(null, null), Clock.systemUTC())) {
            Http admin = TestAccess.admin(node);
            Http dept = TestAccess.department(node);
            Http.Reply created = dept.postJson("/api/v1/subscriptions", Map.of("purpose", "SUPERVISION",
                    "categories", List.of("SERIOUS_DISHONESTY_LIST"), "listTypes", List.of("WAGE_ARREARS")));
            assertEquals(201, created.status(), created.body());
            String id = created.json().get("id").asText();
            String cursor = created.json().get("cursor").asText();

            List<String> listed = new ArrayList<>();
            for (int round = 0; round < 3; round++) { // the subscriber is away for all three
                ObjectNode entry = SampleRecords.seriousDishonesty();
                ((ObjectNode) entry.get("subject")).put("code", SampleRecords.validUscc(SampleRecords.REGION, 900 + round));
                ObjectNode otherType = SampleRecords.seriousDishonesty();
                ((ObjectNode) otherType.get("fields")).put("LIST_TYPE", "TAX");
                Http.Reply r = dept.postJson("/api/v1/records", Map.of("records", List.of(SampleRecords.penalty(), entry, otherType)));
                listed.add(r.json().get("accepted").get(1).get("id").asText());
            }

            Http.Reply first = dept.get("/api/v1/subscriptions/" + id + "/records?limit=2&cursor=" + cursor);
            assertEquals(200, first.status(), first.body());
            assertEquals(List.of(listed.get(0), listed.get(1)), ids(first.json()), "in the order stored, only what it follows");
            assertTrue(first.json().get("more").asBoolean());
            JsonNode second = dept.get("/api/v1/subscriptions/" + id + "/records?cursor=" + first.json().get("nextCursor").asText()).json();
            assertEquals(List.of(listed.get(2)), ids(second));
            JsonNode third = dept.get("/api/v1/subscriptions/" + id + "/records?cursor=" + second.get("nextCursor").asText()).json();
            assertEquals(List.of(), ids(third), "nothing twice");
            assertFalse(third.get("more").asBoolean());

            String subject = SampleRecords.validUscc(SampleRecords.REGION, 900);
            assertTrue(admin.get("/admin/v1/subjects/" + subject + "/queries").body().contains("subscription " + id), "pulls are query-logged");

            assertError(dept.postJson("/api/v1/subscriptions", Map.of("purpose", "SUPERVISION", "categories", List.of("GOSSIP"))), 400, "BAD_SUBSCRIPTION");
            assertError(dept.postJson("/api/v1/subscriptions", Map.of("purpose", "SUPERVISION", "listTypes", List.of("NOPE"))), 400, "BAD_SUBSCRIPTION");
            assertError(dept.postJson("/api/v1/subscriptions", Map.of("purpose", "SUPERVISION", "categories", List.of("ADMIN_LICENSE"),
                    "listTypes", List.of("TAX"))), 400, "BAD_SUBSCRIPTION");
            assertError(dept.postJson("/api/v1/subscriptions", Map.of("purpose", "SUPERVISION")), 400, "BAD_SUBSCRIPTION");
            assertError(dept.postJson("/api/v1/subscriptions", Map.of("purpose", "NOPE", "categories", List.of("RED_LIST"))), 400, "PURPOSE_UNKNOWN");
            assertError(TestAccess.department(node).get("/api/v1/subscriptions/" + id + "/records?cursor=0"), 404, "NOT_FOUND");
            assertError(dept.get("/api/v1/subscriptions/" + id + "/records?cursor=x"), 400, "BAD_CURSOR");
            assertEquals(200, dept.delete("/api/v1/subscriptions/" + id).status());
            assertError(dept.get("/api/v1/subscriptions/" + id + "/records?cursor=0"), 409, "CANCELLED");
        }
    }

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("records").forEach(r -> out.add(r.get("id").asText()));
        return out;
    }

    private static void assertError(Http.Reply r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.json().get("error").asText(), r.body());
    }
}
