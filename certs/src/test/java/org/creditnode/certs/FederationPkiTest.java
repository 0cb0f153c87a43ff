package org.creditnode.certs;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FederationPkiTest {
    static final char[] PW = "changeit".toCharArray();
    static final List<String> NODES = List.of("100000", "360000", "360400", "360404", "320000", "310000");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void createsFederationWithChainsToTheRightIssuers(KeyAlgorithm alg) throws Exception {
        new FederationPki(dir, alg, PW).createFederation(NODES);

        for (String f : List.of("signing-trust.pem", "tls-trust.pem", "ca/signing-root.p12", "ca/signing-root.pem",
                "ca/tls-root.p12", "ca/signing-360000.p12", "ca/signing-360000.pem", "ca/tls-320000.pem",
                "nodes/360404/signing.p12", "nodes/360404/signing.pem", "nodes/360404/signing-chain.pem",
                "nodes/360404/signing-pub.pem", "nodes/360404/tls.p12", "nodes/360404/tls.pem",
                "nodes/360404/tls-chain.pem")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        assertFalse(Files.exists(dir.resolve("ca/signing-100000.p12")), "national node is issued by the root");

        List<X509Certificate> signingAnchors = Pem.readCertificates(dir.resolve("signing-trust.pem"));
        List<X509Certificate> tlsAnchors = Pem.readCertificates(dir.resolve("tls-trust.pem"));

        NodeIdentity sig = NodeIdentity.load(dir.resolve("nodes/360404/signing.p12"), PW, "signing");
        assertEquals("360404", sig.nodeId());
        assertEquals(alg, sig.algorithm());
        assertEquals(16, sig.keyId().length());
        assertEquals(List.of("CN=360404,OU=signing,O=credit-node",
                        "CN=credit-node province 360000 (signing),O=credit-node",
                        "CN=credit-node national root (signing),O=credit-node"),
                sig.chain().stream().map(c -> c.getSubjectX500Principal().getName()).toList());
        assertSignedInOrder(sig.chain());
        assertEquals(signingAnchors.get(0), sig.chain().get(2));
        assertTrue(TrustCheck.chainsTo(sig.chain(), signingAnchors));
        assertEquals(-1, sig.certificate().getBasicConstraints());
        assertEquals(0, sig.chain().get(1).getBasicConstraints());
        boolean[] ku = sig.certificate().getKeyUsage();
        assertTrue(ku[0] && ku[1], "digitalSignature + nonRepudiation");
        assertEquals(Pem.encode(sig.certificate()) + Pem.encode(sig.chain().get(1)),
                Files.readString(dir.resolve("nodes/360404/signing-chain.pem")));

        NodeIdentity tls = NodeIdentity.load(dir.resolve("nodes/360404/tls.p12"), PW, "tls");
        assertEquals(KeyAlgorithm.EC_P256, tls.algorithm(), "TLS is always P-256");
        assertEquals("SHA256WITHECDSA", tls.certificate().getSigAlgName().toUpperCase());
        assertEquals("CN=360404,OU=tls,O=credit-node", tls.certificate().getSubjectX500Principal().getName());
        assertSignedInOrder(tls.chain());
        assertTrue(tls.certificate().getExtendedKeyUsage().containsAll(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2")));
        assertEquals("[[2, localhost], [7, 127.0.0.1]]", tls.certificate().getSubjectAlternativeNames().toString());
        assertTrue(TrustCheck.chainsTo(tls.chain(), tlsAnchors));
        assertNotEquals(sig.keyId(), tls.keyId(), "separate key pairs");

        // the two PKIs do not vouch for each other
        assertNotNull(TrustCheck.problem(tls.chain(), signingAnchors));
        assertFalse(TrustCheck.chainsTo(sig.chain(), tlsAnchors));

        NodeIdentity national = NodeIdentity.load(dir.resolve("nodes/100000/signing.p12"), PW, "signing");
        assertEquals(2, national.chain().size());
        assertEquals(signingAnchors.get(0), national.chain().get(1));
        assertTrue(TrustCheck.chainsTo(national.chain(), signingAnchors));
    }

    @Test
    void rerunningNeverOverwritesKeysAndReusesTheIntermediate() throws Exception {
        new FederationPki(dir, KeyAlgorithm.SM2, PW).createFederation(NODES);
        byte[] nodeP12 = Files.readAllBytes(dir.resolve("nodes/360404/signing.p12"));
        byte[] caP12 = Files.readAllBytes(dir.resolve("ca/signing-360000.p12"));
        String keyId = NodeIdentity.load(dir.resolve("nodes/360404/signing.p12"), PW, "signing").keyId();

        FederationPki again = new FederationPki(dir, KeyAlgorithm.SM2, PW); // fresh instance: loads CAs from disk
        again.createFederation(NODES);
        NodeKeyFiles f = again.issueNode("360405");

        assertArrayEquals(nodeP12, Files.readAllBytes(dir.resolve("nodes/360404/signing.p12")));
        assertArrayEquals(caP12, Files.readAllBytes(dir.resolve("ca/signing-360000.p12")));
        assertEquals(keyId, NodeIdentity.load(dir.resolve("nodes/360404/signing.p12"), PW, "signing").keyId());
        NodeIdentity added = NodeIdentity.load(f.signingKeystore(), PW, "signing");
        assertEquals(Pem.readCertificates(dir.resolve("ca/signing-360000.pem")).get(0), added.chain().get(1));
        assertTrue(TrustCheck.chainsTo(added.chain(), Pem.readCertificates(f.signingTrust())));
    }

    @Test
    void selfContainedIsIdempotentAndRefusesAnotherAlgorithm() throws Exception {
        NodeKeyFiles a = FederationPki.ensureSelfContained(dir, "360404", KeyAlgorithm.SM2, PW);
        byte[] before = Files.readAllBytes(a.tlsKeystore());
        NodeKeyFiles b = FederationPki.ensureSelfContained(dir, "360404", KeyAlgorithm.SM2, PW);
        assertEquals(a, b);
        assertArrayEquals(before, Files.readAllBytes(b.tlsKeystore()));
        assertEquals(dir.resolve("nodes/360404/signing.p12"), a.signingKeystore());
        assertEquals(dir.resolve("tls-trust.pem"), a.tlsTrust());
        assertEquals(KeyAlgorithm.SM2, FederationPki.detectSigningAlgorithm(dir));
        assertThrows(IllegalStateException.class, () -> new FederationPki(dir, KeyAlgorithm.EC_P256, PW));
    }

    @Test
    void rejectsBadNodeIds() {
        FederationPki pki = new FederationPki(dir, KeyAlgorithm.EC_P256, PW);
        for (String bad : new String[] {"36040", "3604041", "36040x", "100001", ""}) {
            assertThrows(IllegalArgumentException.class, () -> pki.issueNode(bad), bad);
        }
        assertEquals("360000", FederationPki.provinceOf("360404"));
    }

    @Test
    void wrongPasswordIsAClearError() {
        NodeKeyFiles f = FederationPki.ensureSelfContained(dir, "100000", KeyAlgorithm.SM2, PW);
        var e = assertThrows(IllegalArgumentException.class,
                () -> NodeIdentity.load(f.signingKeystore(), "wrong".toCharArray(), "signing"));
        assertTrue(e.getMessage().contains("signing.p12"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void signAndVerifyWithNodeKey(KeyAlgorithm alg) throws Exception {
        NodeIdentity id = NodeIdentity.load(
                FederationPki.ensureSelfContained(dir, "360404", alg, PW).signingKeystore(), PW, "signing");
        byte[] data = "record".getBytes(StandardCharsets.UTF_8);
        byte[] s = Crypto.sign(id.privateKey(), data);
        assertTrue(Crypto.verify(id.certificate().getPublicKey(), data, s));
        assertFalse(Crypto.verify(id.certificate().getPublicKey(), "other".getBytes(StandardCharsets.UTF_8), s));
    }

    @Test
    void parsesAlgorithmNames() {
        assertEquals(KeyAlgorithm.SM2, KeyAlgorithm.parse("sm2"));
        assertEquals(KeyAlgorithm.EC_P256, KeyAlgorithm.parse(" ec-p256 "));
        assertThrows(IllegalArgumentException.class, () -> KeyAlgorithm.parse("RSA"));
    }

    /** Each certificate is signed by the next one's key; the last one is self-signed. */
    static void assertSignedInOrder(List<X509Certificate> chain) throws Exception {
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate issuer = chain.get(Math.min(i + 1, chain.size() - 1));
            chain.get(i).verify(issuer.getPublicKey(), "BC");
            assertEquals(issuer.getSubjectX500Principal(), chain.get(i).getIssuerX500Principal());
        }
    }
}
