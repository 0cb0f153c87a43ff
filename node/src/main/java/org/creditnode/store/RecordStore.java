package org.creditnode.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * JDBC access to records, batches and origin heads. Writes take the caller's connection so that a
 * whole commit group is one transaction; reads borrow from the pool.
 */
public final class RecordStore {
    private static final String COLUMNS = "row_no, id, version, origin, seq, category, subject_key, status, decision_date, "
            + "publicity_until, received_at, hash, prev_hash, canonical, sig_alg, key_id, batch_id, leaf_index, proof, signature";

    private final Database db;

    public RecordStore(Database db) {
        this.db = db;
    }

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

    /** Inserts all records with one JDBC batch (one round trip per chunk, not per record). */
    public void insertRecords(Connection c, List<StoredRecord> records) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO credit_record (id, version, origin, seq, category, "
                + "subject_key, status, decision_date, publicity_until, received_at, hash, prev_hash, canonical, sig_alg, "
                + "key_id, batch_id, leaf_index, proof, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (StoredRecord r : records) {
                ps.setString(1, r.id());
                ps.setInt(2, r.version());
                ps.setString(3, r.origin());
                ps.setLong(4, r.seq());
                ps.setString(5, r.category());
                ps.setString(6, r.subjectKey());
                ps.setString(7, r.status());
                setDate(ps, 8, r.decisionDate());
                setDate(ps, 9, r.publicityUntil());
                ps.setString(10, r.receivedAt());
                ps.setString(11, r.hash());
                ps.setString(12, r.prevHash());
                ps.setString(13, r.canonical());
                ps.setString(14, r.sigAlg());
                ps.setString(15, r.keyId());
                ps.setString(16, r.batchId());
                if (r.leafIndex() == null) ps.setNull(17, Types.INTEGER); else ps.setInt(17, r.leafIndex());
                ps.setString(18, r.proof());
                ps.setString(19, r.signature());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The newest version of a record. */
    public Optional<StoredRecord> find(String id) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM credit_record WHERE id = ? ORDER BY version DESC")) {
            ps.setMaxRows(1);
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
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

    /** A subject's records, newest first; {@code beforeRowNo} is the cursor of the previous page (0 = first page). */
    public List<StoredRecord> bySubject(String subjectKey, int limit, long beforeRowNo) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM credit_record WHERE subject_key = ?"
                + (beforeRowNo > 0 ? " AND row_no < ?" : "") + " ORDER BY row_no DESC";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setMaxRows(limit);
            ps.setString(1, subjectKey);
            if (beforeRowNo > 0) ps.setLong(2, beforeRowNo);
            List<StoredRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(map(rs));
            }
            return out;
        }
    }

    /** An origin's records in sequence order from {@code fromSeq}: the catch-up read. */
    public List<StoredRecord> byOrigin(String origin, long fromSeq, int limit) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM credit_record WHERE origin = ? AND seq >= ? ORDER BY seq")) {
            ps.setMaxRows(limit);
            ps.setString(1, origin);
            ps.setLong(2, fromSeq);
            List<StoredRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(map(rs));
            }
            return out;
        }
    }

    public long count() throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM credit_record");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void setDate(PreparedStatement ps, int i, java.time.LocalDate d) throws SQLException {
        if (d == null) ps.setNull(i, Types.DATE); else ps.setDate(i, Date.valueOf(d));
    }

    private static StoredRecord map(ResultSet rs) throws SQLException {
        Date dd = rs.getDate(9);
        Date pu = rs.getDate(10);
        int leaf = rs.getInt(18);
        Integer leafIndex = rs.wasNull() ? null : leaf;
        return new StoredRecord(rs.getString(2), rs.getInt(3), rs.getString(4), rs.getLong(5), rs.getString(6),
                rs.getString(7), rs.getString(8), dd == null ? null : dd.toLocalDate(), pu == null ? null : pu.toLocalDate(),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16),
                rs.getString(17), leafIndex, rs.getString(19), rs.getString(20), rs.getLong(1));
    }
}
