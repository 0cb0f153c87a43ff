package org.creditnode.workflows.jointaction;

import com.fasterxml.jackson.databind.JsonNode;
import org.creditnode.config.NodeConfig;
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
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 发起 → 响应 → 反馈 on one node over real HTTP, with days passing on the node's clock: bad input
 * refused naming the field, an overdue response and overdue feedback flagged, statistics and CSV,
 * and an exit of the entry ending the action for every implementer.
 */
class JointActionHttpTest {
    private static final String INITIATOR = SampleRecords.authorityUscc("360404", 7);
    private static final String TAX = SampleRecords.authorityUscc("360404", 8);
    private static final String MARKET = SampleRecords.authorityUscc("360404", 9);

    @TempDir
    Path dir;

    @Test
    void anActionIsInitiatedAnsweredTrackedFlaggedWhenOverdueAndEndedByTheEntrysExit() throws Exception {
        Path cfg = TestNodes.writeConfig(dir, "360404", TestNodes.freePort(), "federation: { ownLogCheckMs: 0 }\n"
                + "workflows: { jointActionRespondDays: 5, jointActionFeedbackDays: 10 }\n");
        MutableClock clock = new MutableClock();
        try (CreditNode node = CreditNode.start(NodeConfig.load(cfg).resolve(null, null), clock)) {
            Http admin = TestAccess.admin(node);
            Http lists = TestAccess.department(node);
            Http initiator = account(node, admin, "发改委联合奖惩系统", INITIATOR, List.of("JOINT_ACTION"), List.of(), null);
            Http tax = account(node, admin, "税务局审批系统", TAX, List.of(), List.of(), null);
            Http market = account(node, admin, "市场监管局审批系统", MARKET, List.of(), List.of(), "市场监管");
            Http outsider = account(node, admin, "其他系统", SampleRecords.authorityUscc("360404", 10), List.of("JOINT_ACTION"), List.of(), null);
            Http tracker = account(node, admin, "省信用中心", SampleRecords.authorityUscc("360404", 11), List.of(),
                    List.of(JointActionService.TRACKING_PURPOSE), null).with("X-Purpose", JointActionService.TRACKING_PURPOSE);

            Http.Reply listed = lists.postJson("/api/v1/records", Map.of("records", List.of(SampleRecords.seriousDishonesty())));
            String entry = listed.json().get("accepted").get(0).get("id").asText();
            Map<String, Object> good = Map.of("listRecordId", entry, "measures", List.of("M-PROC-BAN", "M-WAGE-BID"),
                    "implementers", List.of(Map.of("authority", TAX), Map.of("departmentType", "市场监管", "node", "360404")));

            // bad input: the field and the reason, nothing initiated
            expect(initiator.postJson("/api/v1/joint-actions", Map.of("listRecordId", "360404-999", "measures", List.of("M-PROC-BAN"),
                    "implementers", List.of(Map.of("authority", TAX)))), 422, "UNKNOWN_LIST_ENTRY", "listRecordId");
            expect(initiator.postJson("/api/v1/joint-actions", Map.of("listRecordId", entry, "measures", List.of("M-PROC-BAN", "I-GREEN-CHANNEL"),
                    "implementers", List.of(Map.of("authority", TAX)))), 422, "UNKNOWN_MEASURE", "measures[1]");
            expect(initiator.postJson("/api/v1/joint-actions", Map.of("listRecordId", entry, "measures", List.of("M-PROC-BAN"),
                    "implementers", List.of())), 400, "BAD_JOINT_ACTION", "implementers");
            expect(initiator.postJson("/api/v1/joint-actions", Map.of("listRecordId", entry, "measures", List.of("M-PROC-BAN"),
                    "implementers", List.of(Map.of("authority", "123")))), 400, "BAD_JOINT_ACTION", "implementers[0].authority");
            expect(tax.postJson("/api/v1/joint-actions", good), 403, "CATEGORY_NOT_ALLOWED", "JOINT_ACTION");

            Http.Reply started = initiator.postJson("/api/v1/joint-actions", good);
            assertEquals(201, started.status(), started.body());
            String id = started.json().get("id").asText();
            assertEquals("OPEN", started.json().get("state").asText());
            assertEquals(clock.instant().atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate().plusDays(5).toString(),
                    started.json().get("respondBy").asText(), "the configured response period");

            // 响应: only the named; once; feedback only for named measures after accepting
            expect(outsider.postJson("/api/v1/joint-actions/" + id + "/responses", Map.of("decision", "ACCEPTED")), 403, "NOT_AN_IMPLEMENTER", id);
            expect(tax.postJson("/api/v1/joint-actions/" + id + "/feedback", Map.of("measure", "M-PROC-BAN", "applied", "APPLIED",
                    "appliedDate", "2026-11-30")), 409, "NOT_ACCEPTED", "respond first");
            expect(tax.postJson("/api/v1/joint-actions/" + id + "/responses", Map.of("decision", "MAYBE")), 400, "BAD_JOINT_ACTION", "decision");
            assertEquals(201, tax.postJson("/api/v1/joint-actions/" + id + "/responses", Map.of("decision", "ACCEPTED")).status());
            expect(tax.postJson("/api/v1/joint-actions/" + id + "/responses", Map.of("decision", "ACCEPTED")), 409, "ALREADY_RESPONDED", TAX);
            expect(tax.postJson("/api/v1/joint-actions/" + id + "/feedback", Map.of("measure", "M-LUXURY-BAN", "applied", "APPLIED",
                    "appliedDate", "2026-11-30")), 422, "MEASURE_NOT_IN_ACTION", "measure");
            String today = started.json().get("initiatedOn").asText();
            Http.Reply fb = tax.postJson("/api/v1/joint-actions/" + id + "/feedback", Map.of("measure", "M-PROC-BAN", "applied", "APPLIED",
                    "appliedDate", today, "docNo", "柴税惩〔2026〕1号", "effect", "已限制参与政府采购"));
            assertEquals(201, fb.status(), fb.body());
            assertEquals(1, market.get("/api/v1/joint-actions?assignedTo=me").json().get("actions").size(), "assigned by department type");

            // days pass: the market department never answered; tax never reported on M-WAGE-BID
            clock.advance(Duration.ofDays(12));
            JsonNode tracked = tracker.get("/api/v1/joint-actions/" + id).json();
            JsonNode marketRow = row(tracked.get("implementers"), "TYPE:市场监管@360404");
            assertTrue(marketRow.get("responseOverdue").asBoolean(), tracked.toString());
            assertFalse(row(tracked.get("implementers"), "USCC:" + TAX).get("responseOverdue").asBoolean());
            assertEquals("M-WAGE-BID", tracked.get("responses").get(0).get("feedbackOverdue").get(0).asText(), tracked.toString());
            expect(tracker.with("X-Purpose", null).get("/api/v1/joint-actions/" + id), 400, "PURPOSE_REQUIRED", "X-Purpose");

            JsonNode stats = tracker.get("/api/v1/joint-actions/statistics").json();
            assertEquals(1, stats.get("actions").asInt());
            JsonNode missing = stats.get("missing");
            assertEquals(2, missing.size(), stats.toString());
            assertTrue(missing.toString().contains("NO_RESPONSE") && missing.toString().contains("NO_FEEDBACK"), stats.toString());
            Http.Reply csv = tracker.get("/api/v1/joint-actions/statistics?format=csv");
            assertEquals(200, csv.status(), csv.body());
            assertTrue(csv.body().contains("\n" + TAX + ",税务局审批系统,1,1,1,0,0,1,0,1\n"), csv.body());
            assertTrue(csv.body().contains("\nTYPE:市场监管@360404,市场监管部门（节点 360404）,1,0,0,0,1,0,0,0\n"), csv.body());
            Http.Reply measures = tracker.get("/api/v1/joint-actions/statistics?format=csv&table=measures");
            assertTrue(measures.body().contains("\nM-PROC-BAN,限制参与政府采购活动,1,1,0,0\n"), measures.body());
            assertTrue(measures.body().contains("\nM-WAGE-BID,"), measures.body());
            Http.Reply missingCsv = tracker.get("/api/v1/joint-actions/statistics?format=csv&table=missing");
            assertTrue(missingCsv.body().contains(id + ",TYPE:市场监管@360404,未响应,,"), missingCsv.body());
            assertTrue(missingCsv.body().contains(id + "," + TAX + ",未反馈,M-WAGE-BID,"), missingCsv.body());

            // the entry's exit ends the action for every implementer
            assertEquals(200, lists.postJson("/api/v1/lists/" + entry + "/exit", Map.of("reason", "DECISION", "basis", "移出决定")).status());
            JsonNode ended = market.get("/api/v1/joint-actions?assignedTo=me").json().get("actions").get(0);
            assertEquals("ENDED", ended.get("state").asText(), ended.toString());
            assertFalse(row(ended.get("implementers"), "TYPE:市场监管@360404").get("responseOverdue").asBoolean(), "nothing is overdue once ended");
            expect(market.postJson("/api/v1/joint-actions/" + id + "/responses", Map.of("decision", "ACCEPTED")), 409, "ACTION_ENDED", entry);
            expect(initiator.postJson("/api/v1/joint-actions", good), 409, "ENTRY_NOT_ACTIVE", "listRecordId");
        }
    }

    private static Http account(CreditNode node, Http admin, String name, String authority, List<String> categories, List<String> purposes,
                                String type) throws Exception {
        Map<String, Object> a = new java.util.HashMap<>(Map.of("name", name, "authorities", List.of(authority), "categories", categories,
                "purposes", purposes));
        if (type != null) a.put("departmentType", type);
        return new Http(node.apiAddress()).withToken(TestAccess.accountKey(admin, a));
    }

    private static JsonNode row(JsonNode implementers, String assignment) {
        for (JsonNode i : implementers) if (i.get("assignment").asText().equals(assignment)) return i;
        throw new AssertionError("no implementer " + assignment + " in " + implementers);
    }

    private static void expect(Http.Reply r, int status, String code, String mentions) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.json().path("error").asText(), r.body());
        assertTrue(r.json().path("message").asText().contains(mentions), r.body());
    }
}
