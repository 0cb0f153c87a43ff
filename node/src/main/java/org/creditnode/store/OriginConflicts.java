package org.creditnode.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Origins caught equivocating: two different records offered under one id and version
 * ({@code HASH_MISMATCH}), or a record that does not link to the one before it
 * ({@code CHAIN_BROKEN}). The first conflict of an origin is kept until an operator clears it, so
 * that it is reported once and loudly, not once per delivery or catch-up round.
 */
public final class OriginConflicts {
    public record Conflict(String origin, long seq, String recordId, String kind, String heldHash, String offeredHash,
                           String reportedBy, String detectedAt) {
        /** How operators see it: {@code CONFLICT at seq N}. */
        public String state() { return "CONFLICT at seq " + seq; }
    }

    private final Database db;

    public OriginConflicts(Database db) {
        this.db = db;
    }

    /** Records the conflict unless the origin already has one; true when it is new. */
    public boolean record(Conflict c) throws SQLException {
        try (Connection conn = db.connection(); PreparedStatement ps = conn.prepareStatement("INSERT INTO origin_conflict "
                + "(origin, seq, record_id, kind, held_hash, offered_hash, reported_by, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, c.origin());
            ps.setLong(2, c.seq());
            ps.setString(3, c.recordId());
            ps.setString(4, c.kind());
            ps.setString(5, c.heldHash());
            ps.setString(6, c.offeredHash());
            ps.setString(7, c.reportedBy());
            ps.setString(8, c.detectedAt() != null ? c.detectedAt() : OffsetDateTime.now(ZoneOffset.UTC).toString());
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) return false; // the origin is already in conflict
            throw e;
        }
    }

    /** Every origin in conflict, by origin. */
    public Map<String, Conflict> all() throws SQLException {
        Map<String, Conflict> out = new LinkedHashMap<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT origin, seq, record_id, kind, "
                + "held_hash, offered_hash, reported_by, detected_at FROM origin_conflict ORDER BY origin");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new Conflict(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
            }
        }
        return out;
    }

    /** An operator has dealt with it (e.g. the origin re-issued its keys and chain): true if there was one. */
    public boolean clear(String origin) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("DELETE FROM origin_conflict WHERE origin = ?")) {
            ps.setString(1, origin);
            return ps.executeUpdate() > 0;
        }
    }
}
