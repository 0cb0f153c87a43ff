package org.creditnode.workflows.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.certs.Pem;
import org.creditnode.config.NodeConfig;
import org.creditnode.node.CreditNode;
import org.creditnode.node.Http;
import org.creditnode.node.TestAccess;
import org.creditnode.node.TestNodes;
import org.creditnode.record.SampleRecords;
import org.creditnode.sign.SignatureAlgorithm;
import org.creditnode.sign.Verifier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Credit reports and grades over real HTTP on one node: records of several categories and years,
 * a signed HTML and PDF report (the PDF read back with poppler's pdftotext and rendered with
 * pdftoppm, installed by .ci/run), a purpose that may not see a category, and the grade changing
 * when a list entry is exited (a later version of the record).
 */
class ReportHttpTest {
    private static final String NAME = "九江示例工程有限公司";

    @TempDir
    Path dir;

    @Test
    void aSubjectsReportIsSignedByCategoryAndItsGradeFollowsAnExit() throws Exception {
        Path cfg = TestNodes.writeConfig(dir, "360404", TestNodes.freePort(), "federation: { ownLogCheckMs: 0 }\n");
        NodeConfig config = NodeConfig.load(cfg).resolve(null, null);
        try (CreditNode node = CreditNode.start(config, Clock.systemUTC())) {
            Http admin = TestAccess.admin(node);
            String key = TestAccess.accountKey(admin, Map.of("name", "审批与监管系统", "authorities", List.of(TestAccess.AUTHORITY),
                    "categories", List.of("ADMIN_LICENSE", "ADMIN_PENALTY", "SERIOUS_DISHONESTY_LIST"),
                    "purposes", List.of("SUPERVISION", "PROCUREMENT"), "roles", List.of("SUBMITTER")));
            Http dept = new Http(node.apiAddress()).withToken(key);

            ObjectNode listed = SampleRecords.seriousDishonesty();
            String subject = listed.get("subject").get("code").asText();
            List<ObjectNode> batch = new ArrayList<>(List.of(listed,
                    about(SampleRecords.penalty(), listed, "2023-09-09", "MINOR"),
                    about(SampleRecords.penalty(), listed, "2024-03-05", "MINOR"),
                    about(SampleRecords.penalty(), listed, "2025-06-01", "MAJOR"),
                    about(SampleRecords.licence(), listed, "2025-02-02", null)));
            Http.Reply stored = dept.postJson("/api/v1/records", Map.of("records", batch));
            assertEquals(5, stored.json().get("accepted").size(), stored.body());
            String entryId = stored.json().get("accepted").get(0).get("id").asText();

            // the grade: 100 - 8 (2024, 一般) - 16 (2025, 较重) - 40 (the list entry) = 36; the 2023 penalty is past the lookback
            JsonNode before = grade(dept, subject, "SUPERVISION");
            assertEquals(36.0, before.get("score").asDouble(), before.toString());
            assertEquals("D", before.get("grade").asText());
            assertEquals("差", before.get("gradeLabel").asText());
            assertEquals(3, before.get("counted").size(), "the 2023 penalty and the licence count nothing: " + before);

            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<byte[]> html = report(client, node, key, subject, "html", "SUPERVISION");
            assertEquals(200, html.statusCode(), new String(html.body(), StandardCharsets.UTF_8));
            assertTrue(html.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            String page = new String(html.body(), StandardCharsets.UTF_8);
            for (String s : List.of(NAME, "行政处罚（3条）", "行政许可（1条）", "严重失信主体名单", "名单信息", "<svg", "公共信用综合评价", "D 级（差）")) {
                assertTrue(page.contains(s), s + " in " + page);
            }
            assertTrue(page.contains("公示期满"), "the penalties' publicity periods have ended: marked");
            assertTrue(page.contains("国家发展改革委令第58号"), "each penalty says which dated rule set computed its dates");

            // the signature over the exact bytes, verified with the certificate the node hands out
            X509Certificate cert = certificate(dept, html);
            assertTrue(verifies(cert, html), "the HTML report verifies with the node's certificate");
            byte[] altered = html.body().clone();
            altered[altered.length / 2] ^= 1;
            assertFalse(Verifier.verify(SignatureAlgorithm.SM2_SM3, cert.getPublicKey(), altered, signature(html)), "an altered report does not");

            // a purpose that may not see licences: no licence section, the withheld count named
            String procurement = new String(report(client, node, key, subject, "html", "PROCUREMENT").body(), StandardCharsets.UTF_8);
            assertTrue(procurement.contains("行政处罚（3条）"), procurement);
            assertFalse(procurement.contains("行政许可"), "PROCUREMENT does not see ADMIN_LICENSE");
            assertTrue(procurement.contains("ADMIN_LICENSE=1"), "what was withheld is said");

            HttpResponse<byte[]> pdf = report(client, node, key, subject, "pdf", "SUPERVISION");
            assertEquals(200, pdf.statusCode(), new String(pdf.body(), StandardCharsets.UTF_8));
            assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
            assertTrue(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII).equals("%PDF-"));
            assertTrue(verifies(cert, pdf), "the PDF report verifies with the node's certificate");
            checkPdf(pdf.body());

            // the reads are in the query log, like subject reads
            JsonNode queries = admin.get("/admin/v1/subjects/" + subject + "/queries").json().get("queries");
            assertTrue(queries.size() >= 4, queries.toString());

            // an exit is a later version of the entry: the grade follows at once
            Http.Reply exited = dept.postJson("/api/v1/lists/" + entryId + "/exit", Map.of("reason", "DECISION", "basis", "柴人社移〔2026〕9号"));
            assertEquals(200, exited.status(), exited.body());
            JsonNode after = grade(dept, subject, "SUPERVISION");
            assertEquals(76.0, after.get("score").asDouble(), after.toString());
            assertEquals("B", after.get("grade").asText());
            assertFalse(after.has("cappedBy"), after.toString());
            String afterPage = new String(report(client, node, key, subject, "html", "SUPERVISION").body(), StandardCharsets.UTF_8);
            assertTrue(afterPage.contains("已移出名单") && afterPage.contains("柴人社移〔2026〕9号") && afterPage.contains("B 级（良）"), afterPage);

            // bad input: 4xx naming the field
            assertEquals("BAD_FORMAT", dept.with("X-Purpose", "SUPERVISION").get("/api/v1/subjects/" + subject + "/report?format=doc").json().get("error").asText());
            assertEquals("BAD_SUBJECT", dept.with("X-Purpose", "SUPERVISION").get("/api/v1/subjects/x/report").json().get("error").asText());
            assertEquals("BAD_YEAR", dept.with("X-Purpose", "SUPERVISION").get("/api/v1/subjects/" + subject + "/grade?year=3000").json().get("error").asText());
            assertEquals("PURPOSE_REQUIRED", dept.get("/api/v1/subjects/" + subject + "/grade").json().get("error").asText());
            assertEquals(404, dept.get("/api/v1/certificates/nobody").status());
        }
    }

