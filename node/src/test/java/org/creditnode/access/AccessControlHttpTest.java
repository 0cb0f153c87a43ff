package org.creditnode.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.config.NodeConfig;
import org.creditnode.federation.TlsMaterial;
import org.creditnode.node.Await;
import org.creditnode.node.CreditNode;
import org.creditnode.node.Http;
import org.creditnode.node.TestAccess;
import org.creditnode.node.TestNodes;
import org.creditnode.record.SampleRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may do what, over real HTTP against a running node: every attack of issue 10 gets a 4xx
 * naming the reason, stores nothing, and leaves an audit entry; what is allowed works and is logged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlHttpTest {
    @TempDir
    static Path dir;
    private CreditNode node;
    private Http admin;
    private Http anonymous;
    private int federationPort;

    @BeforeAll
    void start() throws Exception {
        federationPort = TestNodes.freePort();
        Path cfg = TestNodes.writeConfig(dir, "360404", TestNodes.freePort(),
                "federation: { port: " + federationPort + ", ownLogCheckMs: 0 }\n");
        NodeConfig config = TestNodes.withUnreachableParent(cfg);
        node = CreditNode.start(config, Clock.systemUTC());
        admin = TestAccess.admin(node);
        anonymous = new Http(node.apiAddress());
    }

    @AfterAll
    void stop() {
        if (node != null) node.close();
    }

    @Test
    void missingForgedExpiredAndRevokedCredentialsGet401AndNothingIsStored() throws Exception {
        long before = node.store().count();
        String batch = batch(SampleRecords.penalty());
        Http.Reply none = anonymous.postJson("/api/v1/records", batch);
        assertError(none, 401, "UNAUTHENTICATED");
        assertEquals(401, anonymous.get("/api/v1/records/360404-1").status(), "reads too");
        assertError(anonymous.withToken("not-a-key").postJson("/api/v1/records", batch), 401, "UNAUTHENTICATED");
        String real = TestAccess.departmentKey(admin);
        String forged = real.substring(0, real.lastIndexOf('.') + 1) + "A".repeat(43);
        assertError(anonymous.withToken(forged).postJson("/api/v1/records", batch), 401, "UNAUTHENTICATED");

        String revoked = TestAccess.departmentKey(admin);
        String revokedId = revoked.split("\\.")[1];
        assertEquals(200, admin.delete("/admin/v1/accounts/" + revokedId + "?reason=system%20retired").status());
        Http.Reply r = anonymous.withToken(revoked).postJson("/api/v1/records", batch);
        assertError(r, 401, "CREDENTIALS_REVOKED");
        assertTrue(r.json().get("message").asText().contains("system retired"), r.body());

        String expiring = TestAccess.accountKey(admin, Map.of("name", "短期账户", "authorities", List.of(TestAccess.AUTHORITY),
                "categories", List.of("ADMIN_PENALTY"), "expires", OffsetDateTime.now().plusSeconds(2).toString()));
        Http soon = anonymous.withToken(expiring);
        Await.until("the key expires", Duration.ofSeconds(20), () -> soon.postJson("/api/v1/records", "{}").status() == 401);
        assertError(soon.postJson("/api/v1/records", batch), 401, "CREDENTIALS_EXPIRED");

        assertEquals(before, node.store().count(), "nothing was stored");
        String audit = admin.get("/admin/v1/audit?limit=200").body();
        for (String code : List.of("UNAUTHENTICATED", "CREDENTIALS_REVOKED", "CREDENTIALS_EXPIRED")) {
            assertTrue(audit.contains(code), "every refusal audited: " + code);
        }
        assertFalse(audit.contains(revoked.substring(revoked.lastIndexOf('.') + 1)), "a key's secret never reaches the audit log");
    }

    @Test
    void anAccountReportsOnlyForItsAuthoritiesAndCategoriesTheRestOfTheBatchIsJudgedAsUsual() throws Exception {
        String key = TestAccess.accountKey(admin, Map.of("name", "处罚系统", "authorities", List.of(TestAccess.AUTHORITY),
                "categories", List.of("ADMIN_PENALTY")));
        ObjectNode otherAuthority = SampleRecords.penalty();
        ((ObjectNode) otherAuthority.get("authority")).put("code", SampleRecords.authorityUscc("360404", 9));
        long before = node.store().count();
        Http.Reply r = anonymous.withToken(key).postJson("/api/v1/records", batch(SampleRecords.penalty(), otherAuthority, SampleRecords.licence()));
        assertEquals(200, r.status(), r.body());
        JsonNode body = r.json();
        assertEquals(1, body.get("accepted").size());
        assertEquals(0, body.get("accepted").get(0).get("index").asInt());
        assertEquals("authority.code", body.get("rejected").get(0).get("errors").get(0).get("field").asText());
        assertEquals("AUTHORITY_NOT_ALLOWED", body.get("rejected").get(0).get("errors").get(0).get("code").asText());
        assertEquals(1, body.get("rejected").get(0).get("index").asInt());
        assertEquals("CATEGORY_NOT_ALLOWED", body.get("rejected").get(1).get("errors").get(0).get("code").asText());
        assertEquals(before + 1, node.store().count(), "only the allowed record is stored");
        assertTrue(admin.get("/admin/v1/audit?limit=50").body().contains("SUBMIT_REFUSED"));
    }

    @Test
    void readsNameAConfiguredPurposeTheAccountHoldsAndSeeOnlyItsCategories() throws Exception {
        String key = TestAccess.accountKey(admin, Map.of("name", "评优系统", "authorities", List.of(TestAccess.AUTHORITY),
                "categories", List.of("ADMIN_LICENSE", "ADMIN_PENALTY"), "purposes", List.of("HONOURS")));
        Http dept = anonymous.withToken(key);
        ObjectNode licence = SampleRecords.licence();
        String subject = licence.get("subject").get("code").asText();
        String id = dept.postJson("/api/v1/records", batch(licence)).json().get("accepted").get(0).get("id").asText();

        assertError(dept.get("/api/v1/records/" + id), 400, "PURPOSE_REQUIRED");
        assertError(dept.with("X-Purpose", "CURIOSITY").get("/api/v1/records/" + id), 400, "PURPOSE_UNKNOWN");
        assertError(dept.with("X-Purpose", "PROCUREMENT").get("/api/v1/records/" + id), 403, "PURPOSE_NOT_ALLOWED");
        assertError(dept.with("X-Purpose", "HONOURS").get("/api/v1/records/" + id), 403, "CATEGORY_NOT_IN_PURPOSE");
        JsonNode page = dept.with("X-Purpose", "HONOURS").get("/api/v1/subjects/" + subject + "/records").json();
        assertEquals(0, page.get("records").size(), "评优评先 does not see licences");
        assertTrue(page.get("withheld").get("ADMIN_LICENSE").asInt() >= 1, page.toString());
        String audit = admin.get("/admin/v1/audit?limit=100").body();
        for (String code : List.of("PURPOSE_REQUIRED", "PURPOSE_UNKNOWN", "PURPOSE_NOT_ALLOWED", "CATEGORY_NOT_IN_PURPOSE")) {
            assertTrue(audit.contains(code), "audited: " + code);
        }
    }

    @Test
    void everyAuthorisedReadIsLoggedAndTheSubjectCanLearnWhoLooked() throws Exception {
        Http dept = TestAccess.department(node);
        ObjectNode person = SampleRecords.penaltyAgainstPerson();
        String idNumber = person.get("subject").get("code").asText();
        String id = dept.postJson("/api/v1/records", batch(person)).json().get("accepted").get(0).get("id").asText();
        Http.Reply read = dept.with("X-Purpose", "ADMIN_APPROVAL").get("/api/v1/records/" + id);
        assertEquals(200, read.status(), read.body());
        assertEquals(idNumber, read.json().get("subject").get("code").asText(), "an authorised read sees the ID number");
        assertEquals(200, dept.get("/api/v1/subjects/" + idNumber + "/records").status());

        JsonNode queries = admin.get("/admin/v1/subjects/" + idNumber + "/queries").json().get("queries");
        assertEquals(2, queries.size(), queries.toString());
        assertEquals("SUPERVISION", queries.get(0).get("purpose").asText());
        assertEquals("日常监管", queries.get(0).get("purposeLabel").asText());
        assertEquals("行政审批", queries.get(1).get("purposeLabel").asText());
        assertEquals("测试部门系统", queries.get(0).get("accountName").asText());
        assertTrue(queries.get(1).get("returned").asText().contains(id));
        assertFalse(admin.get("/admin/v1/audit?limit=200").body().contains(idNumber), "the audit log never names the ID number");
    }

    @Test
    void thePublicViewNeedsNoCredentialsAndMasksPersonalData() throws Exception {
        Http dept = TestAccess.department(node);
        ObjectNode person = SampleRecords.penaltyAgainstPerson();
        person.put("decisionDate", java.time.LocalDate.now().minusDays(3).toString());
        ((ObjectNode) person.get("subject")).put("code", SampleRecords.validIdNumber(77));
        String idNumber = person.get("subject").get("code").asText();
        ObjectNode org = SampleRecords.penaltyAgainst(4242);
        org.put("decisionDate", java.time.LocalDate.now().minusDays(3).toString());
        ((ObjectNode) org.get("fields")).put("CF_FRDB", "李四").put("CF_FR_ZJLX", "身份证").put("CF_FR_ZJHM", SampleRecords.validIdNumber(31));
        Http.Reply stored = dept.postJson("/api/v1/records", batch(person, org));
        assertEquals(2, stored.json().get("accepted").size(), stored.body());

        JsonNode pub = anonymous.get("/public/v1/subjects/" + idNumber + "/records").json().get("records");
        assertEquals(1, pub.size(), pub.toString());
        JsonNode subject = pub.get(0).get("subject");
        assertEquals(idNumber.substring(0, 6) + "********" + idNumber.substring(14), subject.get("code").asText());
        assertEquals("张*", subject.get("name").asText());
        assertFalse(pub.toString().contains(idNumber));
        assertEquals("行政处罚", pub.get(0).get("categoryLabel").asText());

        String orgCode = org.get("subject").get("code").asText();
        JsonNode orgView = anonymous.get("/public/v1/subjects/" + orgCode + "/records").json().get("records").get(0);
        assertEquals(orgCode, orgView.get("subject").get("code").asText(), "an organisation's code is public");
        assertFalse(orgView.get("fields").get("CF_FR_ZJHM").asText().contains(SampleRecords.validIdNumber(31).substring(6, 14)),
                "the legal representative's ID number is masked: " + orgView);
    }

    @Test
    void operatorsAndAuditorsOnTheAdminListenerOnly() throws Exception {
        Http.Reply created = admin.postJson("/admin/v1/operators", Map.of("name", "审计员王五", "role", "AUDITOR"));
        assertEquals(201, created.status(), created.body());
        Http auditor = new Http(node.adminAddress()).withToken(created.json().get("token").asText());
        assertEquals(200, auditor.get("/admin/v1/links").status());
        assertEquals(200, auditor.get("/admin/v1/audit").status());
        assertError(auditor.post("/admin/v1/links/360400/pause", "application/json", ""), 403, "ROLE_NOT_ALLOWED");
        assertError(auditor.postJson("/admin/v1/accounts", Map.of("name", "x", "authorities", List.of(TestAccess.AUTHORITY))), 403,
                "ROLE_NOT_ALLOWED");
        assertError(new Http(node.adminAddress()).get("/admin/v1/links"), 401, "UNAUTHENTICATED");
        assertError(new Http(node.adminAddress()).withToken(TestAccess.departmentKey(admin)).get("/admin/v1/links"), 401,
                "UNAUTHENTICATED");
        assertError(TestAccess.department(node).get("/admin/v1/links"), 404, "NOT_FOUND");
        assertError(anonymous.get("/admin/v1/accounts"), 404, "NOT_FOUND");

        TlsMaterial tls = TlsMaterial.load(Path.of(node.config().keys.tlsKeystore), node.config().keys.password.toCharArray(),
                Path.of(node.config().keys.tlsTrust));
        HttpClient mtls = HttpClient.newBuilder().sslContext(tls.sslContext()).sslParameters(tls.clientParameters()).build();
        HttpResponse<String> onFederation = mtls.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + federationPort
                + "/admin/v1/links")).header("Authorization", "Bearer " + TestAccess.operatorToken(node.config().dataDir())).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, onFederation.statusCode(), "the federation listener serves federation calls only: " + onFederation.body());
        String audit = admin.get("/admin/v1/audit?limit=100").body();
        assertTrue(audit.contains("ADMIN_REFUSED") && audit.contains("ROLE_NOT_ALLOWED"), "refusals audited");
    }

    @Test
    void anAccountOverItsRateGets429WithRetryAfter() throws Exception {
        String key = TestAccess.accountKey(admin, Map.of("name", "慢系统", "authorities", List.of(TestAccess.AUTHORITY),
                "categories", List.of("ADMIN_PENALTY"), "rateLimit", 1));
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(URI.create(node.apiAddress() + "api/v1/records")).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> first = client.send(req, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> second = client.send(req, HttpResponse.BodyHandlers.ofString());
        assertEquals(400, first.statusCode(), "the first is judged (and refused as not a batch): " + first.body());
        assertEquals(429, second.statusCode(), second.body());
        assertTrue(second.body().contains("RATE_LIMITED"));
        assertTrue(Integer.parseInt(second.headers().firstValue("Retry-After").orElseThrow()) >= 1);
    }

    @Test
    void accountsAreCheckedWhenCreated() throws Exception {
        assertError(admin.postJson("/admin/v1/accounts", Map.of("name", "x", "authorities", List.of("91360404MA35XXXX0Y"))), 400, "BAD_ACCOUNT");
        assertError(admin.postJson("/admin/v1/accounts", Map.of("name", "x", "authorities", List.of(TestAccess.AUTHORITY),
                "purposes", List.of("GOSSIP"))), 400, "BAD_ACCOUNT");
        assertError(admin.postJson("/admin/v1/accounts", Map.of("name", "x", "authorities", List.of(TestAccess.AUTHORITY),
                "expires", "2001-01-01T00:00:00Z")), 400, "BAD_ACCOUNT");
        JsonNode list = admin.get("/admin/v1/accounts").json().get("accounts");
        assertTrue(list.size() >= 1);
        assertFalse(list.toString().contains("\"key\""), "keys are never listed");
    }

    private static String batch(ObjectNode... records) {
        ObjectNode b = Http.JSON.createObjectNode();
        var a = b.putArray("records");
        for (ObjectNode r : records) a.add(r);
        return b.toString();
    }

    private static void assertError(Http.Reply r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.json().get("error").asText(), r.body());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
    }
}
