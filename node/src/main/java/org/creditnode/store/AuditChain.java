package org.creditnode.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.creditnode.sign.SignatureAlgorithm;
import org.creditnode.sign.Signer;
import org.creditnode.sign.Verifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Checks, seals and archives the audit hash chain. A seal is the node's signature over the
 * chain's head at a moment: someone who can write the database can recompute hashes, but not
 * sign, so a rewritten chain no longer matches the seals.
 */
public final class AuditChain {
    private static final Logger LOG = LoggerFactory.getLogger(AuditChain.class);
    private static final int PAGE = 5000;

    /** What {@code verify} found: ok, how far it checked, and the first bad entry and why. */
    public record Verdict(boolean ok, long checkedFrom, long checkedTo, long entries, int seals, Long firstBad, String problem) {
    }

    public record Head(long lastNo, String lastHash, long anchorNo, String anchorHash) {
    }

    public record Seal(long sealNo, long eventNo, String hash, String sealedAt, String keyId, String sigAlg, String signature) {
        byte[] statement() {
            return ("credit-node audit seal v1\n" + eventNo + "\n" + hash + "\n" + sealedAt).getBytes(StandardCharsets.UTF_8);
        }
    }

    public record Archived(Path file, Path signature, long from, long to, long entries) {
    }

    private final AuditLog audit;
    private final Database db;
    private final Signer signer;
    private final PublicKey publicKey;
    private final Clock clock;

    public AuditChain(AuditLog audit, Signer signer, PublicKey publicKey, Clock clock) {
        this.audit = audit;
        this.db = audit.database();
        this.signer = signer;
        this.publicKey = publicKey;
        this.clock = clock;
    }

