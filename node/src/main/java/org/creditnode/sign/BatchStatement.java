package org.creditnode.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The statement a node signs for a batch (PROTOCOL.md "Batch signatures"): the RFC 9162 root of
 * the batch's records. Its {@link #canonicalBytes()} are the bundle's {@code signedData}.
 *
 * @param signedAt ISO-8601 with offset, kept as the exact string that was signed
 */
public record BatchStatement(String origin, String batchId, long treeSize, byte[] rootHash, String signedAt) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public BatchStatement {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(batchId, "batchId");
        Objects.requireNonNull(signedAt, "signedAt");
        Objects.requireNonNull(rootHash, "rootHash");
        if (treeSize < 1 || treeSize > EcmaNumber.MAX_SAFE_INTEGER) { // JSON numbers are doubles
            throw new IllegalArgumentException("treeSize out of range: " + treeSize);
        }
        rootHash = rootHash.clone();
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** RFC 8785 bytes of {"batchId","origin","rootHash" (base64),"signedAt","treeSize"}. */
    public byte[] canonicalBytes() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("origin", origin);
        o.put("batchId", batchId);
        o.put("treeSize", treeSize);
        o.put("rootHash", Base64.getEncoder().encodeToString(rootHash));
        o.put("signedAt", signedAt);
        return CanonicalJson.encode(o);
    }

    /** Reads a statement from its signed bytes (a verifier's side); rejects missing or mistyped fields. */
    public static BatchStatement parse(byte[] signedData) {
        JsonNode n;
        try {
            n = MAPPER.readTree(signedData);
        } catch (IOException e) {
            throw new IllegalArgumentException("batch statement is not JSON", e);
        }
        if (n == null || !n.isObject() || !n.path("treeSize").isIntegralNumber()) {
            throw new IllegalArgumentException("not a batch statement");
        }
        return new BatchStatement(text(n, "origin"), text(n, "batchId"), n.get("treeSize").longValue(),
                Base64.getDecoder().decode(text(n, "rootHash")), text(n, "signedAt"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("batch statement lacks string field " + field);
        }
        return v.textValue();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchStatement b && origin.equals(b.origin) && batchId.equals(b.batchId)
                && treeSize == b.treeSize && Arrays.equals(rootHash, b.rootHash) && signedAt.equals(b.signedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, batchId, treeSize, Arrays.hashCode(rootHash), signedAt);
    }

    @Override
    public String toString() {
        return "BatchStatement[origin=" + origin + ", batchId=" + batchId + ", treeSize=" + treeSize
                + ", rootHash=" + Base64.getEncoder().encodeToString(rootHash) + ", signedAt=" + signedAt + "]";
    }
}
