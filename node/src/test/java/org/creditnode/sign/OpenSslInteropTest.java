package org.creditnode.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proves a partner can check our signatures, hashes and Merkle proofs with stock OpenSSL 3, and
 * that we accept OpenSSL's SM2 signatures, as long as both sides pass the SM2 ID explicitly.
 */
class OpenSslInteropTest {

    private static final String OPENSSL = "/usr/bin/openssl";
    private static final String DISTID = "distid:" + SignatureAlgorithm.SM2_DEFAULT_ID;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void needOpenSsl() {
        assumeTrue(Files.isExecutable(Path.of(OPENSSL)), "openssl not installed");
    }

    // (a) ours -> OpenSSL, SM2
    @Test
    void sm2SignatureOfOursVerifiesWithOpenSslOnlyWithDistid() throws Exception {
        KeyPair kp = TestKeys.generate(SignatureAlgorithm.SM2_SM3);
        byte[] data = "{\"name\":\"南昌市市场监督管理局\"}".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("data"), data);
        Files.write(dir.resolve("sig.der"), new Signer(SignatureAlgorithm.SM2_SM3, kp.getPrivate(), "k").sign(data));
        writePem(dir.resolve("pub.pem"), kp.getPublic());

        Result ok = openssl("dgst", "-sm3", "-verify", "pub.pem", "-sigopt", DISTID, "-signature", "sig.der", "data");
        assertEquals(0, ok.exit, ok.output);
        assertTrue(ok.output.contains("Verified OK"), ok.output);
        // OpenSSL 3.0 defaults to an EMPTY ID: failing here proves the ID really is part of the signature.
        Result noId = openssl("dgst", "-sm3", "-verify", "pub.pem", "-signature", "sig.der", "data");
        assertNotEquals(0, noId.exit, noId.output);
    }

    // (b) OpenSSL -> ours, SM2
    @Test
    void sm2SignatureOfOpenSslVerifiesHere() throws Exception {
        byte[] data = "行政处罚 CF_WSH 赣市监罚〔2026〕17号".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("data"), data);
        check(openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2", "-out", "key.pem"));
        check(openssl("pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem"));
        check(openssl("dgst", "-sm3", "-sign", "key.pem", "-sigopt", DISTID, "-out", "sig.der", "data"));
        check(openssl("dgst", "-sm3", "-sign", "key.pem", "-out", "sig-empty-id.der", "data"));

        PublicKey pub = readPublicKey(dir.resolve("pub.pem"));
        assertEquals(SignatureAlgorithm.SM2_SM3, SignatureAlgorithm.forKey(pub));
        assertTrue(Verifier.verify(SignatureAlgorithm.SM2_SM3, pub, data, Files.readAllBytes(dir.resolve("sig.der"))));
        assertFalse(Verifier.verify(SignatureAlgorithm.SM2_SM3, pub, data,
                Files.readAllBytes(dir.resolve("sig-empty-id.der"))), "OpenSSL's empty-ID default must not pass");

        // An OpenSSL-generated private key works with our Signer, too.
        PrivateKey key = readPrivateKey(dir.resolve("key.pem"));
        Files.write(dir.resolve("sig2.der"), Signer.forKey(key, "openssl-key").sign(data));
        check(openssl("dgst", "-sm3", "-verify", "pub.pem", "-sigopt", DISTID, "-signature", "sig2.der", "data"));
    }

    // (c) ECDSA P-256 both ways
    @Test
    void ecdsaP256BothWays() throws Exception {
        byte[] data = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("data"), data);
        KeyPair kp = TestKeys.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        writePem(dir.resolve("ours.pem"), kp.getPublic());
        Files.write(dir.resolve("ours.der"),
                new Signer(SignatureAlgorithm.ECDSA_P256_SHA256, kp.getPrivate(), "k").sign(data));
        check(openssl("dgst", "-sha256", "-verify", "ours.pem", "-signature", "ours.der", "data"));

        check(openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem"));
        check(openssl("pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem"));
        check(openssl("dgst", "-sha256", "-sign", "key.pem", "-out", "sig.der", "data"));
        PublicKey pub = readPublicKey(dir.resolve("pub.pem"));
        assertEquals(SignatureAlgorithm.ECDSA_P256_SHA256, SignatureAlgorithm.forKey(pub));
        byte[] sig = Files.readAllBytes(dir.resolve("sig.der"));
        assertTrue(Verifier.verify(SignatureAlgorithm.ECDSA_P256_SHA256, pub, data, sig));
        assertFalse(Verifier.verify(SignatureAlgorithm.ECDSA_P256_SHA256, pub, "{\"a\":2}".getBytes(), sig));
    }

    @Test
    void sm3AgreesWithOpenSsl() throws Exception {
        byte[] data = "abcd".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        Files.write(dir.resolve("data"), data);
        Result r = openssl("dgst", "-sm3", "-binary", "data");
        assertArrayEquals(HashAlgorithm.SM3.digest(data), r.stdout);
    }

    // (d) a signed batch, checked per record with openssl and the shell script
    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void batchOfFiveVerifiesWithOpenSslAndScript(SignatureAlgorithm alg) throws Exception {
        HashAlgorithm h = alg.hashAlgorithm();
        List<byte[]> canonical = new ArrayList<>();
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String json = "{\"category\":\"ADMIN_PENALTY\",\"subject\":{\"kind\":\"ORG\",\"code\":\"91360100MA35XXXX0" + i
                    + "\",\"name\":\"南昌某某贸易有限公司\"},\"fields\":{\"CF_FK\":" + (1000.5 * i) + "},\"seq\":" + i + "}";
            byte[] c = CanonicalJson.encode(MAPPER.readTree(json));
            canonical.add(c);
            leaves.add(MerkleTree.leafHash(h, c));
        }
        MerkleTree tree = MerkleTree.build(h, leaves);
        BatchStatement statement = new BatchStatement("360100", "batch-42", 5, tree.root(), "2026-11-23T10:15:30+08:00");
        byte[] signedData = statement.canonicalBytes();
        KeyPair kp = TestKeys.generate(alg);
        byte[] signature = new Signer(alg, kp.getPrivate(), "360100#1").sign(signedData);

        // The statement's signature with plain openssl dgst.
        Files.write(dir.resolve("statement.json"), signedData);
        Files.write(dir.resolve("statement.sig"), signature);
        writePem(dir.resolve("pub.pem"), kp.getPublic());
        String md = alg == SignatureAlgorithm.SM2_SM3 ? "-sm3" : "-sha256";
        List<String> verify = new ArrayList<>(List.of("dgst", md, "-verify", "pub.pem", "-signature", "statement.sig"));
        if (alg == SignatureAlgorithm.SM2_SM3) {
            verify.addAll(List.of("-sigopt", DISTID));
        }
        verify.add("statement.json");
        check(openssl(verify.toArray(String[]::new)));

        // A leaf hash computed by openssl from the canonical bytes equals ours.
        Files.write(dir.resolve("record.bin"), canonical.get(3));
        Result leaf = run(dir, "sh", "-c", "(printf '\\000'; cat record.bin) | " + OPENSSL + " dgst "
                + md + " -binary");
        assertArrayEquals(leaves.get(3), leaf.stdout);

        // Every record verifies with the stand-alone script.
        Path script = script();
        for (int i = 0; i < 5; i++) {
            Path b = writeBundle("rec" + i, canonical.get(i), signedData, signature, kp.getPublic(),
                    proofText(i, 5, tree.inclusionProof(i)));
            Result r = run(dir, "sh", script.toString(), b.toString());
            assertEquals(0, r.exit, r.output);
            assertTrue(r.output.contains("\nOK: batch signature and inclusion of leaf " + i + " of 5"), r.output);
        }

        // And it refuses what it must refuse.
        byte[] tampered = canonical.get(2).clone();
        tampered[tampered.length - 2] ^= 1;
        assertScriptFails(writeBundle("tampered", tampered, signedData, signature, kp.getPublic(),
                proofText(2, 5, tree.inclusionProof(2))), "root mismatch");
        assertScriptFails(writeBundle("wrongIndex", canonical.get(2), signedData, signature, kp.getPublic(),
                proofText(3, 5, tree.inclusionProof(2))), "root mismatch");
        assertScriptFails(writeBundle("wrongSize", canonical.get(2), signedData, signature, kp.getPublic(),
                proofText(2, 6, tree.inclusionProof(2))), "statement says 5");
        byte[] badSig = signature.clone();
        badSig[badSig.length - 1] ^= 1;
        assertScriptFails(writeBundle("badSig", canonical.get(2), signedData, badSig, kp.getPublic(),
                proofText(2, 5, tree.inclusionProof(2))), "bad signature");
        assertScriptFails(writeBundle("otherKey", canonical.get(2), signedData, signature,
                TestKeys.generate(alg).getPublic(), proofText(2, 5, tree.inclusionProof(2))), "bad signature");
        List<byte[]> shortPath = tree.inclusionProof(2).subList(0, 2);
        assertScriptFails(writeBundle("shortPath", canonical.get(2), signedData, signature, kp.getPublic(),
                proofText(2, 5, shortPath)), "too few");
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void singleRecordSignatureWithScript(SignatureAlgorithm alg) throws Exception {
        KeyPair kp = TestKeys.generate(alg);
        byte[] canonical = CanonicalJson.encode(MAPPER.readTree("{\"b\":2,\"a\":\"信用\"}"));
        byte[] sig = new Signer(alg, kp.getPrivate(), "k").sign(canonical);
        Path ok = writeBundle("single", canonical, canonical, sig, kp.getPublic(), null);
        Result r = run(dir, "sh", script().toString(), ok.toString());
        assertEquals(0, r.exit, r.output);
        byte[] other = CanonicalJson.encode(MAPPER.readTree("{\"a\":\"信用\"}"));
        assertScriptFails(writeBundle("mismatch", other, canonical, sig, kp.getPublic(), null), "not this record");
    }

    // ---- helpers ----

    private record Result(int exit, String output, byte[] stdout) {
    }

    /** The partner-facing verification script shipped in scripts/ (surefire runs in node/). */
    static Path script() {
        return Path.of("..", "scripts", "verify-record.sh").toAbsolutePath().normalize();
    }

    private void assertScriptFails(Path bundle, String reason) throws Exception {
        Result r = run(dir, "sh", script().toString(), bundle.toString());
        assertNotEquals(0, r.exit, r.output);
        assertTrue(r.output.contains(reason), r.output);
    }

    private Path writeBundle(String name, byte[] canonical, byte[] signedData, byte[] sig, PublicKey pub,
                             String proof) throws IOException {
        Path b = Files.createDirectories(dir.resolve(name));
        Files.write(b.resolve("canonical.bin"), canonical);
        Files.write(b.resolve("signed-data.bin"), signedData);
        Files.write(b.resolve("signature.der"), sig);
        writePem(b.resolve("pub.pem"), pub);
        if (proof != null) {
            Files.writeString(b.resolve("proof.txt"), proof);
        }
        return b;
    }

    private static String proofText(long leafIndex, long treeSize, List<byte[]> path) {
        StringBuilder sb = new StringBuilder().append(leafIndex).append('\n').append(treeSize).append('\n');
        for (byte[] p : path) {
            sb.append(Base64.getEncoder().encodeToString(p)).append('\n');
        }
        return sb.toString();
    }

    private static void writePem(Path file, Object obj) throws IOException {
        try (Writer w = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(obj);
        }
    }

    private static PublicKey readPublicKey(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file); PEMParser p = new PEMParser(r)) {
            return new JcaPEMKeyConverter().setProvider(Providers.ensure())
                    .getPublicKey(SubjectPublicKeyInfo.getInstance(p.readObject()));
        }
    }

    private static PrivateKey readPrivateKey(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file); PEMParser p = new PEMParser(r)) {
            return new JcaPEMKeyConverter().setProvider(Providers.ensure())
                    .getPrivateKey(PrivateKeyInfo.getInstance(p.readObject()));
        }
    }

    private Result openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(OPENSSL);
        cmd.addAll(List.of(args));
        return run(dir, cmd.toArray(String[]::new));
    }

    private static void check(Result r) {
        assertEquals(0, r.exit, r.output);
    }

    private static Result run(Path cwd, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        // stderr is small; read it on a helper thread so a full pipe cannot block the process
        var err = new java.util.concurrent.CompletableFuture<byte[]>();
        Thread t = new Thread(() -> {
            try {
                err.complete(p.getErrorStream().readAllBytes());
            } catch (IOException e) {
                err.complete(new byte[0]);
            }
        });
        t.start();
        byte[] out = p.getInputStream().readAllBytes();
        int exit = p.waitFor();
        String text = new String(out, StandardCharsets.UTF_8) + new String(err.get(), StandardCharsets.UTF_8);
        return new Result(exit, String.join(" ", cmd) + " -> " + exit + "\n" + text, out);
    }
}
