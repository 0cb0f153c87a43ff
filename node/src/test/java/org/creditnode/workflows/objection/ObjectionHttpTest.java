package org.creditnode.workflows.objection;

import com.fasterxml.jackson.databind.JsonNode;
import org.creditnode.config.NodeConfig;
import org.creditnode.node.Await;
import org.creditnode.node.CreditNode;
import org.creditnode.node.Http;
import org.creditnode.node.MutableClock;
import org.creditnode.node.TestAccess;
import org.creditnode.node.TestNodes;
import org.creditnode.record.SampleRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An objection on one node over real HTTP: disputed at once at the origin, measures suspended, decided, corrected, refused input, overdue. */
class ObjectionHttpTest {
    @TempDir
    Path dir;

    @Test
    void anObjectionDisputesTheRecordUntilTheOriginDecidesAndBadInputIsRefused() throws Exception {
        Path cfg = TestNodes.writeConfig(dir, "360404", TestNodes.freePort(), "federation: { ownLogCheckMs: 0 }\n");
        MutableClock clock = new MutableClock();
        try (CreditNode node = CreditNode.start(NodeConfig.load(cfg).resolve(null, null), clock)) {
            Http admin = TestAccess.admin(node);
            Http authority = TestAccess.department(node);
            Http window = new Http(node.apiAddress()).withToken(TestAccess.accountKey(admin, Map.of("name", "信用修复与异议受理窗口",
                    "authorities", List.of(SampleRecords.authorityUscc("360404", 30)), "categories", List.of("OBJECTION", "REPAIR"))));
            Http other = new Http(node.apiAddress()).withToken(TestAccess.accountKey(admin, Map.of("name", "另一部门",
                    "authorities", List.of(SampleRecords.authorityUscc("360404", 31)), "categories", List.of("SERIOUS_DISHONESTY_LIST"))));

            Http.Reply stored = authority.postJson("/api/v1/records", Map.of("records", List.of(SampleRecords.seriousDishonesty(),
                    SampleRecords.penalty())));
            String entry = stored.json().get("accepted").get(0).get("id").asText();
            String penalty = stored.json().get("accepted").get(1).get("id").asText();
            String subject = SampleRecords.seriousDishonesty().get("subject").get("code").asText();
            Map<String, Object> objection = Map.of("recordId", entry, "grounds", "ERROR", "statement", "认定事实有误，工资已于认定前结清",
                    "attachments", List.of(Map.of("name", "工资支付凭证.pdf", "sm3", "ab".repeat(32))));

            // refused: who, what, which grounds
            expect(other.postJson("/api/v1/objections", objection), 403, "CATEGORY_NOT_ALLOWED", "OBJECTION");
            expect(window.postJson("/api/v1/objections", Map.of("recordId", "360404-999", "grounds", "ERROR", "statement", "x")), 404,
                    "UNKNOWN_RECORD", "recordId");
            expect(window.postJson("/api/v1/objections", Map.of("recordId", entry, "grounds", "UNFAIR", "statement", "x")), 400,
                    "BAD_OBJECTION", "grounds");
            expect(window.postJson("/api/v1/objections", Map.of("recordId", entry, "grounds", "ERROR", "statement", "x",
                    "attachments", List.of(Map.of("name", "a.pdf", "sm3", "nothex")))), 400, "BAD_OBJECTION", "attachments[0].sm3");

            Http.Reply raised = window.postJson("/api/v1/objections", objection);
            assertEquals(202, raised.status(), raised.body());
            String id = raised.json().get("id").asText();
            LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
            assertEquals(today.plusDays(20).toString(), raised.json().get("dueDate").asText(), "20 calendar days");
            assertEquals("DISPUTED", raised.json().get("recordStatus").asText(), "disputed at once at its origin: " + raised.body());
            expect(window.postJson("/api/v1/objections", objection), 409, "ALREADY_DISPUTED", id);

            // the check answer reports the entry with its measures suspended
            Http checker = authority.with("X-Purpose", null);
            Await.until("the disputed version in the matching index", Duration.ofSeconds(30), () -> "DISPUTED".equals(
                    checker.postJson("/api/v1/checks", Map.of("subject", subject, "purpose", "SUPERVISION")).json()
                            .path("entries").path(0).path("status").asText()));
            JsonNode answer = checker.postJson("/api/v1/checks", Map.of("subject", subject, "purpose", "SUPERVISION")).json();
            assertTrue(answer.path("measures").toString().contains("\"suspended\":true"), answer.toString());

            // decided at the origin by the deciding authority only
            expect(other.postJson("/api/v1/objections/" + id + "/decision", Map.of("outcome", "UPHELD", "reason", "x")), 403,
                    "AUTHORITY_NOT_ALLOWED", entry);
            expect(authority.postJson("/api/v1/objections/" + id + "/decision", Map.of("outcome", "CORRECTED", "reason", "x")), 400,
                    "BAD_OBJECTION", "correction");
            expect(authority.postJson("/api/v1/objections/" + id + "/decision", Map.of("outcome", "CORRECTED", "reason", "x",
                    "correction", Map.of("fields", Map.of("LIST_VALID_TO", "not a date")))), 422, "BAD_CORRECTION", "LIST_VALID_TO");
            Http.Reply decided = authority.postJson("/api/v1/objections/" + id + "/decision", Map.of("outcome", "CORRECTED",
                    "reason", "部分事实有误，已更正列入事由", "correction", Map.of("fields", Map.of("LIST_REASON", "拖欠农民工工资（已更正）"))));
            assertEquals(200, decided.status(), decided.body());
            assertEquals("CORRECTED", decided.json().get("outcome").asText());
            JsonNode record = authority.get("/api/v1/records/" + entry).json();
            assertEquals(3, record.get("version").asInt(), "v1, DISPUTED v2, the decision v3: " + record);
            assertEquals("ACTIVE", record.get("status").asText());
            assertEquals("拖欠农民工工资（已更正）", record.get("fields").get("LIST_REASON").asText());
            assertEquals(id, record.get("change").get("objection").asText());
            expect(authority.postJson("/api/v1/objections/" + id + "/decision", Map.of("outcome", "UPHELD", "reason", "x")), 409,
                    "ALREADY_DECIDED", id);
            expect(window.postJson("/api/v1/objections", objection), 409, "ALREADY_DECIDED", id);

            // an objection nobody decides is overdue after its 20 days
            Http.Reply second = window.postJson("/api/v1/objections", Map.of("recordId", penalty, "grounds", "OVERDUE", "statement", "超期公示"));
            String secondId = second.json().get("id").asText();
            assertTrue(window.get("/api/v1/objections?overdue=true").json().get("objections").isEmpty());
            clock.advance(Duration.ofDays(21));
            JsonNode overdue = window.get("/api/v1/objections?overdue=true").json().get("objections");
            assertEquals(1, overdue.size(), overdue.toString());
            assertEquals(secondId, overdue.get(0).get("id").asText());
            assertTrue(overdue.get(0).get("overdue").asBoolean());
        }
    }

    private static void expect(Http.Reply r, int status, String code, String mentions) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.json().path("error").asText(), r.body());
        assertTrue(r.json().path("message").asText().contains(mentions), r.body());
    }
}
