package org.creditnode.federation;

import org.creditnode.ingest.RecordSealer;
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

    public Delivery build(List<StoredRecord> records) throws SQLException {
        Map<String, SignBatch> batches = new HashMap<>();
        Map<String, List<String>> certs = new LinkedHashMap<>();
        List<FederatedRecord> out = new ArrayList<>(records.size());
        for (StoredRecord r : records) {
            BatchSeal seal = null;
            if (r.batchId() != null) {
                SignBatch b = batches.get(r.batchId());
                if (b == null) {
                    b = store.batch(r.batchId()).orElseThrow(() -> new SQLException("batch " + r.batchId() + " of " + r.id() + " missing"));
                    batches.put(b.batchId(), b);
                }
                seal = new BatchSeal(b.batchId(), b.treeSize(), b.rootHash(), b.signedAt(), b.signature());
            }
            out.add(new FederatedRecord(r.canonical(), r.hash(), r.sigAlg(), r.keyId(), r.signature(), seal,
                    r.leafIndex() == null ? null : r.leafIndex().longValue(),
                    r.batchId() == null ? null : RecordSealer.decodePath(r.proof())));
            if (!certs.containsKey(r.keyId())) certs.put(r.keyId(), List.of(chainPem(r.keyId())));
        }
        return new Delivery(self, out, certs);
    }

    private String chainPem(String keyId) throws SQLException {
        if (keyId.equals(ownKeyId)) return ownChainPem;
        return certificates.chainPem(keyId).orElseThrow(() -> new SQLException("no certificate for key " + keyId));
    }
}
