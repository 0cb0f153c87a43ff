package org.creditnode.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.creditnode.config.NodeConfig;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** A database written before V4 (canonical as text) keeps every record, byte for byte, after it. */
class CanonicalBytesMigrationTest {

    @Test
    void recordsStoredAsTextReadBackUnchangedAfterTheMigration() throws Exception {
        String url = "jdbc:h2:mem:v4-migration;DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "", "").locations("classpath:db/migration").target("3").load().migrate();
        String canonical = "{\"id\":\"360404-1\",\"name\":\"九江市柴桑区某某商贸有限公司\",\"seq\":1}";
        try (Connection c = DriverManager.getConnection(url, "", "");
             PreparedStatement ps = c.prepareStatement("INSERT INTO credit_record (id, version, origin, seq, category, subject_key, "
                     + "status, received_at, hash, prev_hash, canonical, sig_alg, key_id) VALUES (?, 1, '360404', ?, 'ADMIN_PENALTY', "
                     + "'91360404MA35XXXX0X', 'ACTIVE', '2026-11-23T00:00:00Z', 'h', 'p', ?, 'SM2-SM3', 'k')")) {
            for (int seq = 1; seq <= 3; seq++) {
                ps.setString(1, "360404-" + seq);
                ps.setLong(2, seq);
                ps.setString(3, canonical.replace("\"seq\":1", "\"seq\":" + seq));
                ps.executeUpdate();
            }
        }
        NodeConfig.Storage storage = new NodeConfig.Storage();
        storage.url = url;
        try (Database db = new Database(storage)) { // migrates to the latest version
            var records = new RecordStore(db).byOriginRange("360404", 1, 3);
            assertEquals(3, records.size());
            for (StoredRecord r : records) {
                assertEquals(canonical.replace("\"seq\":1", "\"seq\":" + r.seq()), r.canonical());
            }
        }
    }
}