    public Head head() throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT last_no, last_hash, anchor_no, anchor_hash FROM audit_head WHERE id = 1"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Head(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4));
        }
    }

    /** Signs the chain's head if it moved since the last seal; returns the seal, or null if nothing new. */
    public Seal seal() throws SQLException {
        Head h = head();
        if (h.lastNo() == h.anchorNo()) return null;
        List<Seal> seals = seals(h.lastNo() - 1);
        if (!seals.isEmpty() && seals.get(seals.size() - 1).eventNo() == h.lastNo()) return null;
        String at = clock.instant().toString();
        Seal unsigned = new Seal(0, h.lastNo(), h.lastHash(), at, signer.keyId(), signer.algorithm().wireName(), null);
        String sig = Base64.getEncoder().encodeToString(signer.sign(unsigned.statement()));
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_seal (event_no, hash, sealed_at, key_id, sig_alg, signature) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, h.lastNo());
            ps.setString(2, h.lastHash());
            ps.setString(3, at);
            ps.setString(4, signer.keyId());
            ps.setString(5, signer.algorithm().wireName());
            ps.setString(6, sig);
            ps.executeUpdate();
        }
        LOG.info("audit chain sealed at entry {}", h.lastNo());
        return new Seal(0, h.lastNo(), h.lastHash(), at, signer.keyId(), signer.algorithm().wireName(), sig);
    }

    /** Seals at or after {@code afterEventNo}+1, oldest first. */
    private List<Seal> seals(long fromEventNo) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT seal_no, event_no, hash, sealed_at, key_id, sig_alg, signature FROM audit_seal WHERE event_no > ? ORDER BY seal_no")) {
            ps.setLong(1, fromEventNo);
            List<Seal> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Seal(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7)));
                }
            }
            return out;
        }
    }

    /**
     * Walks the chain from its anchor: every number present once and in order, every entry's hash
     * its content's, every link to the entry before, the head where the last entry is, and every
     * seal signed by this node over the hash the entry still has. Names the first entry that fails.
     */
    public Verdict verify() throws SQLException {
        Head h = head();
        long expected = h.anchorNo() + 1;
        String prev = h.anchorHash();
        long entries = 0;
        java.util.Map<Long, String> hashes = new java.util.HashMap<>();
        List<Seal> seals = seals(h.anchorNo());
        java.util.Set<Long> sealed = new java.util.HashSet<>();
        seals.forEach(s -> sealed.add(s.eventNo()));
        long after = h.anchorNo();
        while (true) {
            List<AuditLog.Event> page = audit.range(after, Long.MAX_VALUE, PAGE);
            for (AuditLog.Event e : page) {
                if (e.no() != expected) {
                    return bad(h, entries, seals.size(), expected, "entry " + expected + " is missing (removed): the next entry held is " + e.no());
                }
                if (e.hash() == null || !e.expectedHash().equals(e.hash())) {
                    return bad(h, entries, seals.size(), e.no(), "entry " + e.no() + " was altered: its content no longer gives its hash");
                }
                if (!prev.equals(e.prevHash())) {
                    return bad(h, entries, seals.size(), e.no(), "entry " + e.no() + " does not follow entry " + (e.no() - 1)
                            + " (reordered, or the entry before it was replaced)");
                }
                if (sealed.contains(e.no())) hashes.put(e.no(), e.hash());
                prev = e.hash();
                expected++;
                entries++;
            }
            if (page.size() < PAGE) break;
            after = page.get(page.size() - 1).no();
        }
        if (expected - 1 != h.lastNo() || !prev.equals(h.lastHash())) {
            return bad(h, entries, seals.size(), expected, "entries " + expected + " to " + h.lastNo()
                    + " are missing: the chain's head says the last entry is " + h.lastNo());
        }
        for (Seal s : seals) {
            String held = hashes.get(s.eventNo());
            if (held == null || !held.equals(s.hash())) {
                return bad(h, entries, seals.size(), s.eventNo(), "entry " + s.eventNo() + " differs from what seal " + s.sealNo()
                        + " of " + s.sealedAt() + " signed: the chain was rewritten up to it");
            }
            boolean signed = Verifier.verify(SignatureAlgorithm.fromWireName(s.sigAlg()), publicKey, s.statement(),
                    Base64.getDecoder().decode(s.signature()));
            if (!signed) {
                return bad(h, entries, seals.size(), s.eventNo(), "seal " + s.sealNo() + " at entry " + s.eventNo()
                        + " does not carry this node's signature");
            }
        }
        return new Verdict(true, h.anchorNo() + 1, h.lastNo(), entries, seals.size(), null, null);
    }

    private static Verdict bad(Head h, long entries, int seals, long at, String problem) {
        LOG.error("audit chain check failed: {}", problem);
        return new Verdict(false, h.anchorNo() + 1, h.lastNo(), entries, seals, at, problem);
    }

    /**
     * Moves the entries up to {@code upTo} into a JSON-lines file in {@code dir} with a detached
     * signature (base64 DER over the file's bytes, verifiable with OpenSSL and the node's
     * certificate), then removes them from the database and re-anchors the chain there. Refused
     * while the chain does not verify.
     */
    public Archived archive(long upTo, Path dir, ObjectMapper json) throws SQLException, IOException {
        Verdict v = verify();
        if (!v.ok()) throw new IllegalStateException("the audit chain does not verify, nothing archived: " + v.problem());
        Head h = head();
        long to = Math.min(upTo, h.lastNo());
        if (to <= h.anchorNo()) throw new IllegalArgumentException("nothing to archive: the chain starts after entry " + h.anchorNo());
        List<AuditLog.Event> events = new ArrayList<>();
        long after = h.anchorNo();
        while (after < to) {
            List<AuditLog.Event> page = audit.range(after, to, PAGE);
            if (page.isEmpty()) break;
            events.addAll(page);
            after = page.get(page.size() - 1).no();
        }
        Files.createDirectories(dir);
        Path file = dir.resolve("audit-" + (h.anchorNo() + 1) + "-" + to + ".jsonl");
        StringBuilder text = new StringBuilder();
        text.append(json.writeValueAsString(java.util.Map.of("from", h.anchorNo() + 1, "to", to, "anchorHash", h.anchorHash(),
                "lastHash", events.get(events.size() - 1).hash(), "keyId", signer.keyId()))).append('\n');
        for (AuditLog.Event e : events) text.append(json.writeValueAsString(e)).append('\n');
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        Files.write(file, bytes);
        Path sig = dir.resolve(file.getFileName() + ".sig");
        Files.writeString(sig, Base64.getEncoder().encodeToString(signer.sign(bytes)) + "\n");
        String lastHash = events.get(events.size() - 1).hash();
        db.inTransaction(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT anchor_no FROM audit_head WHERE id = 1 FOR UPDATE");
                 PreparedStatement del = c.prepareStatement("DELETE FROM audit_event WHERE event_no <= ?");
                 PreparedStatement up = c.prepareStatement("UPDATE audit_head SET anchor_no = ?, anchor_hash = ? WHERE id = 1")) {
                lock.executeQuery().close();
                del.setLong(1, to);
                del.executeUpdate();
                up.setLong(1, to);
                up.setString(2, lastHash);
                up.executeUpdate();
            }
            return null;
        });
        LOG.info("audit entries {} to {} archived to {} (signature {})", h.anchorNo() + 1, to, file, sig);
        return new Archived(file, sig, h.anchorNo() + 1, to, events.size());
    }
}
