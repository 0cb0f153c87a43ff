package org.creditnode.workflows.quality;

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
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A county's timeliness and data-quality figures at the city and the province, across three real
 * node processes (county → city → province): the county sends them up as signed
 * QUALITY_STATISTICS records, and each node above shows exactly the county's figures, with the
 * county's authority in its ranking.
 */
class QualityFederationTest {
    private static final String PROVINCE = "360000";
    private static final String CITY = "360400";
    private static final String COUNTY = "360404";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @TempDir
    static Path dir;
    static LocalFederation fed;

    @BeforeAll
    static void start() throws Exception {
        fed = new LocalFederation(List.of(PROVINCE, CITY, COUNTY), dir, TestNodes.CONFIG_DIR, "");
        fed.startAll(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (fed != null) fed.close();
    }

    @Test
    void theCountysFiguresAreShownAlikeAtTheCityAndTheProvince() throws Exception {
        LocalDate today = LocalDate.now(CHINA);
        String month = YearMonth.from(today).toString();
        Http county = new Http(fed.apiUrl(COUNTY)).withToken(fed.departmentKey(COUNTY));
        ObjectNode refused = penalty(today, 3);
        ((ObjectNode) refused.get("fields")).remove("CF_WFXW");
        Http.Reply submitted = county.postJson("/api/v1/records", Map.of("records",
                List.of(penalty(today, 1), penalty(today.minusDays(30), 2), refused)));
        assertEquals(200, submitted.status(), submitted.body());
        assertEquals(2, submitted.json().get("accepted").size(), submitted.body());
        assertEquals(201, county.postJson("/api/v1/quality/declarations", Map.of("month", month, "category", "ADMIN_PENALTY", "total", 5))
                .status());

        String query = "/api/v1/quality?period=month&from=" + month;
        Await.until("the county's consumer has projected its records", Duration.ofSeconds(30),
                () -> county.get(query).json().path("rows").path(0).path("received").asInt() == 2);
        JsonNode atCounty = county.get(query).json().get("rows").get(0);
        assertEquals(List.of(2, 1, 1, 1, 5, 1, 4), List.of(atCounty.get("received").asInt(), atCounty.get("onTime").asInt(),
                atCounty.get("late").asInt(), atCounty.get("rejected").asInt(), atCounty.get("declared").asInt(),
                atCounty.get("reported").asInt(), atCounty.get("missing").asInt()), atCounty.toString());

        Http.Reply sent = new Http(fed.adminUrl(COUNTY)).withToken(fed.operatorToken(COUNTY)).postJson("/admin/v1/quality/statistics", Map.of());
        assertEquals(200, sent.status(), sent.body());
        assertTrue(sent.json().get("records").size() >= 1, sent.body());

        for (String above : List.of(CITY, PROVINCE)) {
            Http supervisor = supervisor(above);
            Await.until("the county's figures at " + above, Duration.ofSeconds(60),
                    () -> supervisor.get(query).json().path("rows").size() == 1);
            JsonNode answer = supervisor.get(query).json();
            JsonNode row = answer.get("rows").get(0);
            assertEquals(COUNTY, row.get("node").asText(), "attributed to the node the authority reports to");
            assertEquals(atCounty, row, "the same figures as at the county");
            JsonNode ranked = answer.get("ranking").get(0);
            assertEquals(TestAccess.AUTHORITY, ranked.get("authority").asText());
            assertEquals(0.5, ranked.get("lateRate").asDouble());
            Http.Reply csv = supervisor.get(query + "&format=csv");
            assertTrue(csv.body().contains("\n" + month + "," + COUNTY + "," + TestAccess.AUTHORITY + ",九江市柴桑区市场监督管理局,ADMIN_PENALTY,"
                    + "行政处罚,2,1,1,1,5,1,4,50.00%,33.33%,80.00%\n"), csv.body());
        }
    }

    private static Http supervisor(String node) throws Exception {
        Http admin = new Http(fed.adminUrl(node)).withToken(fed.operatorToken(node));
        return new Http(fed.apiUrl(node)).withToken(TestAccess.accountKey(admin, Map.of("name", "数据质量监测 " + node,
                "authorities", List.of(SampleRecords.authorityUscc(node, 30)), "categories", List.of(),
                "purposes", List.of(QualityService.SUPERVISION_PURPOSE)))).with("X-Purpose", QualityService.SUPERVISION_PURPOSE);
    }

    private static ObjectNode penalty(LocalDate decided, int n) {
        ObjectNode r = SampleRecords.penalty();
        r.put("decisionDate", decided.toString());
        ((ObjectNode) r.get("fields")).put("CF_WSH", "柴市监处罚〔2026〕" + (200 + n) + "号");
        return r;
    }
}
