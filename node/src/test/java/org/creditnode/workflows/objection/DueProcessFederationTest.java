package org.creditnode.workflows.objection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.node.Await;
import org.creditnode.node.Http;
import org.creditnode.node.LocalFederation;
import org.creditnode.node.TestAccess;
import org.creditnode.node.TestNodes;
import org.creditnode.record.SampleRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
 * Due process across four real node processes (national → province → city → county): an objection
 * at the county disputes its record everywhere and its corrected version reaches every holder; an
 * objection raised at national is routed down to the origin; a repair decided at the county ends
 * publicity at national, which was killed meanwhile and shows as behind until it catches up; a
 * penalty decided in 2025 and one in 2026 get different periods, each explained.
 */
class DueProcessFederationTest {
    private static final List<String> NODES = List.of("100000", "360000", "360400", "360404");
    private static final String COUNTY = "360404";
    private static final String NATIONAL = "100000";

    @TempDir
    static Path dir;
    static LocalFederation fed;

    @BeforeAll
    static void start() throws Exception {
        fed = new LocalFederation(NODES, dir, TestNodes.CONFIG_DIR, "");
        fed.startAll(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (fed != null) fed.close();
    }

    @Test
    void objectionsAndRepairsReachEveryHolder() throws Exception {
        Http county = new Http(fed.apiUrl(COUNTY)).withToken(fed.departmentKey(COUNTY)).with("X-Purpose", "SUPERVISION");
        Http countyWindow = window(COUNTY);
        Http nationalWindow = window(NATIONAL);
        ObjectNode entry = SampleRecords.seriousDishonesty();
        ObjectNode old = SampleRecords.penaltyAgainst(501);
        old.put("decisionDate", "2025-06-10");
        old.put("severity", "MAJOR");
        ObjectNode recent = SampleRecords.penaltyAgainst(502);
        recent.put("severity", "MAJOR");
        ObjectNode other = SampleRecords.penaltyAgainst(503);
        Http.Reply stored = county.postJson("/api/v1/records", Map.of("records", List.of(entry, old, recent, other)));
        assertEquals(4, stored.json().get("accepted").size(), stored.body());
        String entryId = id(stored, 0), oldId = id(stored, 1), recentId = id(stored, 2), otherId = id(stored, 3);

        // dated rule sets: the 2025 decision follows Order 58, the 2026 one Order 36 — each says so
        JsonNode o = county.get("/api/v1/records/" + oldId).json();
        JsonNode n = county.get("/api/v1/records/" + recentId).json();
        assertEquals("ORDER_58", o.path("rules").path("ruleSet").asText(), o.toString());
        assertEquals("2028-06-10", o.path("publicityUntil").asText());
        assertEquals("ORDER_36", n.path("rules").path("ruleSet").asText(), n.toString());
        assertEquals(SampleRecords.DECISION_DATE.plusYears(1).toString(), n.path("publicityUntil").asText());
        assertTrue(n.path("rules").path("explanation").asText().contains("第36号"), n.toString());
        for (String node : NODES) await(node, "the county's records held", () -> fed.records(node, COUNTY) >= 4);

        // 1. an objection at the county: DISPUTED everywhere with its due date, measures suspended
        Http.Reply raised = countyWindow.postJson("/api/v1/objections", Map.of("recordId", entryId, "grounds", "ERROR", "statement", "事实有误"));
        assertEquals(202, raised.status(), raised.body());
        String objection = raised.json().get("id").asText();
        String due = raised.json().get("dueDate").asText();
        for (String node : NODES) {
            await(node, "the entry disputed", () -> "DISPUTED".equals(status(node, entryId)));
            await(node, "the objection known with its due date", () -> due.equals(window(node).get("/api/v1/objections/" + objection).json()
                    .path("dueDate").asText()));
        }
        String subject = entry.get("subject").get("code").asText();
        JsonNode check = new Http(fed.apiUrl(NATIONAL)).withToken(fed.departmentKey(NATIONAL))
                .postJson("/api/v1/checks", Map.of("subject", subject, "purpose", "SUPERVISION")).json();
        assertTrue(check.path("measures").toString().contains("\"suspended\":true"), "suspended at national: " + check);
        Http.Reply notHere = new Http(fed.apiUrl(NATIONAL)).withToken(fed.departmentKey(NATIONAL))
                .postJson("/api/v1/objections/" + objection + "/decision", Map.of("outcome", "UPHELD", "reason", "x"));
        assertEquals(409, notHere.status(), notHere.body());
        assertEquals("NOT_ORIGIN", notHere.json().path("error").asText());

        // the corrected version reaches every holder, and each acknowledges it to the origin
        Http.Reply decided = county.postJson("/api/v1/objections/" + objection + "/decision", Map.of("outcome", "CORRECTED", "reason", "更正事由",
                "correction", Map.of("fields", Map.of("LIST_REASON", "拖欠农民工工资（更正后）"))));
        assertEquals(200, decided.status(), decided.body());
        for (String node : NODES) {
            await(node, "the corrected version", () -> record(node, entryId).path("version").asInt() == 3);
            assertEquals("拖欠农民工工资（更正后）", record(node, entryId).path("fields").path("LIST_REASON").asText());
            await(node, "the objection decided", () -> "CORRECTED".equals(window(node).get("/api/v1/objections/" + objection).json()
                    .path("outcome").asText()));
        }
        await(COUNTY, "every holder acknowledged", () -> behind(countyWindow.get("/api/v1/objections/" + objection).json()).isEmpty()
                && countyWindow.get("/api/v1/objections/" + objection).json().path("holders").size() == 3);

        // 2. an objection raised at national travels down to the origin, which disputes the record
        Http.Reply fromAbove = nationalWindow.postJson("/api/v1/objections", Map.of("recordId", otherId, "grounds", "DUPLICATE", "statement", "重复公示"));
        assertEquals(202, fromAbove.status(), fromAbove.body());
        assertEquals("ACTIVE", fromAbove.json().path("recordStatus").asText(), "national is not the origin: it routes the objection");
        await(NATIONAL, "disputed by the origin and back at national", () -> "DISPUTED".equals(status(NATIONAL, otherId)));

        // 3. a repair too early names the date; one in time, decided at the county while national is down
        Http.Reply early = countyWindow.postJson("/api/v1/repairs", Map.of("recordId", recentId, "commitment", Map.of("text", "本单位承诺守法经营")));
        assertEquals(422, early.status(), early.body());
        assertEquals("NOT_YET_ELIGIBLE", early.json().path("error").asText());
        assertTrue(early.json().path("message").asText().contains(SampleRecords.DECISION_DATE.plusMonths(3).toString()), early.body());
        Http.Reply asked = countyWindow.postJson("/api/v1/repairs", Map.of("recordId", oldId, "commitment", Map.of("text", "本单位承诺守法经营",
                "docNo", "CN-2026-001")));
        assertEquals(202, asked.status(), asked.body());
        String repair = asked.json().get("id").asText();
        await(NATIONAL, "the old penalty public at national", () -> publicIds(NATIONAL, old).contains(oldId));
        fed.kill(NATIONAL);
        Http.Reply granted = county.postJson("/api/v1/repairs/" + repair + "/decision", Map.of("outcome", "GRANTED", "reason", "已纠正失信行为并履行义务"));
        assertEquals(200, granted.status(), granted.body());
        await(COUNTY, "the province acknowledged the repair", () -> !behind(countyWindow.get("/api/v1/repairs/" + repair).json()).contains("360000"));
        assertTrue(behind(countyWindow.get("/api/v1/repairs/" + repair).json()).contains(NATIONAL), "national, down, is behind");
        fed.start(NATIONAL);
        fed.awaitHealthy(NATIONAL, Duration.ofSeconds(90));
        await(NATIONAL, "the repair at national", () -> "REPAIRED".equals(status(NATIONAL, oldId)));
        assertFalse(publicIds(NATIONAL, old).contains(oldId), "publicity ended at national");
        await(COUNTY, "national caught up", () -> behind(countyWindow.get("/api/v1/repairs/" + repair).json()).isEmpty());
    }

    private static Http window(String node) throws Exception {
        Http admin = new Http(fed.adminUrl(node)).withToken(fed.operatorToken(node));
        String key = WINDOWS.computeIfAbsent(node, k -> {
            try {
                return TestAccess.accountKey(admin, Map.of("name", "异议与修复受理窗口 " + k, "authorities",
                        List.of(SampleRecords.authorityUscc("360404", 40)), "categories", List.of("OBJECTION", "REPAIR")));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return new Http(fed.apiUrl(node)).withToken(key);
    }

    private static final Map<String, String> WINDOWS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String id(Http.Reply r, int i) {
        return r.json().get("accepted").get(i).get("id").asText();
    }

    private static JsonNode record(String node, String id) throws Exception {
        return new Http(fed.apiUrl(node)).withToken(fed.departmentKey(node)).with("X-Purpose", "SUPERVISION").get("/api/v1/records/" + id).json();
    }

    private static String status(String node, String id) throws Exception {
        return record(node, id).path("status").asText();
    }

    private static List<String> publicIds(String node, ObjectNode rec) throws Exception {
        JsonNode r = new Http(fed.apiUrl(node)).get("/public/v1/subjects/" + rec.get("subject").get("code").asText() + "/records").json();
        return r.path("records").findValuesAsText("id");
    }

    private static List<String> behind(JsonNode caseView) {
        List<String> out = new java.util.ArrayList<>();
        caseView.path("holders").forEach(h -> {
            if (h.path("behind").asBoolean()) out.add(h.path("node").asText());
        });
        return out;
    }

    private static void await(String node, String what, Await.Condition c) throws Exception {
        Await.until(what + " at " + node, Duration.ofSeconds(90), c);
    }
}
