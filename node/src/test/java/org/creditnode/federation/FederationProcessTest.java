package org.creditnode.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.api.ContractSchemas;
import org.creditnode.certs.FederationPki;
import org.creditnode.certs.KeyAlgorithm;
import org.creditnode.certs.NodeIdentity;
import org.creditnode.node.Http;
import org.creditnode.node.LocalFederation;
import org.creditnode.node.TestNodes;
import org.creditnode.record.SampleRecords;
import org.creditnode.sign.Signer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The federation across four real node processes over real sockets and mutual TLS: upward and
 * downward delivery with exact counts, a kill -9 of the city in mid-stream, a national outage and
 * catch-up, and refusals (tampered record, non-origin signature, unknown or wrong-role caller).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SUBJECTS = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static LocalFederation fed;

    @BeforeAll
    static void start() throws Exception {
        long t0 = System.nanoTime();
        fed = new LocalFederation(List.of("100000", "360000", "360400", "360404"), dir, TestNodes.CONFIG_DIR, "");
        Duration up = fed.startAll(Duration.ofSeconds(120));
        System.out.println("4 node processes healthy after " + up.toMillis() + " ms");
    }

    @AfterAll
    static void stop() {
        if (fed != null) fed.close();
    }

    @Test
    @Order(1)
    void recordsSurviveAKill9OfTheCityInMidStreamAndArriveAtNationalExactlyOnce() throws Exception {
        int total = 3000;
        long t0 = System.nanoTime();
        feed("360404", 1000, "ADMIN_PENALTY");
        fed.kill("360400");
        feed("360404", 1000, "ADMIN_PENALTY"); // the county keeps accepting; its queue to the city grows
        fed.start("360400");
        fed.awaitHealthy("360400", Duration.ofSeconds(60));
        feed("360404", 1000, "ADMIN_PENALTY");
        await("all " + total + " county records at national", Duration.ofSeconds(120),
                () -> fed.watermark("100000", "360404") >= total);
        System.out.printf("3 hops with a city kill -9: %d records at national in %d ms%n", total, (System.nanoTime() - t0) / 1_000_000);
        for (String node : List.of("360400", "360000", "100000")) {
            assertEquals(total, fed.records(node, "360404"), "records of 360404 held at " + node + " (exactly once)");
            assertEquals(total, fed.watermark(node, "360404"), "no gap and an unbroken chain at " + node);
        }
    }

    @Test
    @Order(2)
    void aSeriousDishonestyListEntryMadeAtTheProvinceReachesTheCounty() throws Exception {
        feed("360000", 5, "SERIOUS_DISHONESTY_LIST");
        String listed = SampleRecords.validUscc("360404", SUBJECTS.get()); // the last list entry's subject
        feed("360000", 7, "ADMIN_PENALTY"); // not distributed: stays at the province (and goes up)
        await("the list entries at the county", Duration.ofSeconds(60), () -> fed.records("360404", "360000") >= 5);
        await("province records at national", Duration.ofSeconds(60), () -> fed.records("100000", "360000") >= 12);
        assertEquals(5, fed.records("360400", "360000"), "the city holds the province's list entries only");
        assertEquals(5, fed.records("360404", "360000"), "the county holds the province's list entries only");
        assertEquals(12, fed.records("100000", "360000"), "national aggregates everything of the province");

        // matched at the county: the province's entry with the measures of the county's purpose
        String check = "{\"subject\": \"" + listed + "\", \"purpose\": \"SUPERVISION\"}";
        await("the entry matched at the county", Duration.ofSeconds(60),
                () -> JSON.readTree(fed.post("360404", "/api/v1/checks", check).body()).path("entries").size() == 1);
        JsonNode answer = JSON.readTree(fed.post("360404", "/api/v1/checks", check).body());
        assertEquals("360000", answer.path("entries").get(0).path("origin").asText(), answer.toString());
        assertEquals("拖欠农民工工资失信联合惩戒对象", answer.path("entries").get(0).path("listTypeLabel").asText());
        assertEquals("M-SUPERVISION-UP", answer.path("measures").path("recommended").get(0).path("id").asText(), answer.toString());

        // the exit: a new version signed at the province, refused anywhere else, that undoes the match at the county
        String entry = answer.path("entries").get(0).path("recordId").asText();
        String exit = "{\"reason\": \"DECISION\", \"basis\": \"赣信用〔2026〕12号 移出决定\"}";
        HttpResponse<String> notOrigin = fed.post("360404", "/api/v1/lists/" + entry + "/exit", exit);
        assertEquals(409, notOrigin.statusCode(), notOrigin.body());
        assertEquals("NOT_ORIGIN", JSON.readTree(notOrigin.body()).path("error").asText(), notOrigin.body());
        HttpResponse<String> exited = fed.post("360000", "/api/v1/lists/" + entry + "/exit", exit);
        assertEquals(200, exited.statusCode(), exited.body());
        assertEquals(2, JSON.readTree(exited.body()).path("version").asInt(), exited.body());
        assertEquals("EXITED", JSON.readTree(exited.body()).path("status").asText(), exited.body());
        HttpResponse<String> again = fed.post("360000", "/api/v1/lists/" + entry + "/exit", exit);
        assertEquals(409, again.statusCode(), again.body());
        assertEquals("STATUS_CONFLICT", JSON.readTree(again.body()).path("error").asText(), again.body());
        await("the exit reflected at the county", Duration.ofSeconds(60),
                () -> JSON.readTree(fed.post("360404", "/api/v1/checks", check).body()).path("entries").isEmpty());
        JsonNode after = JSON.readTree(fed.post("360404", "/api/v1/checks", check).body());
        assertTrue(after.path("measures").path("recommended").isEmpty(), after.toString());
        JsonNode atCounty = JSON.readTree(fed.get("360404", "/api/v1/records/" + entry).body());
        assertEquals(2, atCounty.path("version").asInt(), atCounty.toString());
        assertEquals("EXITED", atCounty.path("status").asText(), atCounty.toString());
        assertEquals(6, fed.records("360404", "360000"), "the county holds the five entries and the exit's version");
    }

    @Test
    @Order(3)
    void nationalCatchesUpAfterAnOutage() throws Exception {
        // The county's earlier records have all reached national (its STATUS_ACK of the province's exit too): the count stands still.
        await("national holds everything the county made", Duration.ofSeconds(60),
                () -> fed.records("100000", "360404") == fed.records("360404", "360404"));
        long before = fed.records("100000", "360404");
        int exit = fed.stop("100000");
        assertEquals(143, exit);
        feed("360404", 500, "ADMIN_PENALTY");
        // The province cannot deliver; pause its link too, so that only catch-up (pull) can heal.
        assertEquals(200, fed.post("360000", "/admin/v1/links/100000/pause", "").statusCode());
        fed.start("100000");
        fed.awaitHealthy("100000", Duration.ofSeconds(60));
        long t0 = System.nanoTime();
        await("national caught up by pulling", Duration.ofSeconds(90),
                () -> fed.records("100000", "360404") >= before + 500);
        System.out.printf("catch-up after outage: 500 records pulled in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertEquals(before + 500, fed.records("100000", "360404"));
        assertEquals(before + 500, fed.watermark("100000", "360404"));
        assertEquals(200, fed.post("360000", "/admin/v1/links/100000/resume", "").statusCode());
        // The queued copies now arrive as duplicates: still exactly one copy each.
        await("the paused link's queue drained", Duration.ofSeconds(60), () -> linkDepth("360000", "100000") == 0);
        assertEquals(before + 500, fed.records("100000", "360404"));
    }

    @Test
    @Order(4)
    void tamperedAndReSignedRecordsAreRefusedAndAudited() throws Exception {
        // Act as the province (a child of national) with its real TLS and signing keys.
        Path pki = fed.pki();
        FederationClient asProvince = clientAs("360000");
        // A genuine county record, as the city serves it to its parent.
        FederationClient.Reply r = asProvince.getJson(fed.federationUrl("360400") + "/federation/v1/origins/360404/records?fromSeq=1&limit=1");
        assertEquals(200, r.status(), r.body());
        Delivery genuine = JSON.readValue(r.body(), Delivery.class);
        assertEquals(1, genuine.batches().size()); // the seal travels beside the record, once
        FederatedRecord rec = genuine.inlined().records().get(0); // first of its batch here: full path

        // 1. Tampered: one changed character, hash recomputed so only the signature can tell.
        String text = rec.canonical().replace("\"status\":\"ACTIVE\"", "\"status\":\"REVOKED\"");
        FederatedRecord tampered = new FederatedRecord(text, FederatedRecord.hashHex(
                org.creditnode.sign.SignatureAlgorithm.fromWireName(rec.sigAlg()), text.getBytes(StandardCharsets.UTF_8)),
                rec.sigAlg(), rec.keyId(), rec.signature(), rec.batch(), rec.leafIndex(), rec.proof());
        // 2. Re-signed by the province: a valid signature, but not the origin's.
        NodeIdentity province = NodeIdentity.load(pki.resolve("nodes/360000/signing.p12"), LocalFederation.PASSWORD, "signing");
        Signer signer = Signer.forKey(province.privateKey(), province.keyId());
        FederatedRecord resigned = FederatedRecord.signedAlone(rec.canonicalBytes(), signer.algorithm(), province.keyId(),
                signer.sign(rec.canonicalBytes()));
        Map<String, List<String>> certs = new java.util.HashMap<>(genuine.certificates());
        certs.put(province.keyId(), Delivery.pemChain(province.chain()));
        Delivery forged = new Delivery("360000", List.of(tampered, resigned), certs);

        FederationClient.Reply answer = asProvince.postJson(fed.federationUrl("100000") + "/federation/v1/batches", JSON.writeValueAsString(forged));
        assertEquals(200, answer.status(), answer.body());
        Receipt receipt = JSON.readValue(answer.body(), Receipt.class);
        assertTrue(receipt.accepted().isEmpty(), answer.body());
        assertEquals(List.of("BAD_PROOF", "NOT_ORIGIN"), receipt.refused().stream().map(Receipt.RefusedRecord::code).toList());
        assertTrue(new ReceiptCheck(org.creditnode.certs.Pem.readCertificates(pki.resolve("signing-trust.pem")))
                .problem(receipt, "100000").isEmpty(), "the receipt is signed by national");
        JsonNode audit = audit("100000");
        assertTrue(contains(audit, "RECORD_REFUSED", "BAD_PROOF") && contains(audit, "RECORD_REFUSED", "NOT_ORIGIN"), audit.toString());

        // 3. A federation member in the wrong role: the county is no child of national.
        FederationClient asCounty = clientAs("360404");
        FederationClient.Reply refused = asCounty.postJson(fed.federationUrl("100000") + "/federation/v1/batches", JSON.writeValueAsString(genuine));
        assertEquals(403, refused.status(), refused.body());
        assertTrue(contains(audit("100000"), "CALLER_REFUSED", "FORBIDDEN"));

        // 4. A certificate from another federation: no TLS session at all.
        Path alien = dir.resolve("alien-pki");
        new FederationPki(alien, KeyAlgorithm.SM2, LocalFederation.PASSWORD).issueNode("360000");
        FederationClient stranger = new FederationClient(TlsMaterial.load(alien.resolve("nodes/360000/tls.p12"),
                LocalFederation.PASSWORD, pki.resolve("tls-trust.pem")), Duration.ofSeconds(5), Duration.ofSeconds(30));
        assertThrows(IOException.class, () -> stranger.getJson(fed.federationUrl("100000") + "/federation/v1/watermarks"));
    }

    @Test
    @Order(5)
    void anOriginOfferingTwoRecordsUnderOneIdIsShownInConflictAuditedOnceAndOthersGoOn() throws Exception {
        Path pki = fed.pki();
        FederationClient asCounty = clientAs("360404");
        // The county asks the city for its own record 360404-5 (what a recovering node does) …
        FederationClient.Reply r = asCounty.getJson(fed.federationUrl("360400") + "/federation/v1/origins/360404/records?fromSeq=5&limit=1");
        assertEquals(200, r.status(), r.body());
        ContractSchemas.assertAnswerMatches("openapi-federation.json", "GET", "/federation/v1/origins/{origin}/records", 200, JSON.readTree(r.body()));
        FederatedRecord held = JSON.readValue(r.body(), Delivery.class).inlined().records().get(0);
        // … and then equivocates: another record under the same id and version, validly signed by itself.
        String other = held.canonical().replaceFirst("\"receivedAt\":\"2026-", "\"receivedAt\":\"2025-");
        NodeIdentity county = NodeIdentity.load(pki.resolve("nodes/360404/signing.p12"), LocalFederation.PASSWORD, "signing");
        Signer signer = Signer.forKey(county.privateKey(), county.keyId());
        byte[] bytes = other.getBytes(StandardCharsets.UTF_8);
        FederatedRecord twin = FederatedRecord.signedAlone(bytes, signer.algorithm(), county.keyId(), signer.sign(bytes));
        Delivery equivocation = new Delivery("360404", List.of(twin), Map.of(county.keyId(), Delivery.pemChain(county.chain())));
        for (int attempt = 0; attempt < 2; attempt++) {
            FederationClient.Reply answer = asCounty.postJson(fed.federationUrl("360400") + "/federation/v1/batches",
                    JSON.writeValueAsString(equivocation));
            assertEquals(200, answer.status(), answer.body());
            ContractSchemas.assertAnswerMatches("openapi-federation.json", "POST", "/federation/v1/batches", 200, JSON.readTree(answer.body()));
            Receipt receipt = JSON.readValue(answer.body(), Receipt.class);
            assertEquals(List.of("CONFLICT"), receipt.refused().stream().map(Receipt.RefusedRecord::code).toList(), answer.body());
        }
        assertEquals("CONFLICT at seq 5", fed.origins("360400").path("360404").path("state").asText());
        JsonNode health = JSON.readTree(fed.get("360400", "/health").body());
        assertEquals("CONFLICT at seq 5", health.path("details").path("conflicts").path("360404").asText(), health.toString());
        long audited = 0;
        for (JsonNode e : audit("360400")) if (e.path("kind").asText().equals("ORIGIN_CONFLICT")) audited++;
        assertEquals(1, audited, "audited once, not once per offer");
        assertEquals("OK", fed.origins("360400").path("360000").path("state").asText("OK"));

        // Every other origin goes on: a list entry made at the province still reaches the city.
        long before = fed.records("360400", "360000");
        feed("360000", 1, "SERIOUS_DISHONESTY_LIST");
        await("the province's record at the city", Duration.ofSeconds(60), () -> fed.records("360400", "360000") > before);

        HttpResponse<String> cleared = fed.delete("360400", "/admin/v1/origins/360404/conflict");
        assertEquals(200, cleared.statusCode(), cleared.body());
        assertEquals("OK", fed.origins("360400").path("360404").path("state").asText());
    }

    @Test
    @Order(6)
    void aDeliveryInAProtocolVersionThisNodeDoesNotSpeakIsRefusedNamingBoth() throws Exception {
        Path pki = fed.pki();
        FederationClient asCounty = clientAs("360404");
        FederationClient.Reply answer = asCounty.postJson(fed.federationUrl("360400") + "/federation/v1/batches",
                "{\"protocol\": \"2\", \"from\": \"360404\", \"records\": []}");
        assertEquals(400, answer.status(), answer.body());
        JsonNode body = JSON.readTree(answer.body());
        ContractSchemas.assertAnswerMatches("openapi-federation.json", "POST", "/federation/v1/batches", 400, body);
        FederationClient.Reply held = asCounty.getJson(fed.federationUrl("360400") + "/federation/v1/origins/360404/held");
        ContractSchemas.assertAnswerMatches("openapi-federation.json", "GET", "/federation/v1/origins/{origin}/held", 200, JSON.readTree(held.body()));
        FederationClient.Reply marks = asCounty.getJson(fed.federationUrl("360400") + "/federation/v1/watermarks");
        ContractSchemas.assertAnswerMatches("openapi-federation.json", "GET", "/federation/v1/watermarks", 200, JSON.readTree(marks.body()));
        FederationClient.Reply others = asCounty.getJson(fed.federationUrl("360400") + "/federation/v1/origins/360000/held");
        assertEquals(403, others.status(), "only a node's own log may be asked: " + others.body());
        ContractSchemas.assertAnswerMatches("openapi-federation.json", "GET", "/federation/v1/origins/{origin}/held", 403, JSON.readTree(others.body()));
        assertEquals("UNSUPPORTED_PROTOCOL", body.get("error").asText());
        assertTrue(body.get("message").asText().contains("protocol 1") && body.get("message").asText().contains("protocol 2"), answer.body());
    }

    /** A federation client with {@code node}'s real TLS identity from the federation's PKI. */
    @Test
    @Order(7)
    void aMeasureListPublishedAtTheProvinceIsAppliedAtTheCounty() throws Exception {
        ObjectNode list = (ObjectNode) new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(TestNodes.CONFIG_DIR.resolve("measures.yaml").toFile());
        list.put("sample", false);
        ObjectNode added = ((ArrayNode) list.path("measures").path("WAGE_ARREARS")).addObject();
        added.put("id", "M-SUP-2027").put("name", "列为重点监管对象（2027年版）").put("class", "监管措施").put("obligation", "MANDATORY")
                .put("basis", "赣发改财金〔2026〕9号").put("appliesFrom", "2020-01-01").put("kind", "SERIOUS");
        added.putArray("departments").add("市场监管");
        added.putArray("purposes").add("SUPERVISION");
        ObjectNode body = JSON.createObjectNode();
        body.put("label", "江西省联合奖惩措施清单（2027年版）").put("appliesFrom", java.time.LocalDate.now().minusDays(1).toString())
                .put("authorityCode", SampleRecords.authorityUscc("360000", 3)).put("authorityName", "江西省发展和改革委员会");
        body.set("list", list);

        ObjectNode wrong = body.deepCopy();
        ((ObjectNode) wrong.path("list").path("measures").path("WAGE_ARREARS").get(1)).putArray("purposes").add("FORTUNE_TELLING");
        HttpResponse<String> refused = fed.post("360000", "/admin/v1/measure-lists", JSON.writeValueAsString(wrong));
        assertEquals(422, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("FORTUNE_TELLING"), refused.body());

        HttpResponse<String> published = fed.post("360000", "/admin/v1/measure-lists", JSON.writeValueAsString(body));
        assertEquals(201, published.statusCode(), published.body());
        String recordId = JSON.readTree(published.body()).path("recordId").asText();
        await("the list in effect at the county", Duration.ofSeconds(60),
                () -> JSON.readTree(fed.get("360404", "/admin/v1/measure-lists").body()).path("inEffect").asText().contains(recordId));

        feed("360000", 1, "SERIOUS_DISHONESTY_LIST");
        String listed = SampleRecords.validUscc("360404", SUBJECTS.get());
        String check = "{\"subject\": \"" + listed + "\", \"purpose\": \"SUPERVISION\"}";
        await("the entry matched at the county", Duration.ofSeconds(60),
                () -> JSON.readTree(fed.post("360404", "/api/v1/checks", check).body()).path("entries").size() == 1);
        JsonNode answer = JSON.readTree(fed.post("360404", "/api/v1/checks", check).body());
        assertEquals("M-SUP-2027", answer.path("measures").path("mandatory").get(0).path("id").asText(), answer.toString());
        assertTrue(answer.path("measureList").asText().contains(recordId), answer.toString());
        assertTrue(JSON.readTree(fed.get("360400", "/admin/v1/measure-lists").body()).path("inEffect").asText().contains(recordId),
                "the city between them applies it too");
        // the list's record also goes up (whole origin logs for catch-up), but a province's list is not national's
        long listSeq = Long.parseLong(recordId.substring(recordId.indexOf('-') + 1));
        await("the list's record held at national", Duration.ofSeconds(60), () -> fed.watermark("100000", "360000") >= listSeq);
        JsonNode atNational = JSON.readTree(fed.get("100000", "/admin/v1/measure-lists").body());
        assertFalse(atNational.toString().contains(recordId), "national does not apply a list published below it: " + atNational);
    }

    private static FederationClient clientAs(String node) throws Exception {
        return new FederationClient(TlsMaterial.load(fed.pki().resolve("nodes/" + node + "/tls.p12"), LocalFederation.PASSWORD,
                fed.pki().resolve("tls-trust.pem")), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    private static JsonNode audit(String node) throws Exception {
        return JSON.readTree(fed.get(node, "/admin/v1/audit?limit=200").body()).get("events");
    }

    interface Check {
        boolean holds() throws Exception;
    }

    /** Polls a condition on other processes until it holds; fails with every node's link state if it does not. */
    private static void await(String what, Duration timeout, Check condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.holds()) return;
            } catch (IOException restarting) {
                // a node is restarting
            }
            Thread.sleep(200); // polling interval; the condition is what is awaited
        }
        StringBuilder state = new StringBuilder();
        for (String id : fed.chain()) {
            try {
                state.append(id).append(": ").append(fed.get(id, "/admin/v1/links").body()).append('\n');
            } catch (IOException e) {
                state.append(id).append(": unreachable\n");
            }
        }
        throw new AssertionError("timed out waiting for " + what + "\n" + state);
    }

    private static boolean contains(JsonNode events, String kind, String code) {
        for (JsonNode e : events) {
            if (kind.equals(e.path("kind").asText()) && code.equals(e.path("code").asText())) return true;
        }
        return false;
    }

    private static long linkDepth(String at, String link) throws Exception {
        for (JsonNode l : JSON.readTree(fed.get(at, "/admin/v1/links").body()).get("links")) {
            if (l.get("link").asText().equals(link)) return l.get("queueDepth").asLong();
        }
        throw new AssertionError("no link " + link + " at " + at);
    }

    /** Submits {@code n} records of a category at a node's department API in batches of up to 250. */
    private static void feed(String node, int n, String category) throws Exception {
        Http http = new Http(fed.apiUrl(node)).withToken(fed.departmentKey(node));
        for (int done = 0; done < n; done += 250) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode a = body.putArray("records");
            for (int i = 0; i < Math.min(250, n - done); i++) {
                ObjectNode r = switch (category) {
                    case "SERIOUS_DISHONESTY_LIST" -> SampleRecords.seriousDishonesty();
                    default -> SampleRecords.penalty();
                };
                ((ObjectNode) r.get("subject")).put("code", SampleRecords.validUscc("360404", SUBJECTS.incrementAndGet()));
                a.add(r);
            }
            Http.Reply reply = http.postJson("/api/v1/records", body);
            assertEquals(200, reply.status(), reply.body());
            assertEquals(a.size(), reply.json().get("accepted").size(), reply.body());
        }
    }
}
