package org.creditnode.store;

import org.creditnode.privacy.Masking;
import org.creditnode.sign.HashAlgorithm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Security-relevant events — refused records and callers, operators' acts, and the query log
 * (who read whose records for what) — kept in the database as a hash chain: each entry carries
 * the SM3 hash of its content and of the entry before it, so that removing, reordering or
 * altering an entry breaks the chain ({@link AuditChain} verifies and seals it). Also logged under
 * org.creditnode.audit. ID numbers in messages are masked before they are kept or logged.
 */
public final class AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger("org.creditnode.audit");
    public static final String GENESIS = "0".repeat(64);
    static final String COLUMNS = "event_no, at, kind, peer, record_id, code, message, account, purpose, subject_key, prev_hash, hash";

    /** One entry; {@code subjectKey} is the subject's keyed index (never the code in clear). */
    public record Event(long no, String at, String kind, String peer, String recordId, String code, String message,
                        String account, String purpose, String subjectKey, String prevHash, String hash) {

        /** The hash this entry must carry: SM3 over its number, content and the previous hash. */
        public String expectedHash() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String f : new String[]{String.valueOf(no), at, kind, peer, recordId, code, message, account, purpose, subjectKey, prevHash}) {
                if (f == null) {
                    out.writeBytes(new byte[]{-1, -1, -1, -1});
                    continue;
                }
                byte[] b = f.getBytes(StandardCharsets.UTF_8);
                out.writeBytes(new byte[]{(byte) (b.length >>> 24), (byte) (b.length >>> 16), (byte) (b.length >>> 8), (byte) b.length});
                out.writeBytes(b);
            }
            return HexFormat.of().formatHex(HashAlgorithm.SM3.digest(out.toByteArray()));
        }
    }

    private final Database db;
    private final Clock clock;

    public AuditLog(Database db) {
        this(db, Clock.systemUTC());
    }

    public AuditLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        try {
            ensureHead();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the audit chain: SQLSTATE " + e.getSQLState() + " " + e.getMessage(), e);
        }
    }

    public Database database() { return db; }

    /** A federation or node event (peer: the neighbour's node id, if any). */
    public void record(String kind, String peer, String recordId, String code, String message) {
        append(kind, peer, null, null, null, recordId, code, message);
    }

    /** A department's or operator's act or refusal, by account or operator id. */
    public void byAccount(String kind, String account, String code, String message) {
        append(kind, null, account, null, null, null, code, message);
    }

    /** The query log (逢查必报): an authorised read of a subject's records, for a purpose. */
    public void query(String account, String purpose, String subjectKey, String recordId, String message) {
        if (!append(List.of(new Draft("QUERY", null, account, purpose, subjectKey, recordId, "READ", message)))) {
            throw new NotLogged("the query-log entry of a read by " + account + " could not be written");
        }
    }

    /**
     * A read whose query-log entry could not be written: the caller must not answer it (every read
     * of personal data is logged, or it does not happen). Other kinds of entry are written on a best
     * effort — a refusal is refused whether or not its entry could be kept.
     */
    public static final class NotLogged extends RuntimeException {
        public NotLogged(String message) {
            super(message);
        }
    }

    /**
     * A mutual query (互查) asked of or answered to an alliance partner: the partner, the purpose and
     * the subject as its keyed index (never a person's ID number in clear), what was returned or why not.
     */
    public void alliance(String kind, String partner, String purpose, String subjectKey, String code, String message) {
        append(kind, partner, null, purpose, subjectKey, null, code, message);
    }

    /** The answering side's entry of a mutual query it answers: if it cannot be written, the answer is not given ({@link NotLogged}). */
    public void allianceAnswered(String partner, String purpose, String subjectKey, String message) {
        if (!append(List.of(new Draft("ALLIANCE_QUERY_ANSWERED", partner, null, purpose, subjectKey, null, "ANSWERED", message)))) {
            throw new NotLogged("the audit entry of a mutual query answered to " + partner + " could not be written");
        }
    }

    /** One entry to append: what {@link #append(List)} chains. */
    private record Draft(String kind, String peer, String account, String purpose, String subjectKey, String recordId, String code,
                         String message) {
    }

    private void append(String kind, String peer, String account, String purpose, String subjectKey, String recordId,
                        String code, String message) {
        append(List.of(new Draft(kind, peer, account, purpose, subjectKey, recordId, code, message)));
    }

    /**
     * The query-log entries of one batch check, one per subject, appended in one transaction:
     * a check of 1,000 subjects is one lock on the chain's head, not 1,000.
     */
    public void queries(String account, String purpose, List<String> subjectKeys, String message) {
        List<Draft> drafts = new ArrayList<>(subjectKeys.size());
        for (String key : subjectKeys) drafts.add(new Draft("QUERY", null, account, purpose, key, null, "READ", message));
        if (!append(drafts)) throw new NotLogged("the query-log entries of " + drafts.size() + " reads by " + account + " could not be written");
    }

    /** Appends entries in order under the lock on the chain's head, each linked to the one before; false if they could not be stored. */
    private boolean append(List<Draft> drafts) {
        List<Draft> masked = new ArrayList<>(drafts.size());
        for (Draft d : drafts) {
            String msg = d.message() == null ? null
                    : Masking.maskIdNumbers(d.message().length() > 2000 ? d.message().substring(0, 2000) : d.message());
            masked.add(new Draft(d.kind(), d.peer(), d.account(), d.purpose(), d.subjectKey(), d.recordId(), d.code(), msg));
            if ("QUERY".equals(d.kind())) {
                LOG.info("audit kind={} account={} purpose={} record={} message={}", d.kind(), d.account(), d.purpose(), d.recordId(), msg);
            } else {
                LOG.warn("audit kind={} peer={} account={} record={} code={} message={}", d.kind(), d.peer(), d.account(), d.recordId(),
                        d.code(), msg);
            }
        }
        try {
            db.inTransaction(c -> {
                long last;
                String lastHash;
                try (PreparedStatement ps = c.prepareStatement("SELECT last_no, last_hash FROM audit_head WHERE id = 1 FOR UPDATE");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    last = rs.getLong(1);
                    lastHash = rs.getString(2);
                }
                String at = clock.instant().toString();
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_event (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (Draft d : masked) {
                        Event e = new Event(++last, at, d.kind(), d.peer(), d.recordId(), d.code(), d.message(), d.account(), d.purpose(),
                                d.subjectKey(), lastHash, null);
                        lastHash = e.expectedHash();
                        ps.setLong(1, e.no());
                        ps.setString(2, e.at());
                        ps.setString(3, e.kind());
                        ps.setString(4, e.peer());
                        ps.setString(5, e.recordId());
                        ps.setString(6, e.code());
                        ps.setString(7, e.message());
                        ps.setString(8, e.account());
                        ps.setString(9, e.purpose());
                        ps.setString(10, e.subjectKey());
                        ps.setString(11, e.prevHash());
                        ps.setString(12, lastHash);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET last_no = ?, last_hash = ? WHERE id = 1")) {
                    ps.setLong(1, last);
                    ps.setString(2, lastHash);
                    ps.executeUpdate();
                }
                return null;
            });
            return true;
        } catch (SQLException e) {
            LOG.error("could not store {} audit event(s), first kind={} code={}: SQLSTATE {} {}", drafts.size(), drafts.get(0).kind(),
                    drafts.get(0).code(), e.getSQLState(), e.getMessage());
            return false;
        }
    }

    /** The chain's head row; entries from before the chain existed (before V8) stay outside it, below the anchor. */
    private void ensureHead() throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_head (id, last_no, last_hash, anchor_no, anchor_hash) "
                        + "SELECT 1, COALESCE(MAX(event_no), 0), ?, COALESCE(MAX(event_no), 0), ? FROM audit_event "
                        + "WHERE NOT EXISTS (SELECT 1 FROM audit_head WHERE id = 1)")) {
            ps.setString(1, GENESIS);
            ps.setString(2, GENESIS);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) throw e; // another instance created it
        }
    }

    public List<Event> recent(int limit) throws SQLException {
        return select("ORDER BY event_no DESC", limit);
    }

    /** Query-log entries about one subject (by its keyed index), newest first. */
    public List<Event> queriesAbout(String subjectKey, int limit) throws SQLException {
        return select("WHERE subject_key = ? AND kind = 'QUERY' ORDER BY event_no DESC", limit, subjectKey);
    }

    /** Entries with numbers in (after, upTo], in order: what the chain check and archiving walk. */
    public List<Event> range(long after, long upTo, int limit) throws SQLException {
        return select("WHERE event_no > ? AND event_no <= ? ORDER BY event_no", limit, after, upTo);
    }

    List<Event> select(String where, int limit, Object... args) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_event " + where)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.setMaxRows(limit);
            List<Event> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Event(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                            rs.getString(11), rs.getString(12)));
                }
            }
            return out;
        }
    }
}
