package org.creditnode.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Signing certificate chains of other origins, by key id, kept so their records stay verifiable here. */
public final class CertificateStore {
    private final Database db;
    private final ConcurrentMap<String, String> cache = new ConcurrentHashMap<>();

    public CertificateStore(Database db) {
        this.db = db;
    }

    /** Stores a chain (PEM, leaf first) unless the key id is known; runs in the caller's transaction. */
    public void putIfAbsent(Connection c, String keyId, String nodeId, String chainPem) throws SQLException {
        if (cache.containsKey(keyId)) return;
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM signing_cert WHERE key_id = ?")) {
            q.setString(1, keyId);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO signing_cert (key_id, node_id, chain_pem) VALUES (?, ?, ?)")) {
            ps.setString(1, keyId);
            ps.setString(2, nodeId);
            ps.setString(3, chainPem);
            ps.executeUpdate();
        }
    }

    public Optional<String> chainPem(String keyId) throws SQLException {
        String cached = cache.get(keyId);
        if (cached != null) return Optional.of(cached);
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT chain_pem FROM signing_cert WHERE key_id = ?")) {
            ps.setString(1, keyId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                cache.put(keyId, rs.getString(1));
                return Optional.of(rs.getString(1));
            }
        }
    }
}
