package org.creditnode.workflows.matching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.certs.NodeIdentity;
import org.creditnode.config.NodeConfig;
import org.creditnode.node.Await;
import org.creditnode.node.CreditNode;
import org.creditnode.node.Http;
import org.creditnode.node.TestAccess;
import org.creditnode.node.TestNodes;
import org.creditnode.record.SampleRecords;
import org.creditnode.sign.CanonicalJson;
import org.creditnode.sign.SignatureAlgorithm;
import org.creditnode.sign.Verifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Automatic matching over real HTTP: entries, measures by purpose, responsible persons, incentives, warnings, a signed answer. */
class MatchingHttpTest {
    @TempDir
    Path dir;

    @Test
    void aCheckFindsTheEntriesAndTheMeasuresOfItsPurposeAndIsSignedAndLogged() throws Exception {
        Path cfg = TestNodes.writeConfig(dir, "360404", TestNodes.freePort(), "federation: { ownLogCheckMs: 0 }\n");
        NodeConfig config = NodeConfig.load(cfg).resolve(null, null);
        try (CreditNode node = CreditNode.start(config, Clock.systemUTC())) {
            Http admin = TestAccess.admin(node);
            String key = TestAccess.accountKey(admin, Map.of("name", "采购审批系统", "authorities", List.of(TestAccess.AUTHORITY),
                    "categories", List.of("SERIOUS_DISHONESTY_LIST", "RED_LIST", "ADMIN_PENALTY"),
                    "purposes", List.of("PROCUREMENT", "ADMIN_APPROVAL")));
            Http dept = new Http(node.apiAddress()).withToken(key);
            String today = LocalDate.now().minusDays(1).toString();

            ObjectNode listed = SampleRecords.seriousDishonesty();
            String person = SampleRecords.validIdNumber(55);
            ((ObjectNode) listed.get("fields")).put("LIST_FRDB_ZJHM", person);
            ObjectNode red = SampleRecords.redList();
            String offender = SampleRecords.validUscc(SampleRecords.REGION, 777);
            List<ObjectNode> batch = new ArrayList<>(List.of(listed, red));
            for (int i = 0; i < 3; i++) {
                ObjectNode p = SampleRecords.penaltyAgainst(777);
                p.put("decisionDate", today);
                batch.add(p);
            }
            Http.Reply stored = dept.postJson("/api/v1/records", Map.of("records", batch));
            assertEquals(5, stored.json().get("accepted").size(), stored.body());
            String listedCode = listed.get("subject").get("code").asText();
            String entryId = stored.json().get("accepted").get(0).get("id").asText();

            Await.until("the entry in the matching index", Duration.ofSeconds(30),
                    () -> check(dept, listedCode, "PROCUREMENT").path("entries").size() == 1);
            JsonNode answer = check(dept, listedCode, "PROCUREMENT");
            JsonNode entry = answer.get("entries").get(0);
            assertEquals(entryId, entry.get("recordId").asText());
            assertEquals("WAGE_ARREARS", entry.get("listType").asText());
            assertEquals("拖欠农民工工资失信联合惩戒对象", entry.get("listTypeLabel").asText());
            assertEquals("SUBJECT", entry.get("role").asText());
            List<String> mandatory = ids(answer.get("measures").get("mandatory"));
            assertEquals(List.of("M-PROC-BAN", "M-WAGE-BID"), mandatory, answer.toString());
            assertTrue(answer.get("measures").get("mandatory").get(0).get("basis").asText().contains("政府采购法"));
            assertEquals(0, answer.get("incentives").size(), "no 容缺受理 for a listed subject");
            assertEquals("D", answer.path("grade").path("grade").asText(), "an active serious-dishonesty entry caps the grade: " + answer);
            assertTrue(answer.get("token").asText().startsWith("chk-"));

            JsonNode byPerson = check(dept, person, "PROCUREMENT");
            assertEquals("RESPONSIBLE_PERSON", byPerson.get("entries").get(0).get("role").asText(), "matching a person finds the entry naming them");

            JsonNode approval = check(dept, listedCode, "ADMIN_APPROVAL");
            assertEquals(List.of(), ids(approval.get("measures").get("mandatory")), "procurement bans are not for approvals");
            assertEquals(List.of("M-APPROVAL-STRICT"), ids(approval.get("measures").get("recommended")));

            JsonNode redAnswer = check(dept, red.get("subject").get("code").asText(), "ADMIN_APPROVAL");
            assertEquals(List.of("I-GREEN-CHANNEL", "I-TAX-INVOICE", "I-CONDITIONAL-ACCEPTANCE"), ids(redAnswer.get("incentives")), redAnswer.toString());

            JsonNode repeat = check(dept, offender, "PROCUREMENT");
            assertEquals("REPEAT_OFFENDER", repeat.get("warnings").get(0).get("code").asText(), repeat.toString());

            // the answer is the node's: its signature over the canonical answer without "signature"
            NodeIdentity id = NodeIdentity.load(Path.of(config.keys.signingKeystore), config.keys.password.toCharArray(), "signing");
            ObjectNode unsigned = answer.deepCopy();
            unsigned.remove("signature");
            assertTrue(Verifier.verify(SignatureAlgorithm.SM2_SM3, id.certificate().getPublicKey(), CanonicalJson.encode(unsigned),
                    Base64.getDecoder().decode(answer.get("signature").get("value").asText())));
            unsigned.put("purpose", "HONOURS");
            assertFalse(Verifier.verify(SignatureAlgorithm.SM2_SM3, id.certificate().getPublicKey(), CanonicalJson.encode(unsigned),
                    Base64.getDecoder().decode(answer.get("signature").get("value").asText())), "an altered answer does not verify");

            Http.Reply many = dept.postJson("/api/v1/checks", Map.of("subjects", List.of(listedCode, offender, "nonsense"), "purpose", "PROCUREMENT"));
            JsonNode results = many.json().get("results");
            assertEquals(3, results.size(), many.body());
            assertEquals(1, results.get(0).get("entries").size());
            assertEquals("BAD_SUBJECT", results.get(2).get("error").asText());

            assertEquals("PURPOSE_UNKNOWN", dept.postJson("/api/v1/checks", Map.of("subject", listedCode, "purpose", "GOSSIP")).json().get("error").asText());
            assertEquals("PURPOSE_NOT_ALLOWED", dept.postJson("/api/v1/checks", Map.of("subject", listedCode, "purpose", "HONOURS")).json().get("error").asText());
            assertEquals("NO_SUBJECT", dept.postJson("/api/v1/checks", Map.of("purpose", "PROCUREMENT")).json().get("error").asText());
            assertEquals("BAD_SUBJECT", dept.postJson("/api/v1/checks", Map.of("subject", "x", "purpose", "PROCUREMENT")).json().get("error").asText());
            assertEquals(413, dept.postJson("/api/v1/checks", Map.of("subjects", java.util.Collections.nCopies(1001, listedCode),
                    "purpose", "PROCUREMENT")).status());

            JsonNode queries = admin.get("/admin/v1/subjects/" + listedCode + "/queries").json().get("queries");
            assertTrue(queries.size() >= 3 && queries.get(0).get("returned").asText().startsWith("check chk-"), queries.toString());
        }
    }

    private static JsonNode check(Http dept, String subject, String purpose) throws Exception {
        Http.Reply r = dept.postJson("/api/v1/checks", Map.of("subject", subject, "purpose", purpose));
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(m -> out.add(m.get("id").asText()));
        return out;
    }
}
