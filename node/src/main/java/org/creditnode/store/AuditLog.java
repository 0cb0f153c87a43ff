package org.creditnode.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Security-relevant events (refused records, refused callers, broken chains), kept in the
 * database for operators and also logged under org.creditnode.audit.
 */
public final class AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger("org.creditnode.audit");

    public record Event(long no, String at, String kind, String peer, String recordId, String code, String message) {
    }

    private final Database db;

    public AuditLog(Database db) {
        this.db = db;
    }

    public void record(String kind, String peer, String recordId, String code, String message) {
        LOG.warn("audit kind={} peer={} record={} code={} message={}", kind, peer, recordId, code, message);
        String msg = message == null ? null : message.length() > 2000 ? message.substring(0, 2000) : message;
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_event (at, kind, peer, record_id, code, message) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, OffsetDateTime.now(ZoneOffset.UTC).toString());
            ps.setString(2, kind);
            ps.setString(3, peer);
            ps.setString(4, recordId);
            ps.setString(5, code);
            ps.setString(6, msg);
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.error("could not store audit event kind={} code={}: {}", kind, code, e.toString());
        }
    }

    public List<Event> recent(int limit) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT event_no, at, kind, peer, record_id, code, message FROM audit_event ORDER BY event_no DESC")) {
            ps.setMaxRows(limit);
            List<Event> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Event(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7)));
                }
            }
            return out;
        }
    }
}
