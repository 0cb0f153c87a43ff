package org.creditnode.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Which records hold the measure lists published from above (V11), for a restart to apply them again. */
public final class MeasureListVersions {
    public record Row(String recordId, String origin, String label, LocalDate appliesFrom) {
    }

    private final Database db;

    public MeasureListVersions(Database db) {
        this.db = db;
    }

    public void put(Row r) throws SQLException {
        db.inTransactionOnce(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM measure_list_version WHERE record_id = ?")) {
                q.setString(1, r.recordId());
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) return null;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO measure_list_version (record_id, origin, label, applies_from) "
                    + "VALUES (?, ?, ?, ?)")) {
                ps.setString(1, r.recordId());
                ps.setString(2, r.origin());
                ps.setString(3, r.label());
                ps.setDate(4, Date.valueOf(r.appliesFrom()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    public List<Row> all() throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT record_id, origin, label, applies_from FROM measure_list_version ORDER BY applies_from, record_id");
             ResultSet rs = ps.executeQuery()) {
            List<Row> out = new ArrayList<>();
            while (rs.next()) out.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDate(4).toLocalDate()));
            return out;
        }
    }
}
