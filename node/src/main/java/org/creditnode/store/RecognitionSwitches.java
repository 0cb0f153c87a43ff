package org.creditnode.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Operators' recognition switches (V15): one row per alliance, partner and category, the latest wins. */
public final class RecognitionSwitches {
    public record Row(String alliance, String partner, String category, boolean enabled, String by, String at) {
    }

    private final Database db;

    public RecognitionSwitches(Database db) {
        this.db = db;
    }

    public void put(String alliance, String partner, String category, boolean enabled, String by, Instant at) throws SQLException {
        db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM recognition_switch WHERE alliance_id = ? AND partner = ? AND category = ?")) {
                del.setString(1, alliance);
                del.setString(2, partner);
                del.setString(3, category);
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO recognition_switch (alliance_id, partner, category, enabled, "
                    + "switched_by, switched_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, alliance);
                ps.setString(2, partner);
                ps.setString(3, category);
                ps.setBoolean(4, enabled);
                ps.setString(5, by);
                ps.setString(6, at.toString());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public List<Row> all() throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT alliance_id, partner, category, enabled, switched_by, switched_at FROM recognition_switch ORDER BY 1, 2, 3");
             ResultSet rs = ps.executeQuery()) {
            List<Row> out = new ArrayList<>();
            while (rs.next()) out.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5), rs.getString(6)));
            return out;
        }
    }
}
