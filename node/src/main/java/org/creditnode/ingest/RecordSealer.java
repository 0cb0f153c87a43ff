package org.creditnode.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.problem.Problem;
import org.creditnode.record.CreditRecord;
import org.creditnode.record.RecordStatus;
import org.creditnode.sign.BatchStatement;
import org.creditnode.sign.CanonicalJson;
import org.creditnode.sign.HashAlgorithm;
import org.creditnode.sign.MerkleTree;
import org.creditnode.sign.Signer;
import org.creditnode.store.OriginHead;
import org.creditnode.store.RecordSeal;
import org.creditnode.store.SignBatch;
import org.creditnode.store.StoredRecord;
import org.creditnode.store.VersionHead;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Turns accepted submissions into the origin's next records: numbers them after the chain head,
 * puts them in canonical form (RFC 8785), chains their hashes and signs them — one signature per
 * group over a Merkle root (batch mode) or one per record. Pure computation, no I/O.
 */
public final class RecordSealer {
    public static final String STATUS_ACTIVE = RecordStatus.ACTIVE.name();
    private static final HexFormat HEX = HexFormat.of();
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private final String origin;
    private final Signer signer;
    private final boolean batchSigning;
    private final HashAlgorithm hash;

    public RecordSealer(String origin, Signer signer, boolean batchSigning) {
        this.origin = origin;
        this.signer = signer;
        this.batchSigning = batchSigning;
        this.hash = signer.algorithm().hashAlgorithm();
    }

    /**
     * A record ready to be sealed: the submitted content and what the catalogue derived from it;
     * for a later version of one of this origin's records, the revision it makes.
     */
    public record Pending(ObjectNode content, String subjectKey, LocalDate decisionDate, LocalDate publicityUntil, Revision revision,
                          ObjectNode rules) {
        public Pending(ObjectNode content, String subjectKey, LocalDate decisionDate, LocalDate publicityUntil) {
            this(content, subjectKey, decisionDate, publicityUntil, null, null);
        }
    }

    /**
     * A later version of one of this origin's own records (an exit, an expiry, a decision): same id,
     * next version, a new status, and what changed and why (signed with the rest). It is made only
     * if the record is still at {@code expectedVersion} when the version is numbered, so that two
     * decisions taken at once on one record cannot both build on the same version.
     */
    public record Revision(String id, int expectedVersion, RecordStatus status, ObjectNode change) {
    }

    public CommitGroup seal(OriginHead head, List<Pending> pending, String receivedAt, String signedAt) {
        return seal(head, pending, receivedAt, signedAt, Map.of());
    }

    /**
     * Numbers, chains and signs the pending records after the chain head; {@code current} holds
     * the newest stored version of every record a pending revision names (read in the same
     * transaction, under the head's lock).
     */
    public CommitGroup seal(OriginHead head, List<Pending> pending, String receivedAt, String signedAt, Map<String, VersionHead> current) {
        long seq = head.lastSeq();
        String prevHash = head.lastHash();
        List<StoredRecord> sealed = new ArrayList<>(pending.size());
        List<byte[]> canonicals = new ArrayList<>(pending.size());
        Map<String, VersionHead> versions = new HashMap<>(current);
        for (Pending p : pending) {
            seq++;
            Revision rev = p.revision();
            String id = rev == null ? origin + "-" + seq : rev.id();
            int version = 1;
            RecordStatus status = RecordStatus.ACTIVE;
            VersionHead previous = null;
            if (rev != null) {
                previous = versions.get(rev.id());
                if (previous == null || previous.version() != rev.expectedVersion()) {
                    throw new Problem(Problem.Kind.CONFLICT, "VERSION_CHANGED", rev.id() + " is now at version "
                            + (previous == null ? "(none)" : previous.version()) + ", not " + rev.expectedVersion() + ": read it again and decide on what it is now");
                }
                version = previous.version() + 1;
                status = rev.status();
            }
            ObjectNode rec = envelope(p, id, seq, version, status, previous, receivedAt, prevHash);
            byte[] canonical = CanonicalJson.encode(rec);
            String recordHash = HEX.formatHex(hash.digest(canonical));
            if (rev != null) versions.put(id, new VersionHead(version, recordHash));
            canonicals.add(canonical);
            String signature = batchSigning ? null : B64.encodeToString(signer.sign(canonical));
            CreditRecord record = new CreditRecord(id, version, origin, seq, rec.get("category").asText(), p.subjectKey(),
                    status, p.decisionDate(), p.publicityUntil(), receivedAt,
                    new String(canonical, StandardCharsets.UTF_8), recordHash, prevHash);
            sealed.add(new StoredRecord(record, RecordSeal.alone(signer.algorithm().wireName(), signer.keyId(), signature), 0, null));
            prevHash = recordHash;
        }
        if (!batchSigning) return new CommitGroup(sealed, null);
        return signBatch(sealed, canonicals, signedAt);
    }

