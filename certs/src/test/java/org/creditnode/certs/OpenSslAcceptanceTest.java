package org.creditnode.certs;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What OpenSSL 3.0.19 says about our files. Findings for SM2 (checked by the tests below):
 * <ul>
 * <li>We sign SM2 certificates with the GM/T 0009 ID "1234567812345678". OpenSSL 3.0 verifies an
 * SM2 certificate signature with an EMPTY ID unless the certificate has a distinguishing ID set,
 * so plain {@code openssl verify} fails ("certificate signature failure").</li>
 * <li>{@code openssl verify -vfyopt distid:1234567812345678} sets the ID on the TARGET certificate
 * only, not on -untrusted/-CAfile certificates. So: leaf issued by the root (node 100000) verifies;
 * a 3-level chain root→intermediate→leaf fails at depth 1 (the intermediate's signature is checked
 * with the empty ID). No single openssl verify invocation verifies a 3-level SM2 chain.</li>
 * <li>What works is one link per call, each really verified:
 * {@code openssl verify -vfyopt distid:1234567812345678 -CAfile signing-trust.pem ca/signing-360000.pem}
 * and {@code openssl verify -vfyopt distid:1234567812345678 -partial_chain -CAfile ca/signing-360000.pem nodes/360404/signing.pem}.</li>
 * <li>The root's self-signature is not checked by default; with -check_ss_sig it fails (empty ID
 * again, openssl issues 23471/32744). Checked instead with {@code openssl dgst -sm3 -sigopt distid:...}
 * over the root's TBSCertificate.</li>
 * <li>P-256 (TLS PKI, and the signing PKI with EC_P256) verifies in one call, with -check_ss_sig too.</li>
 * </ul>
 */
class OpenSslAcceptanceTest {
    static final char[] PW = "changeit".toCharArray();
    static final String DISTID = "distid:" + Crypto.SM2_USER_ID;

    @TempDir
    Path dir;

