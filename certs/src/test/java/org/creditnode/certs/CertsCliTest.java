package org.creditnode.certs;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertsCliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        out.reset();
        err.reset();
        return CertsCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private String out() { return out.toString(StandardCharsets.UTF_8); }

    private String err() { return err.toString(StandardCharsets.UTF_8); }

    @Test
    void noArgumentsPrintsUsage() {
        assertEquals(2, run());
        assertTrue(err().contains("Usage:") && err().contains("federation --out DIR"), err());
        assertEquals(0, run("help"));
        assertTrue(out().contains("issue --dir DIR --node ID") && out().contains("CREDIT_KEY_PASSWORD"), out());
    }

    @Test
    void badUsageExitsWithTwo() {
        assertEquals(2, run("federation", "--out", dir.toString(), "--nodes", "100000", "--bogus", "x"));
        assertTrue(err().contains("unknown option '--bogus'"), err());
        assertEquals(2, run("federation", "--out", dir.toString()));
        assertTrue(err().contains("missing required option --nodes"), err());
        assertEquals(2, run("federation", "--out", dir.toString(), "--nodes", "100000", "--alg", "RSA"));
        assertTrue(err().contains("unknown key algorithm 'RSA'"), err());
        assertEquals(2, run("issue", "--dir"));
        assertEquals(2, run("frobnicate"));
        assertEquals(2, run("show"));
        assertFalse(Files.exists(dir.resolve("ca")), "nothing created on bad usage");
    }

    @Test
    void federationIssueAndShow() throws Exception {
        Path pki = dir.resolve("pki");
        assertEquals(0, run("federation", "--out", pki.toString(), "--alg", "ec_p256", "--nodes", "100000,360000,360404"), err());
        assertTrue(out().contains("node 360404"), out());
        assertTrue(out().contains("CN=360404,OU=tls,O=credit-node"), out());

        // issue detects the PKI's algorithm; a different --alg is refused
        assertEquals(0, run("issue", "--dir", pki.toString(), "--node", "320500"), err());
        assertEquals(KeyAlgorithm.EC_P256,
                NodeIdentity.load(pki.resolve("nodes/320500/signing.p12"), "changeit".toCharArray(), "signing").algorithm());
        assertEquals(1, run("issue", "--dir", pki.toString(), "--node", "320501", "--alg", "SM2"));
        assertTrue(err().contains("signs with EC_P256"), err());
        assertEquals(1, run("issue", "--dir", dir.resolve("nothing").toString(), "--node", "320501"));

        assertEquals(0, run("show", pki.resolve("nodes/360404/signing.p12").toString()), err());
        assertTrue(out().contains("subject   CN=360404,OU=signing,O=credit-node"), out());
        assertTrue(out().contains("issuer    CN=credit-node province 360000 (signing),O=credit-node"), out());
        assertTrue(out().contains("algorithm EC_P256 key"), out());
        assertTrue(out().contains("key id    "), out());
        assertEquals(0, run("show", pki.resolve("signing-trust.pem").toString()), err());
        assertTrue(out().contains("credit-node national root (signing)"), out());
    }

    @Test
    void passwordComesFromEnvironment() {
        Path pki = dir.resolve("pki");
        Map<String, String> env = Map.of(CertsCli.PASSWORD_ENV, "s3cret");
        assertEquals(0, run(env, "federation", "--out", pki.toString(), "--nodes", "360404"), err());
        assertEquals(KeyAlgorithm.SM2,
                NodeIdentity.load(pki.resolve("nodes/360404/signing.p12"), "s3cret".toCharArray(), "signing").algorithm());
        assertEquals(1, run("show", pki.resolve("nodes/360404/tls.p12").toString()), "default password is wrong here");
        assertEquals(0, run(env, "show", pki.resolve("nodes/360404/tls.p12").toString()), err());
    }
}
