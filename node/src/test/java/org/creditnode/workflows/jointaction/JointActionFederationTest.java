package org.creditnode.workflows.jointaction;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A joint action across four real node processes: initiated at the city on its own list entry,
 * answered by a department of each of two counties (one named by authority code, one by
 * department type and node), and tracked at the province as the answers arrive.
 */
class JointActionFederationTest {
    private static final String PROVINCE = "360000";
    private static final String CITY = "360400";
    private static final String COUNTY_A = "360404";
    private static final String COUNTY_B = "360403";
    private static final String TAX_A = SampleRecords.authorityUscc("360404", 21);
    private static final String MARKET_B = SampleRecords.authorityUscc("360403", 22);

    @TempDir
    static Path dir;
    static LocalFederation fed;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> tree = new LinkedHashMap<>();
        tree.put(PROVINCE, null);
        tree.put(CITY, PROVINCE);
        tree.put(COUNTY_A, CITY);
        tree.put(COUNTY_B, CITY);
        fed = new LocalFederation(tree, dir, TestNodes.CONFIG_DIR, "");
        fed.startAll(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (fed != null) fed.close();
    }

    @Test
    void initiatedAtTheCityAnsweredInTwoCountiesTrackedAtTheProvince() throws Exception {
        Http.Reply listed = new Http(fed.apiUrl(CITY)).withToken(fed.departmentKey(CITY))
                .postJson("/api/v1/records", Map.of("records", List.of(SampleRecords.seriousDishonesty())));
        assertEquals(200, listed.status(), listed.body());
        String entry = listed.json().get("accepted").get(0).get("id").asText();

        Http initiator = account(CITY, "九江市发展改革委联合奖惩系统", SampleRecords.authorityUscc("360400", 20), List.of("JOINT_ACTION"), List.of(), null);
        Http tax = account(COUNTY_A, "柴桑区税务局", TAX_A, List.of(), List.of(), null);
        Http market = account(COUNTY_B, "浔阳区市场监督管理局", MARKET_B, List.of(), List.of(), "市场监管");
        Http tracker = account(PROVINCE, "江西省信用中心", SampleRecords.authorityUscc("360000", 23), List.of(),
                List.of(JointActionService.TRACKING_PURPOSE), null).with("X-Purpose", JointActionService.TRACKING_PURPOSE);

        Http.Reply started = initiator.postJson("/api/v1/joint-actions", Map.of("listRecordId", entry, "measures", List.of("M-PROC-BAN", "M-WAGE-BID"),
                "implementers", List.of(Map.of("authority", TAX_A), Map.of("departmentType", "市场监管", "node", COUNTY_B))));
        assertEquals(201, started.status(), started.body());
        String id = started.json().get("id").asText();

        // each county receives it (pull over its API) and answers where its department's account lives
        Await.until("the action at county A", Duration.ofSeconds(60), () -> assigned(tax) == 1);
        Await.until("the action at county B", Duration.ofSeconds(60), () -> assigned(market) == 1);
        assertEquals(201, tax.postJson("/api/v1/joint-actions/" + id + "/responses", Map.of("decision", "ACCEPTED")).status());
        Http.Reply fb = tax.postJson("/api/v1/joint-actions/" + id + "/feedback", Map.of("measure", "M-PROC-BAN", "applied", "APPLIED",
                "appliedDate", started.json().get("initiatedOn").asText(), "docNo", "柴税惩〔2026〕3号"));
        assertEquals(201, fb.status(), fb.body());
        assertEquals(201, market.postJson("/api/v1/joint-actions/" + id + "/responses",
                Map.of("decision", "NOT_APPLICABLE", "reason", "该主体不在本部门监管范围")).status());

        // tracked at the province (and seen by the initiator at the city) as it happens
        Await.until("both responses and the feedback at the province", Duration.ofSeconds(60), () -> {
            JsonNode v = tracker.get("/api/v1/joint-actions/" + id).json();
            return v.path("responses").size() == 2 && v.path("responses").toString().contains("柴税惩〔2026〕3号");
        });
        JsonNode atProvince = tracker.get("/api/v1/joint-actions/" + id).json();
        assertTrue(atProvince.path("implementers").get(0).path("responded").asBoolean(), atProvince.toString());
        assertTrue(atProvince.path("implementers").get(1).path("responded").asBoolean(), atProvince.toString());
        assertEquals(List.of(COUNTY_A, COUNTY_B), nodes(atProvince), "each response signed where it was made");
        Await.until("both responses at the initiating city", Duration.ofSeconds(60),
                () -> initiator.get("/api/v1/joint-actions/" + id).json().path("responses").size() == 2);
        JsonNode stats = tracker.get("/api/v1/joint-actions/statistics").json();
        assertTrue(stats.path("departments").toString().contains(MARKET_B), stats.toString());
        // a county sees its own side only: the other county's answer does not travel sideways
        assertEquals(1, tax.get("/api/v1/joint-actions/" + id).json().path("responses").size());
    }

    private static int assigned(Http h) throws Exception {
        return h.get("/api/v1/joint-actions?assignedTo=me").json().path("actions").size();
    }

    private static List<String> nodes(JsonNode view) {
        List<String> out = new java.util.ArrayList<>();
        view.path("responses").forEach(r -> out.add(r.path("node").asText()));
        out.sort(java.util.Comparator.reverseOrder());
        return out;
    }

    private static Http account(String node, String name, String authority, List<String> categories, List<String> purposes, String type)
            throws Exception {
        Map<String, Object> a = new java.util.HashMap<>(Map.of("name", name, "authorities", List.of(authority), "categories", categories,
                "purposes", purposes));
        if (type != null) a.put("departmentType", type);
        Http admin = new Http(fed.adminUrl(node)).withToken(fed.operatorToken(node));
        return new Http(fed.apiUrl(node)).withToken(TestAccess.accountKey(admin, a));
    }
}
