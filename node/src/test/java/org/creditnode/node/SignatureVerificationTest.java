package org.creditnode.node;

import com.fasterxml.jackson.databind.JsonNode;
import org.creditnode.config.NodeConfig;
import org.creditnode.record.SampleRecords;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A record fetched from a running node verifies with the stock openssl command line and nothing of
 * ours (scripts/verify-record.sh is POSIX sh + openssl + base64), for each signing mode and algorithm.
 */
class SignatureVerificationTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} signing with {1}")
    @CsvSource({"batch, SM2, 360421", "record, SM2, 360402", "batch, EC_P256, 360403"})
    void aRecordVerifiesWithOpensslAloneAndATamperedOneDoesNot(String signing, String alg, String nodeId) throws Exception {
        int port = TestNodes.freePort();
        Path cfg = TestNodes.writeConfig(dir, nodeId, port, """
                ingest: { signing: %s }
                keys: { algorithm: %s }
                """.formatted(signing, alg));
        try (CreditNode node = CreditNode.start(NodeConfig.load(cfg).resolve(null, null), Clock.systemUTC())) {
            Http http = TestAccess.department(node);
            Http.Reply r = http.postJson("/api/v1/records", NodeApiTest.batch(SampleRecords.penalty(),
                    SampleRecords.licence(), SampleRecords.redList()));
            assertEquals(200, r.status(), r.body());
            String id = r.json().get("accepted").get(1).get("id").asText();
            JsonNode bundle = http.get("/api/v1/records/" + id + "/signed").json();
            assertEquals(alg.equals("SM2") ? "SM3" : "SHA-256", bundle.get("hashAlg").asText());
            assertEquals(signing.equals("batch"), bundle.has("proof"), "proof present only with batch signing");

            Path files = writeBundle(bundle, dir.resolve("ok"));
            Openssl.Result ok = Openssl.run(dir, "sh", script().toString(), files.toString());
            assertEquals(0, ok.exit(), ok.output());
            assertTrue(ok.output().startsWith("OK"), ok.output());

            // One changed character in the record: the signature (or the Merkle path) no longer holds.
            Path tampered = writeBundle(bundle, dir.resolve("tampered"));
            String text = Files.readString(tampered.resolve("canonical.bin"), StandardCharsets.UTF_8);
            Files.writeString(tampered.resolve("canonical.bin"), text.replace("\"version\":1", "\"version\":2"), StandardCharsets.UTF_8);
            if (signing.equals("record")) Files.copy(tampered.resolve("canonical.bin"), tampered.resolve("signed-data.bin"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Openssl.Result bad = Openssl.run(dir, "sh", script().toString(), tampered.toString());
            assertNotEquals(0, bad.exit(), bad.output());
            assertTrue(bad.output().contains("FAIL"), bad.output());

            // The signing certificate is issued by the bundle's intermediate (openssl checks the link;
            // SM2 needs distid, and OpenSSL 3.0 checks one SM2 link per call — see certs/ tests).
            List<String> verify = new ArrayList<>(List.of("openssl", "verify"));
            if (alg.equals("SM2")) verify.addAll(List.of("-vfyopt", "distid:1234567812345678"));
            verify.addAll(List.of("-partial_chain", "-CAfile", files.resolve("issuer.pem").toString(), files.resolve("cert.pem").toString()));
            Openssl.Result chain = Openssl.run(dir, verify.toArray(String[]::new));
            assertEquals(0, chain.exit(), chain.output());
            assertTrue(chain.output().contains(": OK"), chain.output());
            assertFalse(bundle.get("chain").isEmpty());
        }
    }

    static Path script() {
        return Path.of("..", "scripts", "verify-record.sh").toAbsolutePath().normalize();
    }

    /** The bundle as the files the script reads, the way a partner would cut it up with jq and base64. */
    static Path writeBundle(JsonNode b, Path to) throws Exception {
        Files.createDirectories(to);
        Base64.Decoder d = Base64.getDecoder();
        Files.write(to.resolve("canonical.bin"), d.decode(b.get("canonical").asText()));
        Files.write(to.resolve("signed-data.bin"), d.decode(b.get("signedData").asText()));
        Files.write(to.resolve("signature.der"), d.decode(b.get("signature").asText()));
        Files.writeString(to.resolve("cert.pem"), b.get("certificate").asText());
        Files.writeString(to.resolve("issuer.pem"), b.get("chain").get(0).asText());
        if (b.has("proof")) {
            JsonNode p = b.get("proof");
            StringBuilder s = new StringBuilder().append(p.get("leafIndex").asLong()).append('\n').append(p.get("treeSize").asLong()).append('\n');
            p.get("path").forEach(e -> s.append(e.asText()).append('\n'));
            Files.writeString(to.resolve("proof.txt"), s.toString());
        }
        return to;
    }
}
