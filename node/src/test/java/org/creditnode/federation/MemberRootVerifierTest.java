package org.creditnode.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.creditnode.certs.FederationPki;
import org.creditnode.certs.KeyAlgorithm;
import org.creditnode.certs.Pem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A root an alliance names for a member outside the national PKI (Hong Kong, 810000) vouches for
 * that member's own records and receipts only: not for a record claiming another origin, not for
 * a node whose alliances do not name it, and not by way of the chain cache.
 */
class MemberRootVerifierTest {
    static final String HK = "810000";
    static final String JX = "360000";

    @TempDir
    static Path dir;
    static List<X509Certificate> national;
    static List<X509Certificate> hkRoots;
    static TestOrigin hongKong;
    static TestOrigin hkImpostorOfJiangxi;

    @BeforeAll
    static void pki() {
        FederationPki nat = new FederationPki(dir.resolve("national"), KeyAlgorithm.SM2, TestOrigin.PW);
        nat.createFederation(List.of(JX));
        national = Pem.readCertificates(dir.resolve("national/signing-trust.pem"));
        Path hk = dir.resolve("hk");
        FederationPki.createForeign(hk, HK, KeyAlgorithm.SM2, TestOrigin.PW, dir.resolve("national"));
        new FederationPki(hk, KeyAlgorithm.SM2, TestOrigin.PW).issueNode(JX); // Hong Kong's root issuing a "360000"
        hkRoots = Pem.readCertificates(hk.resolve("roots.pem"));
        hongKong = new TestOrigin(hk, HK);
        hkImpostorOfJiangxi = new TestOrigin(hk, JX);
    }

    @Test
    void aMembersOwnRecordsVerifyUnderTheRootItsAllianceNames() {
        RecordVerifier inAlliance = new RecordVerifier(national, Map.of(HK, hkRoots));
        for (FederatedRecord r : hongKong.sealBatch(HK, 1, 5)) {
            Verdict v = inAlliance.verify(r, hongKong.chain());
            assertTrue(v.isOk(), v.toString());
        }
        assertEquals(national.size() + hkRoots.size(), inAlliance.anchorsFor(HK).size());
        assertEquals(national, inAlliance.anchorsFor(JX));
    }

    @Test
    void aNodeWhoseAlliancesDoNotNameTheRootRefusesThem() {
        RecordVerifier outside = new RecordVerifier(national);
        Verdict v = outside.verify(hongKong.sealAlone(HK, 1, 1).get(0), hongKong.chain());
        assertEquals(Refusal.UNTRUSTED_CERT, v.code(), v.toString());
    }

    @Test
    void theMembersRootCannotVouchForAnotherOriginEvenAfterItsLeafWasTrusted() {
        RecordVerifier inAlliance = new RecordVerifier(national, Map.of(HK, hkRoots));
        // a leaf of Hong Kong's root naming 360000, signing a record of origin 360000: refused
        Verdict forJiangxi = inAlliance.verify(hkImpostorOfJiangxi.sealAlone(JX, 1, 1).get(0), hkImpostorOfJiangxi.chain());
        assertEquals(Refusal.UNTRUSTED_CERT, forJiangxi.code(), forJiangxi.toString());
        // the same leaf on a record claiming origin 810000: refused as not the origin's key...
        Verdict asHongKong = inAlliance.verify(hkImpostorOfJiangxi.sealAlone(HK, 2, 1).get(0), hkImpostorOfJiangxi.chain());
        assertTrue(asHongKong.code() == Refusal.UNTRUSTED_CERT || asHongKong.code() == Refusal.NOT_ORIGIN, asHongKong.toString());
        // ...and nothing about it was remembered that would let it pass for 360000 afterwards
        Verdict again = inAlliance.verify(hkImpostorOfJiangxi.sealAlone(JX, 3, 1).get(0), hkImpostorOfJiangxi.chain());
        assertEquals(Refusal.UNTRUSTED_CERT, again.code(), again.toString());
    }

    @Test
    void receiptsFromTheMemberVerifyUnderItsRootAndNoOneElses() {
        RecordVerifier inAlliance = new RecordVerifier(national, Map.of(HK, hkRoots));
        ReceiptCheck check = new ReceiptCheck(inAlliance::anchorsFor);
        Receipt fromHk = hongKong.receipt(HK);
        assertTrue(check.problem(fromHk, HK).isEmpty(), () -> check.problem(fromHk, HK).get());
        Receipt impostor = hkImpostorOfJiangxi.receipt(JX);
        assertTrue(check.problem(impostor, JX).orElse("").contains("not trusted"), check.problem(impostor, JX).toString());
    }
}
