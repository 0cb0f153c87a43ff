package org.creditnode.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.ingest.RecordSealer;
import org.creditnode.policy.AccessRules;
import org.creditnode.policy.PublicView;
import org.creditnode.record.RecordStatus;
import org.creditnode.store.SignBatch;
import org.creditnode.store.StoredRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;

/** Renders a stored record as PROTOCOL.md's "record as stored". */
final class RecordView {
    private static final AccessRules.WithinPublicityPeriod PUBLICITY = new AccessRules.WithinPublicityPeriod();
    private final ObjectMapper json;

    RecordView(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode render(StoredRecord r, SignBatch batch, LocalDate today) {
        ObjectNode out;
        try {
            out = (ObjectNode) json.readTree(r.canonical());
        } catch (IOException e) {
            throw new UncheckedIOException("stored record " + r.id() + " is not JSON", e);
        }
        // The signed status says what the origin decided; past its publicity period a record is shown as EXPIRED.
        RecordStatus status = r.status();
        if (!PUBLICITY.evaluate(new PublicView(r.id(), status, r.publicityUntil(), today)).permitted()) {
            status = RecordStatus.EXPIRED;
            out.put("status", status.name());
        }
        out.put("statusLabel", status.label());
        out.put("hash", r.hash());
        ObjectNode sig = out.putObject("signature");
        sig.put("alg", r.sigAlg());
        sig.put("keyId", r.keyId());
        if (r.signature() != null) {
            sig.put("value", r.signature());
        } else if (batch != null) {
            sig.put("value", batch.signature());
            sig.put("batchId", batch.batchId());
            sig.put("rootHash", batch.rootHash());
            sig.put("signedAt", batch.signedAt());
            sig.set("proof", proof(r, batch));
        }
        return out;
    }

    ObjectNode proof(StoredRecord r, SignBatch batch) {
        ObjectNode proof = json.createObjectNode();
        proof.put("leafIndex", r.leafIndex());
        proof.put("treeSize", batch.treeSize());
        ArrayNode path = proof.putArray("path");
        RecordSealer.decodePath(r.proof()).forEach(path::add);
        return proof;
    }
}
