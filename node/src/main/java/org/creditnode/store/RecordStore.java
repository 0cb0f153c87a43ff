package org.creditnode.store;

import org.creditnode.privacy.RecordCipher;
import org.creditnode.record.CreditRecord;
import org.creditnode.record.RecordStatus;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JDBC access to records, batches and origin heads. Writes take the caller's connection so that a
 * whole commit group is one transaction; reads borrow from the pool.
 */
public final class RecordStore {
    private static final String COLUMNS = "row_no, id, version, origin, seq, category, subject_key, status, decision_date, "
            + "publicity_until, received_at, hash, prev_hash, canonical_utf8, sig_alg, key_id, batch_id, leaf_index, proof, signature, via, enc_key";

    private final Database db;
    private final RecordCipher cipher;

    /** A store that keeps records as they are (for tools and tests without the data keystore). */
    public RecordStore(Database db) {
        this(db, RecordCipher.NONE);
    }

    /**
     * A store that encrypts each record's bytes at rest and keeps subjects only as their keyed
     * index: callers speak clear subject codes and canonical text, the database holds neither.
     */
    public RecordStore(Database db, RecordCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    public RecordCipher cipher() { return cipher; }

    public Database database() { return db; }

    /**
     * Creates the origin's chain head at genesis if it does not exist yet. Runs in its own
     * transaction so that instances racing to create it do not fail each other's commits: the
     * loser of the race sees a duplicate key and carries on.
     */
    public void ensureHead(String origin) throws SQLException {
        if (head(origin).isPresent()) return;
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO origin_head (origin, last_seq, last_hash) VALUES (?, 0, ?)")) {
            ps.setString(1, origin);
            ps.setString(2, OriginHead.GENESIS);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) throw e; // unique violation: another instance created it
        }
    }

    /**
     * Locks the origin's chain head for this transaction, so that several instances of one node
     * sharing a database still issue gap-free sequence numbers. {@link #ensureHead} must have run.
     */
    public OriginHead lockHead(Connection c, String origin) throws SQLException {
        return selectHeadForUpdate(c, origin)
                .orElseThrow(() -> new SQLException("no chain head for origin " + origin + "; ensureHead was not called"));
    }

    private Optional<OriginHead> selectHeadForUpdate(Connection c, String origin) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT last_seq, last_hash FROM origin_head WHERE origin = ? FOR UPDATE")) {
            ps.setString(1, origin);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new OriginHead(origin, rs.getLong(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    public void updateHead(Connection c, OriginHead head) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE origin_head SET last_seq = ?, last_hash = ? WHERE origin = ?")) {
            ps.setLong(1, head.lastSeq());
            ps.setString(2, head.lastHash());
            ps.setString(3, head.origin());
            ps.executeUpdate();
        }
    }

    /** Moves an origin's head forward to {@code seq} (never back): numbering continues after it. */
    public void raiseHead(String origin, long seq, String hash) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE origin_head SET last_seq = ?, last_hash = ?, highest_seq = GREATEST(highest_seq, ?) WHERE origin = ? AND last_seq < ?")) {
            ps.setLong(1, seq);
            ps.setString(2, hash);
            ps.setLong(3, seq);
            ps.setString(4, origin);
            ps.setLong(5, seq);
            ps.executeUpdate();
        }
    }

    public Optional<OriginHead> head(String origin) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT last_seq, last_hash FROM origin_head WHERE origin = ?")) {
            ps.setString(1, origin);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new OriginHead(origin, rs.getLong(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    public void insertBatch(Connection c, SignBatch b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sign_batch (batch_id, origin, tree_size, root_hash, "
                + "signed_at, sig_alg, key_id, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, b.batchId());
            ps.setString(2, b.origin());
            ps.setInt(3, b.treeSize());
            ps.setString(4, b.rootHash());
            ps.setString(5, b.signedAt());
            ps.setString(6, b.sigAlg());
            ps.setString(7, b.keyId());
            ps.setString(8, b.signature());
            ps.executeUpdate();
        }
    }

    /**
     * Inserts all records with one JDBC batch (one round trip per chunk, not per record) and appends
     * them to the committed-record log: they take the next log numbers under the lock on log_head,
     * held until the caller commits, so log order is commit order.
     */
    public void insertRecords(Connection c, List<StoredRecord> records) throws SQLException {
        if (records.isEmpty()) return;
        long logNo = RecordLog.reserve(c, records.size());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO credit_record (id, version, origin, seq, category, "
                + "subject_key, status, decision_date, publicity_until, received_at, hash, prev_hash, canonical_utf8, sig_alg, "
                + "key_id, batch_id, leaf_index, proof, signature, via, log_no, enc_key) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (StoredRecord r : records) {
                ps.setString(1, r.id());
                ps.setInt(2, r.version());
                ps.setString(3, r.origin());
                ps.setLong(4, r.seq());
                ps.setString(5, r.category());
                ps.setString(6, cipher.storedSubject(r.subjectKey(), r.canonical()));
                ps.setString(7, r.status().name());
                setDate(ps, 8, r.decisionDate());
                setDate(ps, 9, r.publicityUntil());
                ps.setString(10, r.receivedAt());
                ps.setString(11, r.hash());
                ps.setString(12, r.prevHash());
                int key = cipher.keyFor(r.canonical());
                ps.setBytes(13, cipher.encrypt(r.canonical().getBytes(StandardCharsets.UTF_8), key, r.id() + "@" + r.version()));
                ps.setString(14, r.sigAlg());
                ps.setString(15, r.keyId());
                ps.setString(16, r.batchId());
                if (r.leafIndex() == null) ps.setNull(17, Types.INTEGER); else ps.setInt(17, r.leafIndex());
                ps.setString(18, r.proof());
                ps.setString(19, r.signature());
                ps.setString(20, r.via());
                ps.setLong(21, ++logNo);
                ps.setInt(22, key);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        updateSummaries(c, records);
    }

    /** Keeps origin_head's counters and seq_group in step with the records just inserted (same transaction). */
    private void updateSummaries(Connection c, List<StoredRecord> records) throws SQLException {
        Map<String, long[]> perOrigin = new LinkedHashMap<>();        // origin -> {highest, count}
        Map<List<String>, Long> perGroup = new LinkedHashMap<>();     // (origin, category, via) -> highest
        for (StoredRecord r : records) {
            long[] o = perOrigin.computeIfAbsent(r.origin(), k -> new long[2]);
            o[0] = Math.max(o[0], r.seq());
            o[1]++;
            perGroup.merge(List.of(r.origin(), r.category(), r.via() == null ? "" : r.via()), r.seq(), Math::max);
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE origin_head SET highest_seq = GREATEST(highest_seq, ?), "
                + "record_count = record_count + ? WHERE origin = ?")) {
            for (var e : perOrigin.entrySet()) {
                ps.setLong(1, e.getValue()[0]);
                ps.setLong(2, e.getValue()[1]);
                ps.setString(3, e.getKey());
                if (ps.executeUpdate() != 1) throw new SQLException("no chain head for origin " + e.getKey());
            }
        }
        try (PreparedStatement up = c.prepareStatement("UPDATE seq_group SET max_seq = GREATEST(max_seq, ?) "
                + "WHERE origin = ? AND category = ? AND via = ?");
             PreparedStatement in = c.prepareStatement("INSERT INTO seq_group (origin, category, via, max_seq) VALUES (?, ?, ?, ?)")) {
            for (var e : perGroup.entrySet()) {
                up.setLong(1, e.getValue());
                up.setString(2, e.getKey().get(0));
                up.setString(3, e.getKey().get(1));
                up.setString(4, e.getKey().get(2));
                if (up.executeUpdate() == 0) {
                    in.setString(1, e.getKey().get(0));
                    in.setString(2, e.getKey().get(1));
                    in.setString(3, e.getKey().get(2));
                    in.setLong(4, e.getValue());
                    in.executeUpdate();
                }
            }
        }
    }

    /** The newest version (and its hash) of each of the records named, as this transaction sees them. */
    public Map<String, VersionHead> versionHeads(Connection c, List<String> ids) throws SQLException {
        if (ids.isEmpty()) return Map.of();
        Map<String, VersionHead> out = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT version, hash FROM credit_record WHERE id = ? ORDER BY version DESC")) {
            for (String id : new java.util.LinkedHashSet<>(ids)) {
                ps.setString(1, id);
                ps.setMaxRows(1);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) out.put(id, new VersionHead(rs.getInt(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    /** The newest version of a record. */
    public Optional<StoredRecord> find(String id) throws SQLException {
        return select("id = ? ORDER BY version DESC", 1, id).stream().findFirst();
    }

    public Optional<SignBatch> batch(String batchId) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT batch_id, origin, tree_size, root_hash, signed_at, sig_alg, "
                     + "key_id, signature FROM sign_batch WHERE batch_id = ?")) {
            ps.setString(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new SignBatch(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
            }
        }
    }

    /**
     * A subject's records, newest first; {@code beforeRowNo} is the cursor of the previous page
     * (0 = first page). The column holds an organisation's code as it is and a person's as its
     * keyed index: both are asked for.
     */
    public List<StoredRecord> bySubject(String subjectKey, int limit, long beforeRowNo) throws SQLException {
        List<String> keys = cipher.subjectLookups(subjectKey);
        String in = keys.size() == 1 ? "subject_key = ?" : "subject_key IN (?, ?)";
        List<Object> args = new ArrayList<>(keys);
        if (beforeRowNo > 0) args.add(beforeRowNo);
        return select(in + (beforeRowNo > 0 ? " AND row_no < ?" : "") + " ORDER BY row_no DESC", limit, args.toArray());
    }

    /**
     * A subject's records as they stand: each at the newest version held here (a later version
     * of a record — an exit, a revocation — replaces the earlier ones), newest first.
     */
    public List<StoredRecord> currentBySubject(String subjectKey, int limit) throws SQLException {
        Map<String, StoredRecord> newest = new LinkedHashMap<>();
        for (StoredRecord r : bySubject(subjectKey, limit, 0)) newest.merge(r.id(), r, (a, b) -> a.version() >= b.version() ? a : b);
        return new ArrayList<>(newest.values());
    }

    /** An origin's records in sequence order from {@code fromSeq}: the catch-up read. */
    public List<StoredRecord> byOrigin(String origin, long fromSeq, int limit) throws SQLException {
        return select("origin = ? AND seq >= ? ORDER BY seq", limit, origin, fromSeq);
    }

    public long count() throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM credit_record");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---- federation: records received from other origins ----

    /**
     * The hashes of an origin's records held with sequence numbers in [from, to], keyed "id@version":
     * one query for a whole delivery instead of one per record.
     */
    public Map<String, String> hashesInRange(Connection c, String origin, long from, long to) throws SQLException {
        Map<String, String> out = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, version, hash FROM credit_record WHERE origin = ? AND seq BETWEEN ? AND ?")) {
            ps.setString(1, origin);
            ps.setLong(2, from);
            ps.setLong(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1) + "@" + rs.getInt(2), rs.getString(3));
            }
        }
        return out;
    }

    public boolean batchExists(Connection c, String batchId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sign_batch WHERE batch_id = ?")) {
            ps.setString(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Moves an origin's watermark (its chain head here) forward over every record held without a
     * gap whose prevHash links to the one before. The records just inserted are walked in memory
     * first (the usual case: they continue the chain); the table is read only when records that
     * arrived earlier, out of order, lie beyond them. Returns the head reached and, if the chain
     * does not link, the id of the first record that breaks it.
     */
    public WatermarkAdvance advanceWatermark(Connection c, String origin, List<StoredRecord> justInserted) throws SQLException {
        OriginHead head = lockHead(c, origin);
        long seq = head.lastSeq();
        String hash = head.lastHash();
        String broken = null;
        List<StoredRecord> mine = justInserted.stream().filter(r -> r.origin().equals(origin))
                .sorted(java.util.Comparator.comparingLong(StoredRecord::seq)).toList();
        for (StoredRecord r : mine) {
            if (r.seq() <= seq) continue;
            if (r.seq() != seq + 1) break;
            if (!r.prevHash().equals(hash)) {
                broken = r.id();
                break;
            }
            seq = r.seq();
            hash = r.hash();
        }
        OriginHead reached = new OriginHead(origin, seq, hash);
        if (broken == null && holds(c, origin, seq + 1)) {
            WatermarkAdvance scanned = scanFrom(c, reached);
            reached = scanned.head();
            broken = scanned.brokenAt();
        }
        if (reached.lastSeq() != head.lastSeq()) updateHead(c, reached);
        return new WatermarkAdvance(reached, broken);
    }

    private boolean holds(Connection c, String origin, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM credit_record WHERE origin = ? AND seq = ?")) {
            ps.setString(1, origin);
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Walks the stored records after {@code from} while they are contiguous and linked. */
    private WatermarkAdvance scanFrom(Connection c, OriginHead from) throws SQLException {
        String origin = from.origin();
        long seq = from.lastSeq();
        String hash = from.lastHash();
        String broken = null;
        final int page = 5000;
        while (true) {
            int read = 0;
            boolean stopped = false;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, hash, prev_hash, id FROM credit_record WHERE origin = ? AND seq > ? ORDER BY seq")) {
                ps.setMaxRows(page);
                ps.setString(1, origin);
                ps.setLong(2, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        read++;
                        if (rs.getLong(1) != seq + 1) {
                            stopped = true; // a gap: catch-up will fill it
                            break;
                        }
                        if (!rs.getString(3).equals(hash)) {
                            broken = rs.getString(4);
                            stopped = true;
                            break;
                        }
                        seq = rs.getLong(1);
                        hash = rs.getString(2);
                    }
                }
            }
            if (stopped || read < page) break;
        }
        return new WatermarkAdvance(new OriginHead(origin, seq, hash), broken);
    }

    public record WatermarkAdvance(OriginHead head, String brokenAt) {
    }

    /** Per origin: the contiguous watermark (chain head) and the highest sequence number held. */
    public List<OriginState> origins() throws SQLException {
        String sql = "SELECT origin, last_seq, highest_seq, record_count FROM origin_head ORDER BY origin";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            List<OriginState> out = new ArrayList<>();
            while (rs.next()) out.add(new OriginState(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
            return out;
        }
    }

    public record OriginState(String origin, long watermark, long highestSeq, long records) {
    }

    /**
     * For catch-up serving: per origin, category and arrival link, the highest sequence number
     * held. The caller filters the groups by what a neighbour may receive.
     */
    public List<SeqGroup> seqGroups() throws SQLException {
        String sql = "SELECT origin, category, via, max_seq FROM seq_group";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            List<SeqGroup> out = new ArrayList<>();
            while (rs.next()) {
                String via = rs.getString(3);
                out.add(new SeqGroup(rs.getString(1), rs.getString(2), via.isEmpty() ? null : via, rs.getLong(4)));
            }
            return out;
        }
    }

    public record SeqGroup(String origin, String category, String via, long maxSeq) {
    }

    /** An origin's records with sequence numbers in [from, to], in order. */
    public List<StoredRecord> byOriginRange(String origin, long from, long to) throws SQLException {
        return select("origin = ? AND seq BETWEEN ? AND ? ORDER BY seq", 0, origin, from, to);
    }

    /** Records matching {@code whereAndOrder} (placeholders bound to {@code params}); at most {@code limit}, 0 = all. */
    private List<StoredRecord> select(String whereAndOrder, int limit, Object... params) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM credit_record WHERE " + whereAndOrder)) {
            ps.setMaxRows(limit);
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            List<StoredRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(map(rs));
            }
            return out;
        }
    }

    private static void setDate(PreparedStatement ps, int i, java.time.LocalDate d) throws SQLException {
        if (d == null) ps.setNull(i, Types.DATE); else ps.setDate(i, Date.valueOf(d));
    }

    private StoredRecord map(ResultSet rs) throws SQLException {
        Date dd = rs.getDate(9);
        Date pu = rs.getDate(10);
        int leaf = rs.getInt(18);
        Integer leafIndex = rs.wasNull() ? null : leaf;
        CreditRecord record = new CreditRecord(rs.getString(2), rs.getInt(3), rs.getString(4), rs.getLong(5), rs.getString(6),
                rs.getString(7), RecordStatus.parse(rs.getString(8)).orElse(RecordStatus.ACTIVE),
                dd == null ? null : dd.toLocalDate(), pu == null ? null : pu.toLocalDate(), rs.getString(11),
                new String(cipher.decrypt(rs.getBytes(14), rs.getInt(22), rs.getString(2) + "@" + rs.getInt(3)), StandardCharsets.UTF_8),
                rs.getString(12), rs.getString(13));
        RecordSeal seal = new RecordSeal(rs.getString(15), rs.getString(16), rs.getString(17), leafIndex, rs.getString(19), rs.getString(20));
        return new StoredRecord(record, seal, rs.getLong(1), rs.getString(21));
    }
}