    private CommitGroup signBatch(List<StoredRecord> sealed, List<byte[]> canonicals, String signedAt) {
        List<byte[]> leaves = new ArrayList<>(canonicals.size());
        for (byte[] c : canonicals) leaves.add(MerkleTree.leafHash(hash, c));
        MerkleTree tree = MerkleTree.build(hash, leaves);
        String batchId = origin + "-b" + sealed.get(0).seq();
        BatchStatement statement = new BatchStatement(origin, batchId, sealed.size(), tree.root(), signedAt);
        String signature = B64.encodeToString(signer.sign(statement.canonicalBytes()));
        SignBatch batch = new SignBatch(batchId, origin, sealed.size(), B64.encodeToString(tree.root()), signedAt,
                signer.algorithm().wireName(), signer.keyId(), signature);
        List<StoredRecord> withProofs = new ArrayList<>(sealed.size());
        for (int i = 0; i < sealed.size(); i++) {
            withProofs.add(sealed.get(i).inBatch(batchId, i, encodePath(tree.inclusionProof(i))));
        }
        return new CommitGroup(withProofs, batch);
    }

    /** The signed form of a record: the submitted content plus the origin's identity and chain fields. */
    private ObjectNode envelope(Pending p, String id, long seq, int version, RecordStatus status, VersionHead previous,
                                String receivedAt, String prevHash) {
        ObjectNode rec = JsonNodeFactory.instance.objectNode();
        rec.put("id", id);
        rec.put("origin", origin);
        rec.put("seq", seq);
        rec.put("version", version);
        rec.put("status", status.name());
        if (previous != null) {
            ObjectNode revises = rec.putObject("revises");
            revises.put("version", previous.version());
            revises.put("hash", previous.hash());
            rec.set("change", p.revision().change());
        }
        for (String key : SUBMITTED_KEYS) {
            JsonNode v = p.content().get(key);
            if (v != null && !v.isNull()) rec.set(key, v);
        }
        rec.put("receivedAt", receivedAt);
        if (p.publicityUntil() != null) rec.put("publicityUntil", p.publicityUntil().toString());
        if (p.rules() != null) rec.set("rules", p.rules()); // which dated rule set computed the dates, and the earliest repair
        rec.put("prevHash", prevHash);
        return rec;
    }

    /** The parts of a submitted record that are kept and signed; anything else was refused by the checks. */
    static final List<String> SUBMITTED_KEYS = List.of("category", "subject", "authority", "decisionDate", "severity", "fields");

    static String encodePath(List<byte[]> path) {
        StringJoiner j = new StringJoiner(",");
        for (byte[] p : path) j.add(B64.encodeToString(p));
        return j.toString();
    }

    public static List<String> decodePath(String proof) {
        return proof == null || proof.isEmpty() ? List.of() : List.of(proof.split(","));
    }
}