    private void federation(KeyAlgorithm alg) {
        new FederationPki(dir, alg, PW).createFederation(List.of("100000", "360000", "360404"));
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void opensslParsesEveryCertificate(KeyAlgorithm alg) {
        federation(alg);
        for (String h : List.of("signing", "tls")) {
            String expectedSig = h.equals("signing") && alg == KeyAlgorithm.SM2 ? "SM2-with-SM3" : "ecdsa-with-SHA256";
            for (String f : List.of(h + "-trust.pem", "ca/" + h + "-root.pem", "ca/" + h + "-360000.pem",
                    "nodes/360404/" + h + ".pem", "nodes/100000/" + h + ".pem")) {
                OpenSsl.Result r = OpenSsl.run(dir, "x509", "-in", f, "-noout", "-text");
                assertTrue(r.ok(), f + ": " + r.output());
                assertTrue(r.output().contains("Signature Algorithm: " + expectedSig), f + ": " + r.output());
            }
        }
        OpenSsl.Result tls = OpenSsl.run(dir, "x509", "-in", "nodes/360404/tls.pem", "-noout", "-text");
        assertTrue(tls.output().contains("TLS Web Server Authentication, TLS Web Client Authentication"), tls.output());
        assertTrue(tls.output().contains("DNS:localhost, IP Address:127.0.0.1"), tls.output());
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void tlsChainsVerifyInOneCall(KeyAlgorithm alg) {
        federation(alg);
        assertVerifyOk("-check_ss_sig", "-CAfile", "tls-trust.pem", "-untrusted", "ca/tls-360000.pem", "nodes/360404/tls.pem");
        assertVerifyOk("-check_ss_sig", "-CAfile", "tls-trust.pem", "nodes/100000/tls.pem");
    }

    @Test
    void p256SigningChainsVerifyInOneCall() {
        federation(KeyAlgorithm.EC_P256);
        assertVerifyOk("-check_ss_sig", "-CAfile", "signing-trust.pem", "-untrusted", "ca/signing-360000.pem",
                "nodes/360404/signing.pem");
        assertVerifyOk("-CAfile", "signing-trust.pem", "-untrusted", "nodes/360404/signing-chain.pem", "nodes/360404/signing.pem");
    }

    @Test
    void sm2SigningChainVerifiesLinkByLinkWithDistid() throws Exception {
        federation(KeyAlgorithm.SM2);
        // root -> intermediate, intermediate -> leaf, root -> national leaf: each verifies with the distid
        assertVerifyOk("-vfyopt", DISTID, "-CAfile", "signing-trust.pem", "ca/signing-360000.pem");
        assertVerifyOk("-vfyopt", DISTID, "-partial_chain", "-CAfile", "ca/signing-360000.pem", "nodes/360404/signing.pem");
        assertVerifyOk("-vfyopt", DISTID, "-CAfile", "signing-trust.pem", "nodes/100000/signing.pem");

        // the root's self-signature, checked by openssl dgst over the TBSCertificate with the ID
        X509Certificate root = Pem.readCertificates(dir.resolve("signing-trust.pem")).get(0);
        Files.write(dir.resolve("root.tbs"), root.getTBSCertificate());
        Files.write(dir.resolve("root.sig"), root.getSignature());
        Files.writeString(dir.resolve("root-pub.pem"), Pem.encodePublicKey(root.getPublicKey()));
        OpenSsl.Result ss = OpenSsl.run(dir, "dgst", "-sm3", "-verify", "root-pub.pem", "-sigopt", DISTID,
                "-signature", "root.sig", "root.tbs");
        assertTrue(ss.ok() && ss.output().contains("Verified OK"), ss.output());
    }

    /**
     * Records OpenSSL 3.0's limits so that nobody "fixes" our certificates for them. If one of these
     * starts to pass after an OpenSSL upgrade, the one-call chain verification works and the
     * link-by-link recipe can go.
     */
    @Test
    void sm2LimitsOfOpenssl30() {
        federation(KeyAlgorithm.SM2);
        OpenSsl.Result noId = OpenSsl.run(dir, "verify", "-CAfile", "signing-trust.pem", "nodes/100000/signing.pem");
        assertFalse(noId.ok(), "without distid OpenSSL 3.0 uses an empty SM2 ID: " + noId.output());
        assertTrue(noId.output().contains("certificate signature failure"), noId.output());

        OpenSsl.Result chain = OpenSsl.run(dir, "verify", "-vfyopt", DISTID, "-CAfile", "signing-trust.pem",
                "-untrusted", "ca/signing-360000.pem", "nodes/360404/signing.pem");
        assertFalse(chain.ok(), chain.output());
        assertTrue(chain.output().contains("error 7 at 1 depth lookup: certificate signature failure"),
                "distid reaches the target only, not the intermediate: " + chain.output());

        OpenSsl.Result ss = OpenSsl.run(dir, "verify", "-vfyopt", DISTID, "-check_ss_sig", "-CAfile",
                "signing-trust.pem", "signing-trust.pem");
        assertFalse(ss.ok(), "self-signed SM2 root with -check_ss_sig (openssl #23471/#32744): " + ss.output());
    }

    @Test
    void sm2SignatureByNodeKeyVerifiesWithOpensslDgst() throws Exception {
        federation(KeyAlgorithm.SM2);
        NodeIdentity id = NodeIdentity.load(dir.resolve("nodes/360404/signing.p12"), PW, "signing");
        byte[] data = "{\"id\":\"91360400MA35XXXX1X\",\"type\":\"xzcf\"}".getBytes(StandardCharsets.UTF_8);
        // exactly the call named in the brief: JCA SM3withSM2 with the ID set explicitly
        var s = java.security.Signature.getInstance("SM3withSM2", "BC");
        s.setParameter(new org.bouncycastle.jcajce.spec.SM2ParameterSpec(Crypto.SM2_USER_ID.getBytes(StandardCharsets.US_ASCII)));
        s.initSign(id.privateKey());
        s.update(data);
        Files.write(dir.resolve("sig.der"), s.sign());
        Files.write(dir.resolve("data"), data);
        String pub = "nodes/360404/signing-pub.pem";

        OpenSsl.Result ok = OpenSsl.run(dir, "dgst", "-sm3", "-verify", pub, "-sigopt", DISTID, "-signature", "sig.der", "data");
        assertTrue(ok.ok() && ok.output().contains("Verified OK"), ok.output());
        OpenSsl.Result noId = OpenSsl.run(dir, "dgst", "-sm3", "-verify", pub, "-signature", "sig.der", "data");
        assertFalse(noId.ok(), "OpenSSL's default (empty) ID must not verify: " + noId.output());

        // and the other way round: OpenSSL signs with the node key, Crypto.verify accepts
        Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(id.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        OpenSsl.Result sign = OpenSsl.run(dir, "dgst", "-sm3", "-sign", "key.pem", "-sigopt", DISTID, "-out", "sig2.der", "data");
        assertTrue(sign.ok(), sign.output());
        assertTrue(Crypto.verify(id.certificate().getPublicKey(), data, Files.readAllBytes(dir.resolve("sig2.der"))));
    }

    @Test
    void p256SignatureByNodeKeyVerifiesWithOpensslDgst() throws Exception {
        federation(KeyAlgorithm.EC_P256);
        NodeIdentity id = NodeIdentity.load(dir.resolve("nodes/360404/signing.p12"), PW, "signing");
        byte[] data = "data".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("sig.der"), Crypto.sign(id.privateKey(), data));
        Files.write(dir.resolve("data"), data);
        OpenSsl.Result r = OpenSsl.run(dir, "dgst", "-sha256", "-verify", "nodes/360404/signing-pub.pem",
                "-signature", "sig.der", "data");
        assertTrue(r.ok() && r.output().contains("Verified OK"), r.output());
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void opensslReadsThePkcs12WithoutLegacy(KeyAlgorithm alg) {
        federation(alg);
        for (String f : List.of("nodes/360404/signing.p12", "nodes/360404/tls.p12", "ca/signing-root.p12")) {
            OpenSsl.Result r = OpenSsl.run(dir, "pkcs12", "-in", f, "-info", "-nodes", "-passin", "pass:changeit");
            assertTrue(r.ok(), f + ": " + r.output());
            assertTrue(r.output().contains("PBES2, PBKDF2, AES-256-CBC"), r.output());
            assertTrue(r.output().contains("BEGIN PRIVATE KEY"), r.output());
        }
        OpenSsl.Result r = OpenSsl.run(dir, "pkcs12", "-in", "nodes/360404/tls.p12", "-nokeys", "-passin", "pass:changeit");
        assertEquals(3, r.output().split("BEGIN CERTIFICATE", -1).length - 1, "leaf + intermediate + root");
    }

    /** The JDK's own PKCS12 opens the P-256 files (for JSSE), but not SM2 ones: hence Keystores.load uses BC. */
    @Test
    void jdkKeystoreOpensTlsFilesButNotSm2() throws Exception {
        federation(KeyAlgorithm.SM2);
        Crypto.ensureProvider();
        KeyStore jdk = KeyStore.getInstance("PKCS12"); // BC is appended, so this is the JDK's
        assertNotEquals("BC", jdk.getProvider().getName());
        try (var in = Files.newInputStream(dir.resolve("nodes/360404/tls.p12"))) {
            jdk.load(in, PW);
        }
        assertEquals(3, jdk.getCertificateChain("tls").length);
        assertNotNull(jdk.getKey("tls", PW));

        KeyStore jdk2 = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(dir.resolve("nodes/360404/signing.p12"))) {
            Exception e = assertThrows(Exception.class, () -> jdk2.load(in, PW));
            assertTrue(String.valueOf(e.getCause()).contains("1.2.156.10197.1.301"), String.valueOf(e.getCause()));
        }
    }

    private void assertVerifyOk(String... args) {
        String[] a = new String[args.length + 1];
        a[0] = "verify";
        System.arraycopy(args, 0, a, 1, args.length);
        OpenSsl.Result r = OpenSsl.run(dir, a);
        String target = args[args.length - 1];
        assertTrue(r.ok() && r.output().contains(target + ": OK"), String.join(" ", a) + "\n" + r.output());
    }
}
