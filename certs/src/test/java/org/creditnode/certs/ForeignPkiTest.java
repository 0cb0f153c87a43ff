package org.creditnode.certs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hong Kong's own PKI: its certificates do not chain to the national root; its node trusts both. */
class ForeignPkiTest {
    private static final char[] PW = "changeit".toCharArray();

    @TempDir
    Path dir;

    @Test
    void aForeignRootIsItsOwn() {
        Path national = dir.resolve("national");
        new FederationPki(national, KeyAlgorithm.SM2, PW).issueNode("360000");
        NodeKeyFiles hk = FederationPki.createForeign(dir.resolve("hk"), "810000", KeyAlgorithm.SM2, PW, national);
        List<X509Certificate> hkChain = NodeIdentity.load(hk.signingKeystore(), PW, "signing").chain();
        List<X509Certificate> nationalRoots = Pem.readCertificates(national.resolve("signing-trust.pem"));
        List<X509Certificate> roots = Pem.readCertificates(dir.resolve("hk/roots.pem"));

        assertFalse(TrustCheck.chainsTo(hkChain, nationalRoots), "Hong Kong does not chain to the national root");
        assertTrue(TrustCheck.chainsTo(hkChain, roots), "roots.pem is what an alliance names as its trust anchor");
        assertEquals(2, roots.size(), "signing and TLS roots");
        assertTrue(roots.get(0).getSubjectX500Principal().getName().contains("foreign root 810000"));
        assertEquals(2, Pem.readCertificates(hk.signingTrust()).size(), "its own root and the national one");
        assertTrue(Files.exists(hk.tlsKeystore()));
    }
}
