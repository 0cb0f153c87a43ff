package org.creditnode.store;

import org.creditnode.privacy.RecordCipher;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Records waiting for a reviewer (four eyes). The submitted record is kept encrypted like every
 * stored record; a decision moves a row PENDING → APPROVING → APPROVED (or PENDING → REJECTED)
 * with conditional updates, so two reviewers deciding at once cannot both win.
 */
public final class PendingReviews {
    public record Pending(String id, String account, String authority, String category, String body, String status,
                          String submittedAt, String decidedBy, String decidedAt, String reason, String recordId) {
    }

    private final Database db;
    private final RecordCipher cipher;

    public PendingReviews(Database db, RecordCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    public void insert(String id, String account, String authority, String category, String body, String at) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("INSERT INTO pending_review (id, account, "
                + "authority, category, body_enc, enc_key, status, submitted_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?)")) {
            ps.setString(1, id);
            ps.setString(2, account);
            ps.setString(3, authority);
            ps.setString(4, category);
            ps.setBytes(5, cipher.encrypt(body.getBytes(StandardCharsets.UTF_8), id));
            ps.setInt(6, cipher.currentKey());
            ps.setString(7, at);
            ps.executeUpdate();
        }
    }

    public Optional<Pending> find(String id) throws SQLException {
        List<Pending> l = select("WHERE id = ?", 1, id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** Reviews of these authorities in this status, oldest first. */
    public List<Pending> byAuthorities(Collection<String> authorities, String status, int limit) throws SQLException {
        if (authorities.isEmpty()) return List.of();
        String in = String.join(",", java.util.Collections.nCopies(authorities.size(), "?"));
        List<Object> args = new ArrayList<>(authorities);
        args.add(status);
        return select("WHERE authority IN (" + in + ") AND status = ? ORDER BY submitted_at, id", limit, args.toArray());
    }

    /** Moves a review from one status to another if it is still in {@code from}; false if someone else moved it first. */
    public boolean move(String id, String from, String to, String by, String at, String reason, String recordId) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("UPDATE pending_review SET status = ?, "
                + "decided_by = ?, decided_at = ?, reason = COALESCE(?, reason), record_id = COALESCE(?, record_id) WHERE id = ? AND status = ?")) {
            ps.setString(1, to);
            ps.setString(2, by);
            ps.setString(3, at);
            ps.setString(4, reason);
            ps.setString(5, recordId);
            ps.setString(6, id);
            ps.setString(7, from);
            return ps.executeUpdate() == 1;
        }
    }

    private List<Pending> select(String where, int limit, Object... args) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT id, account, authority, category, body_enc, "
                + "enc_key, status, submitted_at, decided_by, decided_at, reason, record_id FROM pending_review " + where)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.setMaxRows(limit);
            List<Pending> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    String body = new String(cipher.decrypt(rs.getBytes(5), rs.getInt(6), id), StandardCharsets.UTF_8);
                    out.add(new Pending(id, rs.getString(2), rs.getString(3), rs.getString(4), body, rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12)));
                }
            }
            return out;
        }
    }
}
