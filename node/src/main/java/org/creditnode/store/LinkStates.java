package org.creditnode.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Which links an operator paused: kept in the database, so a pause survives a restart. */
public final class LinkStates {
    private final Database db;

    public LinkStates(Database db) {
        this.db = db;
    }

    public boolean isPaused(String link) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT paused FROM link_state WHERE link = ?")) {
            ps.setString(1, link);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    public void setPaused(String link, boolean paused) throws SQLException {
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        try (Connection c = db.connection()) {
            try (PreparedStatement up = c.prepareStatement("UPDATE link_state SET paused = ?, changed_at = ? WHERE link = ?")) {
                up.setBoolean(1, paused);
                up.setString(2, now);
                up.setString(3, link);
                if (up.executeUpdate() == 1) return;
            }
            try (PreparedStatement in = c.prepareStatement("INSERT INTO link_state (link, paused, changed_at) VALUES (?, ?, ?)")) {
                in.setString(1, link);
                in.setBoolean(2, paused);
                in.setString(3, now);
                in.executeUpdate();
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) throw e;
                setPaused(link, paused); // another instance inserted it first
            }
        }
    }
}
