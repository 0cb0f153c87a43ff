package org.creditnode.store;

import org.creditnode.privacy.RecordCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings every stored record with personal data under the current data key: records from before
 * encryption at rest (enc_key 0: clear bytes, clear subject code; those without personal data are
 * marked clear, -1) and records under an older key after a rotation.
 * Works in small transactions while the node serves (each row is updated only if it still has
 * the key it was read with, so instances doing this at once do not clash), and reports progress.
 */
public final class Reencryption {
    private static final Logger LOG = LoggerFactory.getLogger(Reencryption.class);

    public record Progress(long done, long remaining, int key) {
    }

    private final Database db;
    private final RecordCipher cipher;
    private volatile Progress last = new Progress(0, -1, 0);

    public Reencryption(Database db, RecordCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    public Progress progress() { return last; }

    /**
     * Refuses a keystore that is not the one this database was encrypted with (a fresh keystore
     * beside a restored database, another instance's keystore): every data key the database has
     * used must be in it and decrypt that key's probe. Records a probe for keys new to the database.
     */
    public void checkKeys() throws SQLException {
        if (!cipher.encrypts()) return;
        java.util.Set<Integer> known = cipher.keys().numbers();
        byte[] probe = "credit-node data key check".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (Connection c = db.connection()) {
            java.util.Set<Integer> checked = new java.util.HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT key_no, probe FROM data_key_check"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int key = rs.getInt(1);
                    if (!known.contains(key)) {
                        throw new org.creditnode.config.ConfigException("this database was encrypted with data key " + key
                                + ", which the data keystore does not hold: start the node with the keystore that belongs to this database (keys.dataKeystore)");
                    }
                    try {
                        cipher.decrypt(rs.getBytes(2), key, "data-key-check");
                    } catch (IllegalStateException e) {
                        throw new org.creditnode.config.ConfigException("data key " + key + " of the data keystore is not the key this database "
                                + "was encrypted with: start the node with the keystore that belongs to this database (keys.dataKeystore)");
                    }
                    checked.add(key);
                }
            }
            for (int key : known) {
                if (checked.contains(key) || key != cipher.currentKey()) continue;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO data_key_check (key_no, probe) VALUES (?, ?)")) {
                    ps.setInt(1, key);
                    ps.setBytes(2, cipher.encrypt(probe, "data-key-check"));
                    ps.executeUpdate();
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) throw e; // another instance recorded it first
                }
            }
        }
    }

    /** Records not yet under the current key. */
    public long remaining() throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM credit_record WHERE enc_key <> ? AND enc_key <> " + RecordCipher.CLEAR)) {
            ps.setInt(1, cipher.currentKey());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Re-encrypts until nothing is left; returns how many records it changed. */
    public long runAll(int chunk) throws SQLException {
        if (!cipher.encrypts()) return 0;
        int key = cipher.currentKey();
        long total = remaining();
        if (total == 0) {
            last = new Progress(0, 0, key);
            return 0;
        }
        LOG.info("re-encryption started: {} records to bring under data key {}", total, key);
        long done = 0;
        long nextLog = System.nanoTime() + 5_000_000_000L;
        int n;
        while ((n = runChunk(key, chunk)) > 0) {
            done += n;
            last = new Progress(done, Math.max(0, total - done), key);
            if (System.nanoTime() > nextLog) {
                LOG.info("re-encryption progress: {} of {} records under data key {}", done, total, key);
                nextLog = System.nanoTime() + 5_000_000_000L;
            }
        }
        last = new Progress(done, remaining(), key);
        LOG.info("re-encryption done: {} records now under data key {}", done, key);
        return done;
    }

    private int runChunk(int key, int chunk) throws SQLException {
        record Row(String id, int version, int encKey, byte[] bytes, String subjectKey) {
        }
        return db.inTransaction(c -> {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, version, enc_key, canonical_utf8, subject_key FROM credit_record WHERE enc_key <> ? AND enc_key <> "
                            + RecordCipher.CLEAR + " ORDER BY row_no")) {
                ps.setMaxRows(chunk);
                ps.setInt(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) rows.add(new Row(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getBytes(4), rs.getString(5)));
                }
            }
            int changed = 0;
            try (PreparedStatement up = c.prepareStatement("UPDATE credit_record SET canonical_utf8 = ?, subject_key = ?, enc_key = ? "
                    + "WHERE id = ? AND version = ? AND enc_key = ?")) {
                for (Row r : rows) {
                    String aad = r.id() + "@" + r.version();
                    byte[] plain = cipher.decrypt(r.bytes(), r.encKey(), aad);
                    String canonical = new String(plain, java.nio.charset.StandardCharsets.UTF_8);
                    int to = cipher.keyFor(canonical);
                    up.setBytes(1, cipher.encrypt(plain, to, aad));
                    // before encryption at rest the subject column held every code itself
                    up.setString(2, r.encKey() == RecordCipher.LEGACY ? cipher.storedSubject(r.subjectKey(), canonical) : r.subjectKey());
                    up.setInt(3, to);
                    up.setString(4, r.id());
                    up.setInt(5, r.version());
                    up.setInt(6, r.encKey());
                    up.addBatch();
                }
                for (int u : up.executeBatch()) changed += Math.max(0, u);
            }
            return rows.isEmpty() ? 0 : Math.max(changed, 1);
        });
    }
}
