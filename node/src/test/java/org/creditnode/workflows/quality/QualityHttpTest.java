package org.creditnode.workflows.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 迟报率 / 错误率 / 漏报率 on one node over real HTTP: records submitted on 2026-11-20 with decision
 * dates that make some late, records refused by the catalogue counted, a declared monthly total
 * making a 漏报 figure, per week, month and quarter, as JSON and CSV, for the account's own
 * authorities and for the supervision purpose; bad input refused naming the field.
 */
class QualityHttpTest {
    private static final String AUTHORITY = TestAccess.AUTHORITY;

    @TempDir
    Path dir;

    @Test
    void lateRejectedAndMissingRecordsAreCountedPerPeriodAndDownloadable() throws Exception {
        Path cfg = TestNodes.writeConfig(dir, "360404", TestNodes.freePort(), "federation: { ownLogCheckMs: 0 }\n");
        MutableClock clock = new MutableClock();
        clock.advance(Duration.between(Instant.now(), Instant.parse("2026-11-20T02:00:00Z"))); // Friday 10:00 in China
        try (CreditNode node = CreditNode.start(NodeConfig.load(cfg).resolve(null, null), clock)) {
            Http admin = TestAccess.admin(node);
            Http department = TestAccess.department(node).with("X-Purpose", null);
            Http supervisor = new Http(node.apiAddress()).withToken(TestAccess.accountKey(admin, Map.of("name", "市信用办数据质量监测",
                    "authorities", List.of(SampleRecords.authorityUscc("360404", 20)), "categories", List.of(),
                    "purposes", List.of(QualityService.SUPERVISION_PURPOSE)))).with("X-Purpose", QualityService.SUPERVISION_PURPOSE);
            Http other = new Http(node.apiAddress()).withToken(TestAccess.accountKey(admin, Map.of("name", "其他部门",
                    "authorities", List.of(SampleRecords.authorityUscc("360404", 21)), "categories", List.of("ADMIN_PENALTY"),
                    "purposes", List.of("SUPERVISION"))));

            // 11-18 and 11-11 on time (2 and 7 working days), 11-10 late (8), 10-30 late; two refused by the catalogue
            List<ObjectNode> records = new ArrayList<>(List.of(penalty("2026-11-18", 1), penalty("2026-11-11", 2), penalty("2026-11-10", 3),
                    penalty("2026-10-30", 4)));
            ObjectNode noBehaviour = penalty("2026-11-19", 5);
            ((ObjectNode) noBehaviour.get("fields")).remove("CF_WFXW");
            ObjectNode badSubject = penalty("2026-11-19", 6);
            ((ObjectNode) badSubject.get("subject")).put("code", "91360404MA35XXXX0Y");
            ObjectNode notOurs = penalty("2026-11-19", 7); // refused for the account, not a data-quality error of anyone
            ((ObjectNode) notOurs.get("authority")).put("code", SampleRecords.authorityUscc("360404", 9));
            records.addAll(List.of(noBehaviour, badSubject, notOurs));
            Http.Reply submitted = department.postJson("/api/v1/records", Map.of("records", records));
            assertEquals(200, submitted.status(), submitted.body());
            assertEquals(4, submitted.json().get("accepted").size(), submitted.body());
            assertEquals(3, submitted.json().get("rejected").size(), submitted.body());

            // 漏报: 5 penalties declared for November, 3 arrived
            expect(department.postJson("/api/v1/quality/declarations", Map.of("month", "2026-13", "category", "ADMIN_PENALTY", "total", 5)),
                    400, "BAD_QUALITY_DECLARATION", "month");
            expect(department.postJson("/api/v1/quality/declarations", Map.of("month", "2026-11", "category", "JOINT_ACTION", "total", 5)),
                    400, "BAD_QUALITY_DECLARATION", "category");
            expect(department.postJson("/api/v1/quality/declarations", Map.of("month", "2026-11", "category", "ADMIN_PENALTY", "total", -1)),
                    400, "BAD_QUALITY_DECLARATION", "total");
            expect(department.postJson("/api/v1/quality/declarations", Map.of("month", "2026-12", "category", "ADMIN_PENALTY", "total", 1)),
                    400, "BAD_QUALITY_DECLARATION", "has not begun");
            expect(department.postJson("/api/v1/quality/declarations", Map.of("month", "2026-11", "category", "ADMIN_PENALTY", "total", 5,
                    "authority", SampleRecords.authorityUscc("360404", 9))), 403, "AUTHORITY_NOT_ALLOWED", "authority");
            Http.Reply declared = department.postJson("/api/v1/quality/declarations", Map.of("month", "2026-11", "category", "ADMIN_PENALTY",
                    "total", 5));
            assertEquals(201, declared.status(), declared.body());
            assertEquals(AUTHORITY, declared.json().get("authority").asText());

            Await.until("the quality consumer has projected the 4 records", Duration.ofSeconds(20),
                    () -> department.get("/api/v1/quality?period=month&from=2026-11").json().path("rows").path(0).path("received").asInt() == 4);
            JsonNode month = department.get("/api/v1/quality?period=month&from=2026-11").json();
            assertEquals("OWN_AUTHORITIES", month.get("scope").asText());
            assertEquals(7, month.get("lateAfterWorkingDays").asInt());
            assertEquals(1, month.get("rows").size(), month.toString());
            JsonNode nov = month.get("rows").get(0);
            assertEquals(AUTHORITY, nov.get("authority").asText());
            assertEquals("九江市柴桑区市场监督管理局", nov.get("authorityName").asText());
            assertEquals(List.of(4, 2, 2, 2, 5, 3, 2), List.of(nov.get("received").asInt(), nov.get("onTime").asInt(), nov.get("late").asInt(),
                    nov.get("rejected").asInt(), nov.get("declared").asInt(), nov.get("reported").asInt(), nov.get("missing").asInt()), nov.toString());
            assertEquals(0.5, nov.get("lateRate").asDouble());
            assertEquals(0.3333, nov.get("errorRate").asDouble(), "2 refused of 6 submitted");
            assertEquals(0.4, nov.get("missingRate").asDouble());
            assertEquals(1, month.get("ranking").get(0).get("rank").asInt());

            JsonNode week = department.get("/api/v1/quality?period=week&from=2026-W47").json().get("rows").get(0);
            assertEquals(4, week.get("received").asInt(), week.toString());
            assertTrue(week.get("missing").isNull(), "no 漏报 per week: totals are declared per month");
            JsonNode quarter = department.get("/api/v1/quality?period=quarter&from=2026-Q4").json().get("rows").get(0);
            assertEquals(2, quarter.get("missing").asInt(), quarter.toString());
            JsonNode octToNov = department.get("/api/v1/quality?period=month&from=2026-10&to=2026-11").json();
            assertEquals(1, octToNov.get("rows").size(), "October: nothing received, nothing declared");

            Http.Reply csv = department.get("/api/v1/quality?period=month&from=2026-11&format=csv");
            assertEquals(200, csv.status(), csv.body());
            assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
            assertTrue(csv.body().startsWith("\uFEFF统计周期,节点,报送单位代码,报送单位名称,信息类别"), csv.body());
            assertTrue(csv.body().contains("\n2026-11,360404," + AUTHORITY + ",九江市柴桑区市场监督管理局,ADMIN_PENALTY,行政处罚,4,2,2,2,5,3,2,"
                    + "50.00%,33.33%,40.00%\n"), csv.body());
            assertTrue(department.get("/api/v1/quality?period=month&from=2026-11&format=csv&table=ranking").body()
                    .contains("\n1,360404," + AUTHORITY + ","), "ranking");

            // who sees what
            assertEquals(0, other.get("/api/v1/quality?period=month&from=2026-11").json().get("rows").size(), "another authority's own view");
            expect(other.with("X-Purpose", QualityService.SUPERVISION_PURPOSE).get("/api/v1/quality"), 403, "PURPOSE_NOT_ALLOWED",
                    QualityService.SUPERVISION_PURPOSE);
            expect(other.with("X-Purpose", "SUPERVISION").get("/api/v1/quality"), 403, "CATEGORY_NOT_IN_PURPOSE", "QUALITY_STATISTICS");
            JsonNode all = supervisor.get("/api/v1/quality?period=month&from=2026-11").json();
            assertEquals("ALL", all.get("scope").asText());
            assertEquals(1, all.get("rows").size(), all.toString());

            // bad queries name the parameter
            expect(department.get("/api/v1/quality?period=day"), 400, "BAD_QUALITY_QUERY", "period");
            expect(department.get("/api/v1/quality?period=month&from=2026-13"), 400, "BAD_QUALITY_QUERY", "from");
            expect(department.get("/api/v1/quality?period=quarter&from=2026-Q4&to=2026-Q3"), 400, "BAD_QUALITY_QUERY", "to");
            expect(department.get("/api/v1/quality?format=xls"), 400, "BAD_FORMAT", "format");

            // sent up: one signed QUALITY_STATISTICS record per authority and month that has figures; unchanged figures are not sent again
            Http.Reply sent = admin.postJson("/admin/v1/quality/statistics", Map.of());
            assertEquals(200, sent.status(), sent.body());
            assertEquals(2, sent.json().get("records").size(), "October (a record decided then) and November: " + sent.body());
            Http.Reply again = admin.postJson("/admin/v1/quality/statistics", Map.of());
            assertEquals(0, again.json().get("records").size(), again.body());
            String statsId = sent.json().get("records").get(0).asText();
            JsonNode rec = department.with("X-Purpose", "SUPERVISION").get("/api/v1/records/" + statsId).json();
            assertEquals("CATEGORY_NOT_IN_PURPOSE", rec.path("error").asText(), "a statistics record is not for other purposes: " + rec);
            JsonNode still = department.get("/api/v1/quality?period=month&from=2026-11").json().get("rows").get(0);
            assertEquals(4, still.get("received").asInt(), "the node's own statistics records are not counted as reports");
        }
    }

    private static ObjectNode penalty(String decided, int n) {
        ObjectNode r = SampleRecords.penalty();
        r.put("decisionDate", decided);
        ((ObjectNode) r.get("fields")).put("CF_WSH", "柴市监处罚〔2026〕" + (100 + n) + "号");
        return r;
    }

    private static void expect(Http.Reply r, int status, String code, String mentions) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.json().path("error").asText(), r.body());
        assertTrue(r.json().path("message").asText().contains(mentions), r.body());
    }
}
