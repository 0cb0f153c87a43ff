package org.creditnode.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.certs.FederationPki;
import org.creditnode.certs.KeyAlgorithm;
import org.creditnode.certs.Pem;
import org.creditnode.node.Await;
import org.creditnode.node.Http;
import org.creditnode.node.LocalFederation;
import org.creditnode.node.TestNodes;
import org.creditnode.record.SampleRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutual query (互查) between node processes: Jiangxi (360000, in both alliances) answers Jiangsu
 * (320000, 长三角), Shanghai (310000, whose TLS certificate 长三角 has revoked) and Hong Kong (810000,
 * 泛珠三角, its own root). Allowed and refused queries, a withheld personal field listed, the answer
 * verified by the asking node and with openssl, audits on both sides, and the operator view.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AllianceQueryProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JX = "360000";
    private static final String JS = "320000";
    private static final String SH = "310000";
    private static final String HK = "810000";
    private static final String SUBJECT = SampleRecords.validUscc("360404", 4711);
    private static final String REPRESENTATIVE_ID = SampleRecords.validIdNumber(77);

    @TempDir
    static Path dir;
    static LocalFederation fed;
    static Path hkPki;
    static String personalRecordId;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> forest = new LinkedHashMap<>();
        for (String id : List.of(JX, JS, SH, HK)) forest.put(id, null); // four provinces, no national node needed
        fed = new LocalFederation(forest, dir, TestNodes.CONFIG_DIR, "alliancesDir: " + dir.resolve("alliances"));
        hkPki = dir.resolve("hk-pki");
        FederationPki.createForeign(hkPki, HK, KeyAlgorithm.SM2, LocalFederation.PASSWORD, fed.pki());
        String shanghaiTls = ChainAnchor.fingerprint(Pem.readCertificates(fed.pki().resolve("nodes/" + SH + "/tls.pem")).get(0));
        Files.createDirectories(dir.resolve("alliances"));
        Files.writeString(dir.resolve("alliances/yrd.yaml"), """
                id: yrd
                name: 长三角
                version: "t1"
                from: 2026-01-01
                members:
                  - { id: "%s", url: "%s" }
                  - { id: "%s", url: "%s" }
                  - { id: "%s", url: "%s" }
                query:
                  purposes: [PROCUREMENT, BIDDING]
                  ratePerSecond: 5
                  share: { ADMIN_PENALTY: {}, RED_LIST: {} }
                  withhold: { categories: [COMMITMENT] }
                revokedCertificates: ["%s"]
                recognise: { RED_LIST: { from: ["%s"] }, SERIOUS_DISHONESTY_LIST: { from: ["%s"] } }
                jointActions: { enabled: true, with: ["%s"] }
                """.formatted(JX, fed.federationUrl(JX), JS, fed.federationUrl(JS), SH, fed.federationUrl(SH), shanghaiTls, JS, JS, JS));
        Files.writeString(dir.resolve("alliances/pprd.yaml"), """
                id: pprd
                name: 泛珠三角
                version: "t1"
                from: 2026-01-01
                members:
                  - { id: "%s", url: "%s" }
                  - { id: "%s", url: "%s", trustAnchors: ["%s"] }
                query:
                  purposes: [PROCUREMENT]
                  share: { RED_LIST: {} }
                  withhold: { categories: [ADMIN_LICENSE] }
                recognise: { RED_LIST: {} }
                """.formatted(JX, fed.federationUrl(JX), HK, fed.federationUrl(HK), hkPki.resolve("roots.pem")));
        // Jiangxi exchanges list entries with Jiangsu and Hong Kong along peer links, for mutual recognition (互认)
        fed.configure(JX, ("  alliances: [yrd, pprd]\n  peers: [{ id: \"%s\", url: \"%s\", categories: [RED_LIST, SERIOUS_DISHONESTY_LIST, JOINT_ACTION] },\n"
                + "          { id: \"%s\", url: \"%s\", categories: [RED_LIST] }]\n").formatted(JS, fed.federationUrl(JS), HK, fed.federationUrl(HK)), null);
        fed.configure(JS, "  alliances: [yrd]\n  peers: [{ id: \"%s\", url: \"%s\", categories: [RED_LIST, SERIOUS_DISHONESTY_LIST, JOINT_ACTION] }]\n"
                .formatted(JX, fed.federationUrl(JX)), null);
        fed.configure(SH, "  alliances: [yrd]\n", null);
        fed.configure(HK, "  alliances: [pprd]\n  peers: [{ id: \"%s\", url: \"%s\", categories: [RED_LIST] }]\n"
                .formatted(JX, fed.federationUrl(JX)), hkPki);
        fed.startAll(Duration.ofSeconds(80));

        ObjectNode withRepresentative = SampleRecords.penalty();
        ((ObjectNode) withRepresentative.get("subject")).put("code", SUBJECT);
        ((ObjectNode) withRepresentative.get("fields")).put("CF_FRDB", "李四").put("CF_FR_ZJLX", "身份证").put("CF_FR_ZJHM", REPRESENTATIVE_ID);
        ObjectNode plain = SampleRecords.penalty();
        ((ObjectNode) plain.get("subject")).put("code", SUBJECT);
        ((ObjectNode) plain.get("fields")).put("CF_WSH", "柴市监处罚〔2026〕18号");
        ObjectNode red = SampleRecords.redList();
        ((ObjectNode) red.get("subject")).put("code", SUBJECT);
        ObjectNode body = JSON.createObjectNode();
        body.putArray("records").add(withRepresentative).add(plain).add(red);
        Http.Reply r = new Http(fed.apiUrl(JX)).withToken(fed.departmentKey(JX)).postJson("/api/v1/records", body);
        assertEquals(200, r.status(), r.body());
        assertEquals(3, r.json().path("accepted").size(), r.body());
        personalRecordId = r.json().path("accepted").get(0).path("id").asText();
    }

    @AfterAll
    static void stop() {
        if (fed != null) fed.close();
    }

    private static ObjectNode query(String partner, String purpose, String... categories) {
        ObjectNode q = JSON.createObjectNode().put("partner", partner).put("subject", SUBJECT).put("purpose", purpose);
        for (String c : categories) q.withArray("categories").add(c);
        return q;
    }

    private static HttpResponse<String> ask(String at, String alliance, ObjectNode q) throws Exception {
        return fed.post(at, "/admin/v1/alliances/" + alliance + "/queries", q.toString());
    }

    /** A client with a node's TLS key from a PKI folder, calling Jiangxi's federation listener directly. */
    private static FederationClient.Reply direct(Path pki, String node, String path, ObjectNode body) throws IOException {
        FederationClient c = new FederationClient(TlsMaterial.load(pki.resolve("nodes/" + node + "/tls.p12"), LocalFederation.PASSWORD,
                pki.resolve("tls-trust.pem")), Duration.ofSeconds(5), Duration.ofSeconds(20));
        return body == null ? c.getJson(fed.federationUrl(JX) + path) : c.postJson(fed.federationUrl(JX) + path, body.toString());
    }

    @Test
    @Order(1)
    void anAllowedQueryListsTheWithheldPersonalFieldAndVerifiesOnBothSides() throws Exception {
        HttpResponse<String> r = ask(JS, "yrd", query(JX, "PROCUREMENT", "ADMIN_PENALTY"));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode out = JSON.readTree(r.body());
        assertEquals("OK", out.path("verified").path("signature").asText(), r.body());
        assertEquals("OK", out.path("verified").path("records").asText(), r.body());
        JsonNode answer = out.path("answer");
        assertEquals("yrd/t1", answer.path("policy").asText());
        assertEquals(2, answer.path("records").size(), r.body());
        assertEquals(1, answer.path("withheld").size(), r.body());
        assertEquals("record " + personalRecordId + " fields.CF_FR_ZJHM", answer.path("withheld").get(0).path("what").asText());
        assertEquals("withhold-personal-data", answer.path("withheld").get(0).path("rule").asText());
        assertFalse(r.body().contains(REPRESENTATIVE_ID), "the representative's ID number never leaves Jiangxi");
        int full = 0;
        for (JsonNode rec : answer.path("records")) {
            if (rec.has("canonical")) full++;
            else assertEquals("李四", rec.path("shown").path("fields").path("CF_FRDB").asText(), rec.toString());
        }
        assertEquals(1, full, "the record without personal fields travels whole, verifiable against its origin");
        // the redacted one: its leaf is in the origin's signed batch; a forged leaf is not
        var anchors = Pem.readCertificates(fed.pki().resolve("signing-trust.pem"));
        ObjectNode redacted = null;
        for (JsonNode rec : answer.path("records")) if (!rec.has("canonical")) redacted = ((ObjectNode) rec).deepCopy();
        assertEquals(null, org.creditnode.alliance.RedactedProof.problem(redacted, answer.path("certificates"), anchors));
        redacted.put("leafHash", redacted.path("leafHash").asText().replace('0', '1').replace('a', 'b'));
        assertTrue(org.creditnode.alliance.RedactedProof.problem(redacted, answer.path("certificates"), anchors).contains("is not leaf"));

        String jiangxiAudit = fed.get(JX, "/admin/v1/audit?limit=20").body();
        assertTrue(jiangxiAudit.contains("ALLIANCE_QUERY_ANSWERED"), jiangxiAudit);
        assertFalse(jiangxiAudit.contains(SUBJECT) || jiangxiAudit.contains(REPRESENTATIVE_ID), "subjects audited as keyed index only");
        String jiangsuAudit = fed.get(JS, "/admin/v1/audit?limit=20").body();
        assertTrue(jiangsuAudit.contains("ALLIANCE_QUERY_ASKED") && jiangsuAudit.contains("VERIFIED"), jiangsuAudit);
    }

    @Test
    @Order(2)
    void theAnswerVerifiesWithOpensslFromTheAnswerAlone() throws Exception {
        JsonNode answer = JSON.readTree(ask(JS, "yrd", query(JX, "BIDDING", "RED_LIST")).body()).path("answer");
        Path work = Files.createDirectories(dir.resolve("openssl"));
        Files.write(work.resolve("signed.bin"), Base64.getDecoder().decode(answer.path("signature").path("signedData").asText()));
        Files.write(work.resolve("sig.der"), Base64.getDecoder().decode(answer.path("signature").path("value").asText()));
        Files.writeString(work.resolve("cert.pem"), answer.path("signature").path("certificates").get(0).asText());
        assertEquals(0, run(work, "openssl", "x509", "-in", "cert.pem", "-pubkey", "-noout", "-out", "pub.pem"));
        assertEquals(0, run(work, "openssl", "dgst", "-sm3", "-verify", "pub.pem", "-sigopt", "distid:1234567812345678",
                "-signature", "sig.der", "signed.bin"));
        // the signer's certificate is issued by the next one in the answer (OpenSSL 3.0 checks one SM2 link per call)
        Files.writeString(work.resolve("issuer.pem"), answer.path("signature").path("certificates").get(1).asText());
        assertEquals(0, run(work, "openssl", "verify", "-vfyopt", "distid:1234567812345678", "-partial_chain", "-CAfile", "issuer.pem", "cert.pem"));
        // what was signed is the answer itself
        ObjectNode unsigned = ((ObjectNode) answer).deepCopy();
        unsigned.remove("signature");
        assertEquals(unsigned, JSON.readTree(Files.readString(work.resolve("signed.bin"), StandardCharsets.UTF_8)));
        Files.write(work.resolve("tampered.bin"), Files.readString(work.resolve("signed.bin")).replace("BIDDING", "BIDDINH").getBytes(StandardCharsets.UTF_8));
        assertTrue(run(work, "openssl", "dgst", "-sm3", "-verify", "pub.pem", "-sigopt", "distid:1234567812345678",
                "-signature", "sig.der", "tampered.bin") != 0);
    }

    @Test
    @Order(3)
    void queriesOutsideThePolicyAreRefusedWithTheRuleNamed() throws Exception {
        HttpResponse<String> purpose = ask(JS, "yrd", query(JX, "HONOURS", "ADMIN_PENALTY"));
        assertEquals(403, purpose.statusCode(), purpose.body());
        assertTrue(purpose.body().contains("POLICY_REFUSED") && purpose.body().contains("purpose-declared"), purpose.body());
        HttpResponse<String> category = ask(JS, "yrd", query(JX, "PROCUREMENT", "COMMITMENT"));
        assertEquals(403, category.statusCode(), category.body());
        assertTrue(category.body().contains("categories-shared"), category.body());
        HttpResponse<String> revoked = ask(SH, "yrd", query(JX, "PROCUREMENT", "RED_LIST"));
        assertEquals(403, revoked.statusCode(), revoked.body());
        assertTrue(revoked.body().contains("certificate-not-revoked"), revoked.body());
        // a revoked certificate is refused on every federation call, before any role is considered
        FederationClient.Reply revokedPeerCall = direct(fed.pki(), SH, "/federation/v1/watermarks", null);
        assertEquals(403, revokedPeerCall.status(), revokedPeerCall.body());
        assertTrue(revokedPeerCall.body().contains("revoked"), revokedPeerCall.body());

        new FederationPki(fed.pki(), KeyAlgorithm.SM2, LocalFederation.PASSWORD).issueNode("430000"); // Hunan: national PKI, no alliance with Jiangxi here
        FederationClient.Reply unknown = direct(fed.pki(), "430000", "/federation/v1/queries", query(JX, "PROCUREMENT", "RED_LIST"));
        assertEquals(403, unknown.status(), unknown.body());
        assertTrue(unknown.body().contains("partner-is-member"), unknown.body());
        ObjectNode malformed = query(JX, "PROCUREMENT", "RED_LIST").put("subject", "91-not-a-code");
        FederationClient.Reply bad = direct(fed.pki(), JS, "/federation/v1/queries", malformed);
        assertEquals(400, bad.status(), bad.body());
        assertTrue(bad.body().contains("BAD_SUBJECT"), bad.body());
        FederationClient.Reply notJson = new FederationClient(TlsMaterial.load(fed.pki().resolve("nodes/" + JS + "/tls.p12"), LocalFederation.PASSWORD,
                fed.pki().resolve("tls-trust.pem")), Duration.ofSeconds(5), Duration.ofSeconds(20))
                .postJson(fed.federationUrl(JX) + "/federation/v1/queries", "{\"subject\": ");
        assertEquals(400, notJson.status(), notJson.body());
        assertTrue(notJson.body().contains("BAD_QUERY"), notJson.body());
    }

    @Test
    @Order(4)
    void hongKongsRootIsAcceptedOnlyThroughTheAllianceThatNamesIt() throws Exception {
        HttpResponse<String> ok = ask(HK, "pprd", query(JX, "PROCUREMENT", "RED_LIST"));
        assertEquals(200, ok.statusCode(), ok.body());
        JsonNode out = JSON.readTree(ok.body());
        assertEquals("OK", out.path("verified").path("signature").asText(), ok.body());
        assertEquals("pprd/t1", out.path("answer").path("policy").asText());
        assertEquals(1, out.path("answer").path("records").size(), ok.body());
        // Jiangsu shares penalties with Jiangxi under 长三角, but Hong Kong asks under 泛珠三角, which does not
        HttpResponse<String> penalties = ask(HK, "pprd", query(JX, "PROCUREMENT", "ADMIN_PENALTY"));
        assertEquals(403, penalties.statusCode(), penalties.body());
        assertTrue(penalties.body().contains("categories-shared"), penalties.body());
        // Jiangsu is in no alliance with Hong Kong: its root is not even trusted in the handshake
        FederationClient hk = new FederationClient(TlsMaterial.load(hkPki.resolve("nodes/" + HK + "/tls.p12"), LocalFederation.PASSWORD,
                hkPki.resolve("tls-trust.pem")), Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThrows(IOException.class, () -> hk.postJson(fed.federationUrl(JS) + "/federation/v1/queries", query(JS, "PROCUREMENT").toString()));
        // Hong Kong's root cannot vouch for a "320000", neither asking nor as Jiangxi's peer; for Hong Kong itself, it can
        new FederationPki(hkPki, KeyAlgorithm.SM2, LocalFederation.PASSWORD).issueNode(JS);
        FederationClient.Reply fake = direct(hkPki, JS, "/federation/v1/queries", query(JX, "PROCUREMENT", "RED_LIST"));
        assertEquals(403, fake.status(), fake.body());
        assertTrue(fake.body().contains("certificate-of-member"), fake.body());
        FederationClient.Reply fakePeer = direct(hkPki, JS, "/federation/v1/watermarks", null);
        assertEquals(403, fakePeer.status(), fakePeer.body());
        assertEquals(200, direct(hkPki, HK, "/federation/v1/watermarks", null).status());
    }

    @Test
    @Order(5)
    void aPartnerOverItsRateGets429() throws Exception {
        int limited = 0;
        FederationClient jiangsu = new FederationClient(TlsMaterial.load(fed.pki().resolve("nodes/" + JS + "/tls.p12"), LocalFederation.PASSWORD,
                fed.pki().resolve("tls-trust.pem")), Duration.ofSeconds(5), Duration.ofSeconds(20));
        for (int i = 0; i < 15; i++) { // one connection, one query after the other: well over 5 a second
            FederationClient.Reply r = jiangsu.postJson(fed.federationUrl(JX) + "/federation/v1/queries", query(JX, "PROCUREMENT", "RED_LIST").toString());
            if (r.status() == 429) {
                limited++;
                assertTrue(r.body().contains("RATE_LIMITED"), r.body());
            } else {
                assertEquals(200, r.status(), r.body());
            }
        }
        assertTrue(limited > 0, "5 queries per second, 15 asked at once");
    }

    @Test
    @Order(6)
    void theOperatorViewCountsQueriesAndRefusalsWithTheirReasons() throws Exception {
        JsonNode view = JSON.readTree(fed.get(JX, "/admin/v1/alliances").body());
        Map<String, JsonNode> partners = new LinkedHashMap<>();
        for (JsonNode a : view.path("alliances")) for (JsonNode p : a.path("partners")) partners.put(a.path("id").asText() + "/" + p.path("id").asText(), p);
        JsonNode jiangsu = partners.get("yrd/" + JS);
        assertTrue(jiangsu.path("answeredToThem").asLong() >= 2, jiangsu.toString());
        assertTrue(jiangsu.path("refusalReasons").has("purpose-declared"), jiangsu.toString());
        assertTrue(jiangsu.path("refusalReasons").has("BAD_QUERY"), "malformed queries are counted and audited too: " + jiangsu);
        assertTrue(jiangsu.path("refusalReasons").has("rate-limit"), jiangsu.toString());
        assertTrue(partners.get("yrd/" + SH).path("refusalReasons").has("certificate-not-revoked"), partners.toString());
        assertEquals("alliance anchor", partners.get("pprd/" + HK).path("trust").asText());
        assertTrue(view.path("refusedOutsideAlliances").has("430000"), view.toString());
        JsonNode asking = JSON.readTree(fed.get(JS, "/admin/v1/alliances").body()).path("alliances").get(0).path("partners");
        boolean counted = false;
        for (JsonNode p : asking) if (p.path("id").asText().equals(JX)) counted = p.path("askedByUs").asLong() >= 4 && p.path("refusedByThem").asLong() >= 2;
        assertTrue(counted, asking.toString());
    }

    @Test
    @Order(7)
    void aRecognisedRedListEntryOfJiangsuChangesJiangxisAnswerAndFollowsItsExit() throws Exception {
        String subject = SampleRecords.validUscc("360404", 4712);
        String entry = listed(JS, SampleRecords.redList(), subject);
        Await.until("Jiangsu's red-list entry recognised at Jiangxi", Duration.ofSeconds(60),
                () -> checkAtJiangxi(subject).path("entries").size() == 1);
        JsonNode answer = checkAtJiangxi(subject);
        JsonNode recognition = answer.path("entries").get(0).path("provenance").path("recognition");
        assertEquals("yrd/t1", recognition.path("statement").path("policy").asText(), answer.toString());
        assertEquals(JS, recognition.path("statement").path("partner").asText());
        assertTrue(recognition.path("signature").path("value").asText().length() > 40, "Jiangxi signs its recognition statement");
        assertTrue(recognition.path("originSeal").has("keyId"), "and carries Jiangsu's own seal: " + recognition);
        assertTrue(answer.path("incentives").toString().contains("I-TAX-INVOICE"), "the recognised entry brings its incentives: " + answer);

        // switched off by an operator: the effect goes at once; on again: back
        assertEquals(200, fed.post(JX, "/admin/v1/alliances/yrd/recognition",
                "{\"partner\": \"" + JS + "\", \"category\": \"RED_LIST\", \"enabled\": false}").statusCode());
        JsonNode off = checkAtJiangxi(subject);
        assertEquals(0, off.path("entries").size(), off.toString());
        assertEquals(entry, off.path("notRecognised").get(0).path("recordId").asText(), "said, not counted: " + off);
        JsonNode viewOff = jiangsuInView();
        assertTrue(viewOff.path("heldNotRecognised").path("RED_LIST").asText().startsWith("1: "), viewOff.toString());
        assertTrue(JSON.readTree(fed.get(JX, "/admin/v1/alliances").body()).path("recognitionSwitchedOff").toString().contains("yrd/" + JS + "/RED_LIST"));
        assertEquals(200, fed.post(JX, "/admin/v1/alliances/yrd/recognition",
                "{\"partner\": \"" + JS + "\", \"category\": \"RED_LIST\", \"enabled\": true}").statusCode());
        assertEquals(1, checkAtJiangxi(subject).path("entries").size());
        JsonNode row = jiangsuInView();
        assertEquals(1, row.path("recognisedEntries").path("RED_LIST").asLong(), "the operator view counts it: " + row);
        assertEquals("UP", row.path("link").asText(), row.toString());
        assertTrue(row.path("recordsLastReceived").asText().startsWith("20"), "records received on the peer link: " + row);
        assertTrue(row.path("lastExchange").asText().compareTo(row.path("recordsLastReceived").asText()) >= 0, row.toString());

        // Jiangsu takes the entry off its list: the recognised copy follows
        Http.Reply exit = new Http(fed.apiUrl(JS)).withToken(fed.departmentKey(JS))
                .postJson("/api/v1/lists/" + entry + "/exit", Map.of("reason", "DECISION", "basis", "苏信用〔2026〕3号"));
        assertEquals(200, exit.status(), exit.body());
        Await.until("the exit followed at Jiangxi", Duration.ofSeconds(60),
                () -> checkAtJiangxi(subject).path("entries").isEmpty());
    }

    @Test
    @Order(8)
    void aJointActionInitiatedInJiangxiIsAnsweredByADepartmentInJiangsu() throws Exception {
        ObjectNode entry = SampleRecords.seriousDishonesty();
        ((ObjectNode) entry.get("subject")).put("code", SampleRecords.validUscc("360404", 4713));
        ObjectNode body = JSON.createObjectNode();
        body.putArray("records").add(entry);
        String listed = new Http(fed.apiUrl(JX)).withToken(fed.departmentKey(JX)).postJson("/api/v1/records", body).json()
                .path("accepted").get(0).path("id").asText();
        Http initiator = account(JX, "江西省发展改革委联合奖惩系统", SampleRecords.authorityUscc("360000", 50), List.of("JOINT_ACTION"), null);
        Http market = account(JS, "江苏省市场监督管理局", SampleRecords.authorityUscc("320000", 51), List.of(), "市场监管");

        Http.Reply hongKong = initiator.postJson("/api/v1/joint-actions", Map.of("listRecordId", listed, "measures", List.of("M-PROC-BAN"),
                "implementers", List.of(Map.of("departmentType", "市场监管", "node", HK))));
        assertEquals(403, hongKong.status(), hongKong.body());
        assertEquals("POLICY_REFUSED", hongKong.json().path("error").asText());
        assertTrue(hongKong.json().path("message").asText().contains("implementers[0]"), hongKong.body());

        Http.Reply started = initiator.postJson("/api/v1/joint-actions", Map.of("listRecordId", listed, "measures", List.of("M-PROC-BAN"),
                "implementers", List.of(Map.of("departmentType", "市场监管", "node", JS))));
        assertEquals(201, started.status(), started.body());
        String id = started.json().path("id").asText();
        Await.until("the action assigned in Jiangsu", Duration.ofSeconds(60),
                () -> market.get("/api/v1/joint-actions?assignedTo=me").json().path("actions").size() == 1);
        assertEquals(201, market.postJson("/api/v1/joint-actions/" + id + "/responses", Map.of("decision", "ACCEPTED")).status());
        Await.until("Jiangsu's response tracked in Jiangxi", Duration.ofSeconds(60),
                () -> initiator.get("/api/v1/joint-actions/" + id).json().path("responses").size() == 1);
        assertEquals(JS, initiator.get("/api/v1/joint-actions/" + id).json().path("responses").get(0).path("node").asText());
    }

    @Test
    @Order(9)
    void hongKongsRedListEntrySignedUnderItsOwnRootIsRecognisedInJiangxiAndFollowsItsRevocation() throws Exception {
        String subject = SampleRecords.validUscc("360404", 4714);
        String entry = listed(HK, SampleRecords.redList(), subject);
        // pushed along the peer link, verified at Jiangxi under the root 泛珠三角 names for Hong Kong
        Await.until("Hong Kong's red-list entry recognised at Jiangxi", Duration.ofSeconds(60),
                () -> checkAtJiangxi(subject).path("entries").size() == 1);
        JsonNode recognition = checkAtJiangxi(subject).path("entries").get(0).path("provenance").path("recognition");
        assertEquals("pprd/t1", recognition.path("statement").path("policy").asText(), recognition.toString());
        assertEquals(HK, recognition.path("statement").path("partner").asText());

        // Hong Kong revokes it: the recognised copy follows
        Http.Reply exit = new Http(fed.apiUrl(HK)).withToken(fed.departmentKey(HK))
                .postJson("/api/v1/lists/" + entry + "/exit", Map.of("reason", "DECISION", "basis", "HK-2026-7"));
        assertEquals(200, exit.status(), exit.body());
        Await.until("Hong Kong's exit followed at Jiangxi", Duration.ofSeconds(60),
                () -> checkAtJiangxi(subject).path("entries").isEmpty());
        assertEquals("EXITED", JSON.readTree(fed.get(JX, "/api/v1/records/" + entry).body()).path("status").asText());
    }

    @Test
    @Order(10)
    void aRepairGrantedInJiangsuWhileJiangxiIsDownLiftsTheRecognisedEntryThereOnceItIsBack() throws Exception {
        String subject = SampleRecords.validUscc("360404", 4715);
        String id = listed(JS, SampleRecords.seriousDishonesty(), subject);
        Http jiangsu = new Http(fed.apiUrl(JS)).withToken(fed.departmentKey(JS));
        Await.until("Jiangsu's serious-dishonesty entry recognised at Jiangxi, with its measures", Duration.ofSeconds(60),
                () -> checkAtJiangxi(subject).path("entries").size() == 1);
        JsonNode before = checkAtJiangxi(subject);
        assertFalse(before.path("measures").path("recommended").isEmpty(), before.toString());

        // Jiangxi is down when Jiangsu grants the repair: the recognised copy follows once it is back
        fed.kill(JX);
        Http.Reply repaired = jiangsu.postJson("/api/v1/lists/" + id + "/exit", Map.of("reason", "REPAIR", "basis", "苏信修〔2026〕9号"));
        assertEquals(200, repaired.status(), repaired.body());
        fed.start(JX);
        fed.awaitHealthy(JX, Duration.ofSeconds(60));
        Await.until("the repair result recognised at Jiangxi after its restart", Duration.ofSeconds(60),
                () -> checkAtJiangxi(subject).path("entries").isEmpty());
        JsonNode after = checkAtJiangxi(subject);
        assertTrue(after.path("measures").path("recommended").isEmpty(), after.toString());
        JsonNode held = JSON.readTree(fed.get(JX, "/api/v1/records/" + id).body());
        assertEquals("REPAIRED", held.path("status").asText(), held.toString());
        assertEquals(JS, held.path("origin").asText(), "Jiangsu's own signed version, not a copy made here");
    }

    /** One list entry made at {@code node} about subject {@code 360404…n}; its record id. */
    private static String listed(String node, ObjectNode entry, String subject) throws Exception {
        ((ObjectNode) entry.get("subject")).put("code", subject);
        ObjectNode body = JSON.createObjectNode();
        body.putArray("records").add(entry);
        Http.Reply made = new Http(fed.apiUrl(node)).withToken(fed.departmentKey(node)).postJson("/api/v1/records", body);
        assertEquals(200, made.status(), made.body());
        return made.json().path("accepted").get(0).path("id").asText();
    }

    /** Jiangxi's signed matching answer for a supervision check of {@code subject}. */
    private static JsonNode checkAtJiangxi(String subject) throws Exception {
        return JSON.readTree(fed.post(JX, "/api/v1/checks", "{\"subject\": \"" + subject + "\", \"purpose\": \"SUPERVISION\"}").body());
    }

    /** Jiangsu's row in Jiangxi's operator view under 长三角. */
    private static JsonNode jiangsuInView() throws Exception {
        for (JsonNode a : JSON.readTree(fed.get(JX, "/admin/v1/alliances").body()).path("alliances")) {
            if (!a.path("id").asText().equals("yrd")) continue;
            for (JsonNode p : a.path("partners")) if (p.path("id").asText().equals(JS)) return p;
        }
        throw new AssertionError("no yrd/" + JS + " in Jiangxi's view");
    }

    private static Http account(String node, String name, String authority, List<String> categories, String type) throws Exception {
        Map<String, Object> a = new java.util.HashMap<>(Map.of("name", name, "authorities", List.of(authority), "categories", categories));
        if (type != null) a.put("departmentType", type);
        Http admin = new Http(fed.adminUrl(node)).withToken(fed.operatorToken(node));
        return new Http(fed.apiUrl(node)).withToken(org.creditnode.node.TestAccess.accountKey(admin, a));
    }

    private static int run(Path cwd, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.exitValue();
    }
}
