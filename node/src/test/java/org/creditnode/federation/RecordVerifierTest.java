package org.creditnode.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.creditnode.certs.FederationPki;
import org.creditnode.certs.KeyAlgorithm;
import org.creditnode.certs.Pem;
import org.creditnode.sign.InclusionChecker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RecordVerifierTest {
    static final String COUNTY = "360404";
    static final String CITY = "360400";

    /** Key generation dominates the run time, so the federations are shared; verifiers are not. */
    @TempDir
    static Path dir;
    private static final Map<KeyAlgorithm, FederationPki> FEDERATIONS = new java.util.EnumMap<>(KeyAlgorithm.class);
    private static final Map<KeyAlgorithm, FederationPki> FOREIGN = new java.util.EnumMap<>(KeyAlgorithm.class);

    private FederationPki pki;
    private RecordVerifier verifier;
    private TestOrigin county;

    private void federation(KeyAlgorithm alg) {
        pki = FEDERATIONS.computeIfAbsent(alg, a -> create("fed-" + a, a, List.of(COUNTY, CITY)));
        verifier = new RecordVerifier(Pem.readCertificates(pki.dir().resolve("signing-trust.pem")));
        county = new TestOrigin(pki.dir(), COUNTY);
    }

    private static FederationPki create(String name, KeyAlgorithm alg, List<String> nodes) {
        FederationPki f = new FederationPki(dir.resolve(name), alg, TestOrigin.PW);
        f.createFederation(nodes);
        return f;
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void goodRecordsPassInBothModes(KeyAlgorithm alg) {
        federation(alg);
        for (FederatedRecord r : county.sealAlone(COUNTY, 1, 3)) {
            assertTrue(verifier.verify(r, county.chain()).isOk());
        }
        for (FederatedRecord r : county.sealBatch(COUNTY, 4, 7)) { // 7: an unbalanced tree
            assertTrue(verifier.verify(r, county.chain()).isOk());
        }
    }

    @Test
    void compactDeliveryCarriesEachSealOnceAndTrimmedPathsThatTheReceiverCompletes() throws Exception {
        federation(KeyAlgorithm.SM2);
        List<FederatedRecord> full = county.sealBatch(COUNTY, 1, 300);
        // as DeliveryBuilder sends them: the seal by batch id, each path cut where an earlier record took the receiver
        InclusionChecker.Trimmer trimmer = new InclusionChecker.Trimmer(full.get(0).batch().treeSize());
        List<FederatedRecord> compact = new ArrayList<>();
        int sent = 0;
        for (FederatedRecord r : full) {
            List<String> proof = r.proof().subList(0, trimmer.keep(r.leafIndex(), r.proof().size()));
            sent += proof.size();
            compact.add(new FederatedRecord(r.canonical(), r.hash(), r.sigAlg(), r.keyId(), null, null, r.leafIndex(), proof,
                    r.batch().batchId()));
        }
        assertTrue(sent < full.size() * 2, "path elements sent: " + sent);
        Delivery sent1 = new Delivery(COUNTY, compact, Map.of(county.signer.keyId(), Delivery.pemChain(county.chain())),
                Map.of(full.get(0).batch().batchId(), full.get(0).batch()));
        ObjectMapper json = new ObjectMapper();
        Delivery received = json.readValue(json.writeValueAsString(sent1), Delivery.class).inlined();
        List<Verdict> verdicts = verifier.verifyAll(received);
        for (int i = 0; i < full.size(); i++) {
            assertTrue(verdicts.get(i).isOk(), verdicts.get(i).toString());
            assertEquals(full.get(i).proof(), verdicts.get(i).proof(), "completed path of record " + i);
        }
        // a record whose seal is missing from the delivery is malformed, and says so
        Delivery noSeals = new Delivery(COUNTY, compact.subList(0, 1), sent1.certificates(), Map.of()).inlined();
        Verdict v = verifier.verifyAll(noSeals).get(0);
        assertEquals(Refusal.MALFORMED, v.code());
        assertTrue(v.message().contains("not in the delivery"), v.message());
        // out of order, a trimmed path has nothing to stand on: refused, not trusted
        List<FederatedRecord> reversed = new ArrayList<>(compact);
        java.util.Collections.reverse(reversed);
        Delivery backwards = new Delivery(COUNTY, reversed, sent1.certificates(), sent1.batches()).inlined();
        assertEquals(Refusal.BAD_PROOF, verifier.verifyAll(backwards).get(0).code());
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void deliveryRoundTripsThroughJson(KeyAlgorithm alg) throws Exception {
        federation(alg);
        List<FederatedRecord> records = new ArrayList<>(county.sealAlone(COUNTY, 1, 2));
        records.addAll(county.sealBatch(COUNTY, 3, 5));
        Delivery sent = new Delivery(COUNTY, records, Map.of(county.signer.keyId(), Delivery.pemChain(county.chain())));
        ObjectMapper json = new ObjectMapper();
        Delivery received = json.readValue(json.writeValueAsString(sent), Delivery.class);
        assertEquals(sent, received);
        assertTrue(verifier.verifyAll(received).stream().allMatch(Verdict::isOk));
        assertEquals(Refusal.UNTRUSTED_CERT, verifier.verifyAll(new Delivery(COUNTY, records, Map.of())).get(0).code());
        assertEquals(Refusal.UNTRUSTED_CERT,
                verifier.verifyAll(new Delivery(COUNTY, records, Map.of(county.signer.keyId(), List.of("junk")))).get(0).code());
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void tamperedCanonicalIsRefused(KeyAlgorithm alg) {
        federation(alg);
        FederatedRecord alone = county.sealAlone(COUNTY, 1, 1).get(0);
        FederatedRecord batched = county.sealBatch(COUNTY, 1, 4).get(2);

        assertEquals(Refusal.BAD_HASH, verifier.verify(tamper(alone, false), county.chain()).code());
        assertEquals(Refusal.BAD_HASH, verifier.verify(tamper(batched, false), county.chain()).code());
        // with a hash that matches the tampered text, the signature (or the proof) must catch it
        assertEquals(Refusal.BAD_SIGNATURE, verifier.verify(tamper(alone, true), county.chain()).code());
        assertEquals(Refusal.BAD_PROOF, verifier.verify(tamper(batched, true), county.chain()).code());
        // non-canonical text (same content, other spacing) is not what was signed
        FederatedRecord spaced = withCanonical(alone, alone.canonical().replace(",", ", "), true);
        assertEquals(Refusal.MALFORMED, verifier.verify(spaced, county.chain()).code());
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void onlyTheOriginMaySign(KeyAlgorithm alg) {
        federation(alg);
        TestOrigin city = new TestOrigin(pki.dir(), CITY);
        FederatedRecord alone = city.sealAlone(COUNTY, 5, 1).get(0); // city re-signs a county record
        Verdict v = verifier.verify(alone, city.chain());
        assertEquals(Refusal.NOT_ORIGIN, v.code(), v.message());
        assertEquals(Refusal.NOT_ORIGIN, verifier.verify(city.sealBatch(COUNTY, 5, 3).get(1), city.chain()).code());
        // claiming the county's certificate does not help: the city's signature does not verify under it
        FederatedRecord claimed = new FederatedRecord(alone.canonical(), alone.hash(), alone.sigAlg(), county.signer.keyId(),
                alone.signature(), null, null, null);
        assertEquals(Refusal.BAD_SIGNATURE, verifier.verify(claimed, county.chain()).code());
        // a keyId that is not the certificate's key
        assertEquals(Refusal.KEY_MISMATCH, verifier.verify(alone, county.chain()).code());
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void certificateOfAnotherFederationIsUntrusted(KeyAlgorithm alg) {
        federation(alg);
        FederationPki other = FOREIGN.computeIfAbsent(alg, a -> create("other-" + a, a, List.of(COUNTY)));
        TestOrigin impostor = new TestOrigin(other.dir(), COUNTY);
        assertEquals(Refusal.UNTRUSTED_CERT, verifier.verify(impostor.sealAlone(COUNTY, 1, 1).get(0), impostor.chain()).code());
        assertEquals(Refusal.UNTRUSTED_CERT, verifier.verify(impostor.sealBatch(COUNTY, 1, 2).get(0), impostor.chain()).code());
        // a TLS certificate of the right federation is no signing certificate
        List<java.security.cert.X509Certificate> tls = org.creditnode.certs.NodeIdentity.load(
                pki.nodeDir(COUNTY).resolve("tls.p12"), TestOrigin.PW, "tls").chain();
        assertEquals(Refusal.UNTRUSTED_CERT, verifier.verify(county.sealAlone(COUNTY, 1, 1).get(0), tls).code());
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void wrongProofIsRefused(KeyAlgorithm alg) {
        federation(alg);
        List<FederatedRecord> batch = county.sealBatch(COUNTY, 1, 8);
        FederatedRecord r = batch.get(3);
        FederatedRecord otherPath = new FederatedRecord(r.canonical(), r.hash(), r.sigAlg(), r.keyId(), null, r.batch(),
                r.leafIndex(), batch.get(4).proof());
        assertEquals(Refusal.BAD_PROOF, verifier.verify(otherPath, county.chain()).code());
        FederatedRecord otherIndex = new FederatedRecord(r.canonical(), r.hash(), r.sigAlg(), r.keyId(), null, r.batch(),
                5L, r.proof());
        assertEquals(Refusal.BAD_PROOF, verifier.verify(otherIndex, county.chain()).code());
        FederatedRecord shortPath = new FederatedRecord(r.canonical(), r.hash(), r.sigAlg(), r.keyId(), null, r.batch(),
                r.leafIndex(), r.proof().subList(0, 2));
        assertEquals(Refusal.BAD_PROOF, verifier.verify(shortPath, county.chain()).code());
        // a forged root under the real batch signature is a bad signature, cache or not
        BatchSeal s = r.batch();
        BatchSeal forged = new BatchSeal(s.batchId(), s.treeSize(), Base64.getEncoder().encodeToString(new byte[32]),
                s.signedAt(), s.signature());
        FederatedRecord forgedRoot = new FederatedRecord(r.canonical(), r.hash(), r.sigAlg(), r.keyId(), null, forged,
                r.leafIndex(), r.proof());
        assertTrue(verifier.verify(r, county.chain()).isOk());
        assertEquals(Refusal.BAD_SIGNATURE, verifier.verify(forgedRoot, county.chain()).code());
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void malformedRecordsAreRefused(KeyAlgorithm alg) {
        federation(alg);
        FederatedRecord r = county.sealAlone(COUNTY, 1, 1).get(0);
        assertEquals(Refusal.MALFORMED, verifier.verify(withCanonical(r, "not json", true), county.chain()).code());
        assertEquals(Refusal.MALFORMED, verifier.verify(withCanonical(r, "{\"id\":\"360404-1\"}", true), county.chain()).code());
        FederatedRecord unknownAlg = new FederatedRecord(r.canonical(), r.hash(), "RSA", r.keyId(), r.signature(), null, null, null);
        assertEquals(Refusal.MALFORMED, verifier.verify(unknownAlg, county.chain()).code());
        FederatedRecord noSignature = new FederatedRecord(r.canonical(), r.hash(), r.sigAlg(), r.keyId(), null, null, null, null);
        assertEquals(Refusal.MALFORMED, verifier.verify(noSignature, county.chain()).code());
        assertEquals(Refusal.MALFORMED, verifier.verify(null, county.chain()).code());
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void thousandRecordsOfOneBatchCostOneSignatureCheck(KeyAlgorithm alg) throws Exception {
        federation(alg);
        List<FederatedRecord> batch = county.sealBatch(COUNTY, 1, 1000);
        long before = verifier.signatureVerifications();
        ExecutorService pool = Executors.newFixedThreadPool(4); // concurrent callers share the one check
        try {
            List<Future<Verdict>> verdicts = new ArrayList<>();
            for (FederatedRecord r : batch) {
                verdicts.add(pool.submit(() -> verifier.verify(r, county.chain())));
            }
            for (Future<Verdict> v : verdicts) {
                assertTrue(v.get().isOk(), v.get().toString());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, verifier.signatureVerifications() - before);
    }

    /** Changes the subject name; {@code fixHash} recomputes the hash to get past the hash check. */
    private static FederatedRecord tamper(FederatedRecord r, boolean fixHash) {
        return withCanonical(r, r.canonical().replace("某某有限公司", "另一家公司"), fixHash);
    }

    private static FederatedRecord withCanonical(FederatedRecord r, String canonical, boolean fixHash) {
        String hash = fixHash
                ? FederatedRecord.hashHex(org.creditnode.sign.SignatureAlgorithm.fromWireName(r.sigAlg()),
                        canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                : r.hash();
        return new FederatedRecord(canonical, hash, r.sigAlg(), r.keyId(), r.signature(), r.batch(), r.leafIndex(), r.proof());
    }
}
