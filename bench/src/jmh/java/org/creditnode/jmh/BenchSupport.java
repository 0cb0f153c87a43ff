package org.creditnode.jmh;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.creditnode.certs.FederationPki;
import org.creditnode.certs.KeyAlgorithm;
import org.creditnode.certs.NodeIdentity;
import org.creditnode.certs.NodeKeyFiles;
import org.creditnode.certs.Pem;
import org.creditnode.federation.BatchSeal;
import org.creditnode.federation.Delivery;
import org.creditnode.federation.FederatedRecord;
import org.creditnode.ingest.CommitGroup;
import org.creditnode.ingest.RecordSealer;
import org.creditnode.record.SampleRecords;
import org.creditnode.sign.Signer;
import org.creditnode.store.OriginHead;
import org.creditnode.store.SignBatch;
import org.creditnode.store.StoredRecord;

/** Shared fixtures of the benchmarks: sample records, a throw-away dev PKI, sealed groups and deliveries. */
final class BenchSupport {
    /** The origin of every benchmark record (九江市柴桑区, the samples' region). */
    static final String ORIGIN = SampleRecords.REGION;
    static final char[] PASSWORD = "changeit".toCharArray();
    static final String RECEIVED_AT = "2026-11-20T10:00:00+08:00";
    static final String SIGNED_AT = "2026-11-20T10:00:01+08:00";

    private BenchSupport() {
    }

    /** {@code n} valid 行政处罚 records that differ in their subject (and so in their bytes). */
    static List<ObjectNode> penalties(int n) {
        List<ObjectNode> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ObjectNode r = SampleRecords.penalty();
            ((ObjectNode) r.get("subject")).put("code", SampleRecords.validUscc(SampleRecords.REGION, 1000 + i));
            ((ObjectNode) r.get("fields")).put("CF_WSH", "柴市监处罚〔2026〕" + (1000 + i) + "号");
            out.add(r);
        }
        return out;
    }

    /** The request body of one ingest call: {"records": [ ...n penalties... ]}, UTF-8. */
    static byte[] batchBody(int n) {
        ObjectNode body = SampleRecords.JSON.createObjectNode();
        ArrayNode records = body.putArray("records");
        penalties(n).forEach(records::add);
        return SampleRecords.json(body).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code n} records as the ingest service hands them to the sealer (validated, subject key derived). */
    static List<RecordSealer.Pending> pending(int n) {
        List<RecordSealer.Pending> out = new ArrayList<>(n);
        for (ObjectNode r : penalties(n)) {
            String subjectKey = r.path("subject").path("code").asText();
            out.add(new RecordSealer.Pending(r, subjectKey, SampleRecords.DECISION_DATE,
                    SampleRecords.DECISION_DATE.plusYears(1)));
        }
        return out;
    }

    /** {@code n} records sealed after genesis, one batch signature (batch mode) or one per record. */
    static CommitGroup seal(Signer signer, boolean batchMode, int n) {
        return new RecordSealer(ORIGIN, signer, batchMode)
                .seal(new OriginHead(ORIGIN, 0, OriginHead.GENESIS), pending(n), RECEIVED_AT, SIGNED_AT);
    }

    /** A delivery of a sealed group as the origin would send it (what DeliveryBuilder makes of stored records). */
    static Delivery delivery(CommitGroup group, List<X509Certificate> chainWithoutRoot) {
        SignBatch b = group.batch();
        BatchSeal seal = b == null ? null : new BatchSeal(b.batchId(), b.treeSize(), b.rootHash(), b.signedAt(), b.signature());
        List<FederatedRecord> records = new ArrayList<>(group.records().size());
        for (StoredRecord r : group.records()) {
            records.add(new FederatedRecord(r.canonical(), r.hash(), r.sigAlg(), r.keyId(), r.signature(), seal,
                    r.leafIndex() == null ? null : r.leafIndex().longValue(),
                    r.batchId() == null ? null : RecordSealer.decodePath(r.proof())));
        }
        String keyId = group.records().get(0).keyId();
        return new Delivery(ORIGIN, records, Map.of(keyId, Delivery.pemChain(chainWithoutRoot)));
    }

    /** A self-contained dev PKI of node {@link #ORIGIN} in a temporary directory; {@link #close()} deletes it. */
    static final class Pki implements AutoCloseable {
        final Path dir;
        final NodeKeyFiles files;
        final NodeIdentity identity;
        final Signer signer;

        Pki(KeyAlgorithm alg) {
            try {
                dir = Files.createTempDirectory("creditnode-jmh-pki");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            files = FederationPki.ensureSelfContained(dir, ORIGIN, alg, PASSWORD);
            identity = NodeIdentity.load(files.signingKeystore(), PASSWORD, "signing");
            signer = Signer.forKey(identity.privateKey(), identity.keyId());
        }

        /** The signing trust anchors a receiver is configured with. */
        List<X509Certificate> anchors() {
            return Pem.readCertificates(files.signingTrust());
        }

        /** The chain a sender sends: leaf and intermediates, without the root. */
        List<X509Certificate> chainWithoutRoot() {
            List<X509Certificate> chain = identity.chain();
            return chain.subList(0, chain.size() - 1);
        }

        @Override
        public void close() {
            deleteTree(dir);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
