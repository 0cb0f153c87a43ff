package org.creditnode.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Each log consumer's durable position, and the lease that lets exactly one instance of a node
 * run a consumer at a time when several instances share one database. A lease is a row update
 * with an expiry time: an instance that dies stops renewing, and another takes the consumer over
 * once the lease has run out, from the last position written. A consumer must therefore be
 * idempotent for the entries after its position (it may see them again after a takeover).
 */
public final class LogCursors {
    public record Cursor(String consumer, long position, String leaseOwner, long leaseUntil) {
    }

    private final Database db;

    public LogCursors(Database db) {
        this.db = db;
    }

    /**
     * Takes or renews the consumer's lease for {@code owner} until {@code now + leaseMs}; returns
     * the position to continue from, or empty when another owner's lease is still running.
     */
    public OptionalLong claim(String consumer, String owner, long now, long leaseMs) throws SQLException {
        try (Connection c = db.connection()) {
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO log_cursor (consumer, position, lease_owner, lease_until) SELECT ?, 0, NULL, 0 "
                            + "WHERE NOT EXISTS (SELECT 1 FROM log_cursor WHERE consumer = ?)")) {
                ins.setString(1, consumer);
                ins.setString(2, consumer);
                ins.executeUpdate();
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) throw e; // another instance inserted it first
            }
            try (PreparedStatement up = c.prepareStatement("UPDATE log_cursor SET lease_owner = ?, lease_until = ? "
                    + "WHERE consumer = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)")) {
                up.setString(1, owner);
                up.setLong(2, now + leaseMs);
                up.setString(3, consumer);
                up.setString(4, owner);
                up.setLong(5, now);
                if (up.executeUpdate() != 1) return OptionalLong.empty();
            }
            try (PreparedStatement q = c.prepareStatement("SELECT position FROM log_cursor WHERE consumer = ?")) {
                q.setString(1, consumer);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    return OptionalLong.of(rs.getLong(1));
                }
            }
        }
    }

    /** Moves the position on, if {@code owner} still holds the lease; false when it was lost. */
    public boolean advance(String consumer, String owner, long position) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement up = c.prepareStatement(
                "UPDATE log_cursor SET position = ? WHERE consumer = ? AND lease_owner = ? AND position <= ?")) {
            up.setLong(1, position);
            up.setString(2, consumer);
            up.setString(3, owner);
            up.setLong(4, position);
            return up.executeUpdate() == 1;
        }
    }

    /** Gives the lease up at a clean stop, so that another instance need not wait for it to expire. */
    public void release(String consumer, String owner) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement up = c.prepareStatement(
                "UPDATE log_cursor SET lease_owner = NULL, lease_until = 0 WHERE consumer = ? AND lease_owner = ?")) {
            up.setString(1, consumer);
            up.setString(2, owner);
            up.executeUpdate();
        }
    }

    /** Every consumer's cursor, for operators. */
    public Map<String, Cursor> all() throws SQLException {
        Map<String, Cursor> out = new LinkedHashMap<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT consumer, position, lease_owner, lease_until FROM log_cursor ORDER BY consumer"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.put(rs.getString(1), new Cursor(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4)));
        }
        return out;
    }
}
