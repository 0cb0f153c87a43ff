package org.creditnode.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/** Subscriptions in the node's database (shared by its instances). */
public final class Subscriptions {
    public record Subscription(String id, String account, String purpose, Set<String> categories, Set<String> listTypes,
                               Set<String> subjectKeys, String createdAt, String cancelledAt, String callback) {
        /** Pushed to {@link #callback()}, rather than only pulled. */
        public boolean pushed() { return callback != null; }
    }

    private final Database db;

    public Subscriptions(Database db) {
        this.db = db;
    }

    /** Stores a subscription; a pushed one with its push state, starting at {@code cursor}, in the same transaction. */
    public void insert(Subscription s, long cursor) throws SQLException {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO subscription (id, account, purpose, "
                    + "categories, list_types, subject_keys, created_at, callback) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, s.id());
                ps.setString(2, s.account());
                ps.setString(3, s.purpose());
                ps.setString(4, CommaSets.join(s.categories()));
                ps.setString(5, CommaSets.join(s.listTypes()));
                ps.setString(6, CommaSets.join(s.subjectKeys()));
                ps.setString(7, s.createdAt());
                ps.setString(8, s.callback());
                ps.executeUpdate();
            }
            if (s.pushed()) SubscriptionPushes.insert(c, s.id(), cursor);
            return null;
        });
    }

    public Optional<Subscription> find(String id) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT id, account, purpose, categories, list_types, "
                + "subject_keys, created_at, cancelled_at, callback FROM subscription WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Subscription(rs.getString(1), rs.getString(2), rs.getString(3), CommaSets.split(rs.getString(4)),
                        CommaSets.split(rs.getString(5)), CommaSets.split(rs.getString(6)), rs.getString(7), rs.getString(8), rs.getString(9)));
            }
        }
    }

    /** The ids of the subscriptions pushed to a callback and not cancelled: each has a push route. */
    public java.util.List<String> pushedIds() throws SQLException {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT id FROM subscription "
                + "WHERE callback IS NOT NULL AND cancelled_at IS NULL ORDER BY created_at"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    public boolean cancel(String id, String at) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE subscription SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL")) {
            ps.setString(1, at);
            ps.setString(2, id);
            return ps.executeUpdate() == 1;
        }
    }
}
