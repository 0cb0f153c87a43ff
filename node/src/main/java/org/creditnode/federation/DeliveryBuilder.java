package org.creditnode.federation;

import org.creditnode.ingest.RecordSealer;
import org.creditnode.sign.InclusionChecker;
import org.creditnode.store.CertificateStore;
import org.creditnode.store.RecordStore;
import org.creditnode.store.SignBatch;
import org.creditnode.store.StoredRecord;

import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns stored records into a delivery: each with its origin's proof, plus the certificates to check them. */
public final class DeliveryBuilder {
    private final String self;
    private final RecordStore store;
    private final CertificateStore certificates;
    private final String ownKeyId;
    private final String ownChainPem;

    public DeliveryBuilder(String self, RecordStore store, CertificateStore certificates, String ownKeyId,
                           List<X509Certificate> ownChain) {
        this.self = self;
        this.store = store;
        this.certificates = certificates;
        this.ownKeyId = ownKeyId;
        this.ownChainPem = String.join("", Delivery.pemChain(ownChain));
    }

    /**
     * Each batch seal goes once, in the delivery's {@code batches}; each audit path stops where
     * an earlier record of the same batch in this delivery already took the receiver (the
     * receiver checks records in order and completes the paths), about one element per record
     * instead of log2(batch size).
     */
    public Delivery build(List<StoredRecord> records) throws SQLException {
        Map<String, BatchSeal> seals = new LinkedHashMap<>();
        Map<String, InclusionChecker.Trimmer> trimmers = new HashMap<>();
        Map<String, List<String>> certs = new LinkedHashMap<>();
        List<FederatedRecord> out = new ArrayList<>(records.size());
        for (StoredRecord r : records) {
            List<String> proof = null;
            if (r.batchId() != null) {
                BatchSeal seal = seals.get(r.batchId());
                if (seal == null) {
                    SignBatch b = store.batch(r.batchId()).orElseThrow(() -> new SQLException("batch " + r.batchId() + " of " + r.id() + " missing"));
                    seal = new BatchSeal(b.batchId(), b.treeSize(), b.rootHash(), b.signedAt(), b.signature());
                    seals.put(b.batchId(), seal);
                }
                long treeSize = seal.treeSize();
                List<String> path = RecordSealer.decodePath(r.proof());
                proof = path.subList(0, trimmers.computeIfAbsent(r.batchId(), k -> new InclusionChecker.Trimmer(treeSize))
                        .keep(r.leafIndex(), path.size()));
            }
            out.add(new FederatedRecord(r.canonical(), r.hash(), r.sigAlg(), r.keyId(), r.signature(), null,
                    r.leafIndex() == null ? null : r.leafIndex().longValue(), proof, r.batchId()));
            if (!certs.containsKey(r.keyId())) certs.put(r.keyId(), List.of(chainPem(r.keyId())));
        }
        return new Delivery(self, out, certs, seals.isEmpty() ? null : seals);
    }

    private String chainPem(String keyId) throws SQLException {
        if (keyId.equals(ownKeyId)) return ownChainPem;
        return certificates.chainPem(keyId).orElseThrow(() -> new SQLException("no certificate for key " + keyId));
    }
}
