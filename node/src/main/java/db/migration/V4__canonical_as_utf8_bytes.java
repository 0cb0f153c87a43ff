package db.migration;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Keeps each record's canonical text as the UTF-8 bytes that were hashed and signed, not as a
 * character string. A profile of a federation hop showed H2 spending most of its insert time
 * writing the text character by character (and hashing it for its value cache); bytes are
 * copied as they are, and they are what every check works on anyway. Java, not SQL, because H2
 * and PostgreSQL name the text-to-bytes conversion differently.
 */
public class V4__canonical_as_utf8_bytes extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE credit_record ADD COLUMN canonical_utf8 BYTEA");
        }
        try (PreparedStatement q = c.prepareStatement("SELECT id, version, canonical FROM credit_record");
             PreparedStatement u = c.prepareStatement("UPDATE credit_record SET canonical_utf8 = ? WHERE id = ? AND version = ?");
             ResultSet rs = q.executeQuery()) {
            int pending = 0;
            while (rs.next()) {
                u.setBytes(1, rs.getString(3).getBytes(StandardCharsets.UTF_8));
                u.setString(2, rs.getString(1));
                u.setInt(3, rs.getInt(2));
                u.addBatch();
                if (++pending == 1000) {
                    u.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) u.executeBatch();
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE credit_record ALTER COLUMN canonical_utf8 SET NOT NULL");
            s.execute("ALTER TABLE credit_record DROP COLUMN canonical");
        }
    }
}