    private static ObjectNode about(ObjectNode record, ObjectNode same, String decisionDate, String severity) {
        record.set("subject", same.get("subject").deepCopy());
        record.put("decisionDate", decisionDate);
        if (severity != null) record.put("severity", severity);
        return record;
    }

    private static JsonNode grade(Http dept, String subject, String purpose) throws Exception {
        Http.Reply r = dept.with("X-Purpose", purpose).get("/api/v1/subjects/" + subject + "/grade");
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static HttpResponse<byte[]> report(HttpClient client, CreditNode node, String key, String subject, String format,
                                               String purpose) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(node.apiAddress() + "api/v1/subjects/" + subject + "/report?format=" + format))
                .header("Authorization", "Bearer " + key).header("X-Purpose", purpose).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Map<String, String> signatureHeader(HttpResponse<byte[]> r) {
        String header = r.headers().firstValue("X-Credit-Signature").orElseThrow();
        Map<String, String> parts = new LinkedHashMap<>();
        for (String p : header.split(";")) parts.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
        assertEquals("SM2-SM3", parts.get("alg"), header);
        return parts;
    }

    private static byte[] signature(HttpResponse<byte[]> r) {
        return Base64.getDecoder().decode(signatureHeader(r).get("value"));
    }

    private X509Certificate certificate(Http dept, HttpResponse<byte[]> r) throws Exception {
        Http.Reply c = dept.get("/api/v1/certificates/" + signatureHeader(r).get("keyId"));
        assertEquals(200, c.status(), c.body());
        Path pem = Files.writeString(Files.createTempFile(dir, "cert", ".pem"), c.json().get("certificate").asText());
        return Pem.readCertificates(pem).get(0);
    }

    private static boolean verifies(X509Certificate cert, HttpResponse<byte[]> r) {
        return Verifier.verify(SignatureAlgorithm.SM2_SM3, cert.getPublicKey(), r.body(), signature(r));
    }

    /** Text and a rendering of page 1 with poppler-utils; skipped (not failed) where they are not installed. */
    private void checkPdf(byte[] pdf) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/pdftotext")) && Files.isExecutable(Path.of("/usr/bin/pdftoppm")),
                "poppler-utils (pdftotext, pdftoppm) are installed by .ci/run (scripts/test-report-tools.sh)");
        Path file = dir.resolve("report.pdf");
        Files.write(file, pdf);
        Path text = dir.resolve("report.txt");
        run("/usr/bin/pdftotext", "-enc", "UTF-8", file.toString(), text.toString());
        String extracted = Files.readString(text, StandardCharsets.UTF_8);
        for (String s : List.of(NAME, "行政处罚", "行政许可", "严重失信主体名单", "公共信用综合评价", "公示期满")) {
            assertTrue(extracted.contains(s), s + " in the PDF's text: " + extracted);
        }
        run("/usr/bin/pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", file.toString(), dir.resolve("page").toString());
        try (var pages = Files.list(dir)) {
            Path png = pages.filter(p -> p.getFileName().toString().startsWith("page") && p.toString().endsWith(".png")).findFirst().orElseThrow();
            byte[] head = Files.readAllBytes(png);
            assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(head, 4));
            assertTrue(head.length > 2000, "page 1 rendered: " + head.length + " bytes");
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command[0] + " did not finish");
        assertEquals(0, p.exitValue(), command[0] + ": " + out);
    }
}
