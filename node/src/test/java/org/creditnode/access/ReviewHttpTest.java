package org.creditnode.access;

import com.fasterxml.jackson.databind.JsonNode;
import org.creditnode.config.NodeConfig;
import org.creditnode.node.CreditNode;
import org.creditnode.node.Http;
import org.creditnode.node.TestAccess;
import org.creditnode.node.TestNodes;
import org.creditnode.record.SampleRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Four eyes on a reviewed category, over real HTTP: nothing is signed or stored until another account of the authority approves. */
class ReviewHttpTest {
    @TempDir
    Path dir;

    @Test
    void aListEntryWaitsForAReviewerOfItsAuthorityWhoIsNotTheSubmitter() throws Exception {
        Path catalogue = dir.resolve("catalog.yaml");
        Files.writeString(catalogue, Files.readString(TestNodes.CONFIG_DIR.resolve("catalog.yaml"))
                .replace("  SERIOUS_DISHONESTY_LIST:\n", "  SERIOUS_DISHONESTY_LIST:\n    review: true\n"));
        Path cfg = TestNodes.writeConfig(dir.resolve("node"), "360404", TestNodes.freePort(), "federation: { ownLogCheckMs: 0 }\n");
        Files.writeString(cfg, Files.readString(cfg).replace(TestNodes.CONFIG_DIR.resolve("catalog.yaml").toString(), catalogue.toString()));
        try (CreditNode node = CreditNode.start(NodeConfig.load(cfg).resolve(null, null), Clock.systemUTC())) {
            Http admin = TestAccess.admin(node);
            Http submitter = account(node, admin, "数据管理员", TestAccess.AUTHORITY, List.of("SUBMITTER"));
            Http reviewer = account(node, admin, "审核员", TestAccess.AUTHORITY, List.of("REVIEWER"));
            Http both = account(node, admin, "一人两角", TestAccess.AUTHORITY, List.of("SUBMITTER", "REVIEWER"));
            Http elsewhere = account(node, admin, "别处审核员", SampleRecords.authorityUscc("360404", 8), List.of("REVIEWER"));
            long before = node.store().count();

            Http.Reply submitted = submitter.postJson("/api/v1/records", "{\"records\": [" + SampleRecords.seriousDishonesty() + ", "
                    + SampleRecords.penalty() + "]}");
            assertEquals(200, submitted.status(), submitted.body());
            JsonNode waiting = submitted.json().get("accepted").get(0);
            assertEquals("PENDING_REVIEW", waiting.get("status").asText());
            assertEquals("ACCEPTED", submitted.json().get("accepted").get(1).get("status").asText(), "other categories go on at once");
            assertEquals(before + 1, node.store().count(), "the list entry is not stored yet");
            String review = waiting.get("id").asText();

            JsonNode listed = reviewer.get("/api/v1/reviews?status=PENDING").json().get("reviews");
            assertEquals(1, listed.size(), listed.toString());
            assertEquals("SERIOUS_DISHONESTY_LIST", listed.get(0).get("record").get("category").asText());
            assertEquals(403, submitter.get("/api/v1/reviews").status(), "a submitter lists nothing");
            assertEquals(0, elsewhere.get("/api/v1/reviews").json().get("reviews").size(), "another authority sees nothing");

            assertError(elsewhere.postJson("/api/v1/reviews/" + review, Map.of("decision", "APPROVE")), 404, "NOT_FOUND");
            assertError(submitter.postJson("/api/v1/reviews/" + review, Map.of("decision", "APPROVE")), 403, "ROLE_NOT_ALLOWED");
            assertError(reviewer.postJson("/api/v1/reviews/" + review, Map.of("decision", "REJECT")), 400, "REASON_REQUIRED");
            assertError(reviewer.postJson("/api/v1/reviews/" + review, Map.of("decision", "MAYBE")), 400, "BAD_DECISION");

            Http.Reply own = both.postJson("/api/v1/records", "{\"records\": [" + SampleRecords.seriousDishonesty() + "]}");
            assertEquals(1, own.json().get("accepted").size(), own.body());
            String ownReview = own.json().get("accepted").get(0).get("id").asText();
            assertError(both.postJson("/api/v1/reviews/" + ownReview, Map.of("decision", "APPROVE")), 403, "FOUR_EYES");

            Http.Reply approved = reviewer.postJson("/api/v1/reviews/" + review, Map.of("decision", "APPROVE", "reason", "核实无误"));
            assertEquals(200, approved.status(), approved.body());
            String recordId = approved.json().get("recordId").asText();
            assertEquals(before + 2, node.store().count(), "approved: numbered, signed and stored");
            assertEquals("SERIOUS_DISHONESTY_LIST", reviewer.with("X-Purpose", "SUPERVISION").get("/api/v1/records/" + recordId)
                    .json().get("category").asText());
            assertError(reviewer.postJson("/api/v1/reviews/" + review, Map.of("decision", "APPROVE")), 409, "ALREADY_DECIDED");

            Http.Reply rejected = reviewer.postJson("/api/v1/reviews/" + ownReview, Map.of("decision", "REJECT", "reason", "认定文书缺失"));
            assertEquals("REJECTED", rejected.json().get("status").asText(), rejected.body());
            assertEquals("认定文书缺失", both.get("/api/v1/reviews?status=REJECTED").json().get("reviews").get(0).get("reason").asText());
            assertEquals(before + 2, node.store().count(), "a rejected record is never stored");

            String audit = admin.get("/admin/v1/audit?limit=100").body();
            for (String kind : List.of("REVIEW_APPROVED", "REVIEW_REJECTED", "REVIEW_REFUSED")) assertTrue(audit.contains(kind), kind);
        }
    }

    private static Http account(CreditNode node, Http admin, String name, String authority, List<String> roles) throws Exception {
        String key = TestAccess.accountKey(admin, Map.of("name", name, "authorities", List.of(authority),
                "categories", List.of("SERIOUS_DISHONESTY_LIST", "ADMIN_PENALTY"), "purposes", List.of("SUPERVISION"), "roles", roles));
        return new Http(node.apiAddress()).withToken(key);
    }

    private static void assertError(Http.Reply r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.json().get("error").asText(), r.body());
    }
}
