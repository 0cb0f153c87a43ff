package org.creditnode.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The committed-record log: every stored record, own or received, in commit order, numbered by
 * {@code credit_record.log_no}. Records enter it only through {@link RecordStore#insertRecords}, in
 * the transaction that stores them, so a record can never be committed and missed by a consumer
 * (the outbox pattern, with the record table itself as the outbox).
 */
public final class RecordLog {
    /** What a consumer needs to route or project a record without loading its text. */
    public record Entry(long logNo, String id, int version, String origin, long seq, String category, String via) {
    }

    private final Database db;

    public RecordLog(Database db) {
        this.db = db;
    }

    /**
     * Takes {@code n} log numbers for the caller's transaction; returns the last number before them.
     * The row lock on log_head is held until the caller commits or rolls back: a later transaction
     * waits here, so no reader can see number k+1 committed while k is still open.
     */
    static long reserve(Connection c, int n) throws SQLException {
        long last;
        try (PreparedStatement ps = c.prepareStatement("SELECT last_log_no FROM log_head WHERE id = 1 FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) throw new SQLException("log_head is missing; the schema migration did not run");
            last = rs.getLong(1);
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE log_head SET last_log_no = ? WHERE id = 1")) {
            ps.setLong(1, last + n);
            ps.executeUpdate();
        }
        return last;
    }

    /** Up to {@code limit} entries after {@code position}, in log order. */
    public List<Entry> after(long position, int limit) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT log_no, id, version, origin, seq, category, via FROM credit_record WHERE log_no > ? ORDER BY log_no")) {
            ps.setLong(1, position);
            ps.setMaxRows(limit);
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getLong(5),
                            rs.getString(6), rs.getString(7)));
                }
            }
            return out;
        }
    }

    /** The last committed log number. */
    public long last() throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT last_log_no FROM log_head WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
