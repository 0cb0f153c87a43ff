package org.creditnode.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The durable push state of each subscription with a callback: its cursor (moved only after a 2xx),
 * attempts and back-off of the batch in flight, the dead letter, and the lease that lets one
 * instance of the node push it at a time (as {@link LogCursors} does for log consumers).
 */
public final class SubscriptionPushes {
    public static final String ACTIVE = "ACTIVE";
    public static final String DEAD_LETTER = "DEAD_LETTER";

    /** The batch that failed maxAttempts times: log positions after {@code from} up to {@code to}. */
    public record DeadLetter(long from, long to, int records, String at) {
    }

    public record State(String subscription, long cursor, String state, int attempts, long nextAttemptAt, String lastError,
                        String lastAttemptAt, String lastDeliveryAt, DeadLetter deadLetter) {
    }

    private static final String COLUMNS = "subscription, cursor_position, state, attempts, next_attempt_at, last_error, "
            + "last_attempt_at, last_delivery_at, dead_from, dead_to, dead_records, dead_at";

    private final Database db;

    public SubscriptionPushes(Database db) {
        this.db = db;
    }

    static void insert(Connection c, String subscription, long cursor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO subscription_push (subscription, cursor_position, state, attempts, "
                + "next_attempt_at, lease_until) VALUES (?, ?, 'ACTIVE', 0, 0, 0)")) {
            ps.setString(1, subscription);
            ps.setLong(2, cursor);
            ps.executeUpdate();
        }
    }

    /** A pushed subscription as operators see it: whose, for what, where to, and how its push goes. */
    public record Overview(String id, String account, String purpose, String callback, String cancelledAt, State push) {
    }

    /** Every pushed subscription, oldest first. */
    public java.util.List<Overview> all() throws SQLException {
        java.util.List<Overview> out = new java.util.ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT s.id, s.account, s.purpose, s.callback, "
                + "s.cancelled_at FROM subscription s WHERE s.callback IS NOT NULL ORDER BY s.created_at"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Overview(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), null));
            }
        }
        java.util.List<Overview> withState = new java.util.ArrayList<>(out.size());
        for (Overview o : out) {
            withState.add(new Overview(o.id(), o.account(), o.purpose(), o.callback(), o.cancelledAt(), find(o.id()).orElse(null)));
        }
        return withState;
    }

    public Optional<State> find(String subscription) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM subscription_push WHERE subscription = ?")) {
            ps.setString(1, subscription);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                long deadTo = rs.getLong(10);
                DeadLetter dead = rs.wasNull() ? null : new DeadLetter(rs.getLong(9), deadTo, rs.getInt(11), rs.getString(12));
                return Optional.of(new State(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getLong(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), dead));
            }
        }
    }

    /** Takes or renews the lease for {@code owner}; the state when this instance may push the subscription now. */
    public Optional<State> claim(String subscription, String owner, long now, long leaseMs) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement up = c.prepareStatement("UPDATE subscription_push SET lease_owner = ?, "
                + "lease_until = ? WHERE subscription = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)")) {
            up.setString(1, owner);
            up.setLong(2, now + leaseMs);
            up.setString(3, subscription);
            up.setString(4, owner);
            up.setLong(5, now);
            if (up.executeUpdate() != 1) return Optional.empty();
        }
        return find(subscription);
    }

    /**
     * The callback took the batch: the cursor moves from {@code from} to {@code to}, if this owner
     * still holds the lease and nobody moved it meanwhile; false otherwise.
     */
    public boolean delivered(String subscription, String owner, long from, long to, String at) throws SQLException {
        // at == null: entries the subscription does not follow were passed over, nothing was delivered
        try (Connection c = db.connection(); PreparedStatement up = c.prepareStatement("UPDATE subscription_push SET cursor_position = ?, "
                + (at == null ? "" : "attempts = 0, next_attempt_at = 0, last_error = NULL, last_delivery_at = ?, ")
                + "lease_owner = lease_owner WHERE subscription = ? AND lease_owner = ? AND cursor_position = ? AND state = 'ACTIVE'")) {
            int i = 1;
            up.setLong(i++, to);
            if (at != null) up.setString(i++, at);
            up.setString(i++, subscription);
            up.setString(i++, owner);
            up.setLong(i, from);
            return up.executeUpdate() == 1;
        }
    }

    /** An attempt failed: counted, with the time of the next one, or the batch dead-lettered. */
    public void failed(String subscription, String owner, String error, String at, long nextAttemptAt, DeadLetter dead) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement up = c.prepareStatement("UPDATE subscription_push SET attempts = attempts + 1, "
                + "last_error = ?, last_attempt_at = ?, next_attempt_at = ?, state = ?, dead_from = ?, dead_to = ?, dead_records = ?, "
                + "dead_at = ? WHERE subscription = ? AND lease_owner = ? AND state = 'ACTIVE'")) {
            up.setString(1, error.length() > 1000 ? error.substring(0, 1000) : error);
            up.setString(2, at);
            up.setLong(3, nextAttemptAt);
            up.setString(4, dead == null ? ACTIVE : DEAD_LETTER);
            if (dead == null) {
                for (int i = 5; i <= 7; i++) up.setNull(i, java.sql.Types.BIGINT);
                up.setNull(8, java.sql.Types.VARCHAR);
            } else {
                up.setLong(5, dead.from());
                up.setLong(6, dead.to());
                up.setInt(7, dead.records());
                up.setString(8, dead.at());
            }
            up.setString(9, subscription);
            up.setString(10, owner);
            up.executeUpdate();
        }
    }

    /** Gives this owner's leases up at a clean stop, so that another instance need not wait for them to expire. */
    public void release(String owner) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement up = c.prepareStatement(
                "UPDATE subscription_push SET lease_owner = NULL, lease_until = 0 WHERE lease_owner = ?")) {
            up.setString(1, owner);
            up.executeUpdate();
        }
    }

    /** The dead letter is taken up again: the subscription goes on from its cursor. False when it was not dead-lettered. */
    public boolean replay(String subscription) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement up = c.prepareStatement("UPDATE subscription_push SET state = 'ACTIVE', "
                + "attempts = 0, next_attempt_at = 0 WHERE subscription = ? AND state = 'DEAD_LETTER'")) {
            up.setString(1, subscription);
            return up.executeUpdate() == 1;
        }
    }
}
