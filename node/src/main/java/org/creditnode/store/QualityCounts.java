package org.creditnode.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts behind the timeliness and data-quality figures (V13): this node's own records, the
 * records refused at ingest, the monthly totals authorities declare, and the figures the nodes
 * below sent up. Every figure is derived from day counts and month counts, the same shape for
 * this node and for a node below, so that every level computes a period's figures alike.
 */
public final class QualityCounts {
    /** Records received on a day: on time, late, refused by the catalogue checks. */
    public record DayCount(String node, String authority, String category, LocalDate day, long onTime, long late, long rejected) {
    }

    /** A month: the total declared (null: none) and the records decided in it that arrived. */
    public record MonthCount(String node, String authority, String category, YearMonth month, Long declared, long decided) {
    }

    /** One own record as projected. */
    public record Own(String id, String authority, String authorityName, String category, LocalDate decidedOn, LocalDate receivedOn,
                      int workingDays) {
    }

    /** Rejections of one batch, per authority, category and day. */
    public record Rejections(String authority, String category, LocalDate day, long count) {
    }

    /** A node below's figures for one authority and month, as its QUALITY_STATISTICS record holds them. */
    public record Remote(String node, String authority, String authorityName, YearMonth month, long seq, int lateAfter, String recordId,
                         List<DayCount> days, List<MonthCount> months) {
    }

    private final Database db;

    public QualityCounts(Database db) {
        this.db = db;
    }

    /** Idempotent: a record projected again replaces its own row. */
    public void putOwn(Collection<Own> records) throws SQLException {
        if (records.isEmpty()) return;
        db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM quality_record WHERE id = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO quality_record (id, authority, category, "
                         + "decided_on, received_on, working_days) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Own o : records) {
                    del.setString(1, o.id());
                    del.addBatch();
                    ins.setString(1, o.id());
                    ins.setString(2, o.authority());
                    ins.setString(3, o.category());
                    ins.setDate(4, Date.valueOf(o.decidedOn()));
                    ins.setDate(5, Date.valueOf(o.receivedOn()));
                    ins.setInt(6, o.workingDays());
                    ins.addBatch();
                }
                del.executeBatch();
                ins.executeBatch();
            }
            Map<String, String> names = new TreeMap<>();
            for (Own o : records) if (o.authorityName() != null && !o.authorityName().isBlank()) names.put(o.authority(), o.authorityName());
            try (PreparedStatement del = c.prepareStatement("DELETE FROM quality_authority WHERE authority = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO quality_authority (authority, name) VALUES (?, ?)")) {
                for (Map.Entry<String, String> e : names.entrySet()) {
                    del.setString(1, e.getKey());
                    del.addBatch();
                    ins.setString(1, e.getKey());
                    ins.setString(2, e.getValue());
                    ins.addBatch();
                }
                del.executeBatch();
                ins.executeBatch();
            }
            return null;
        });
    }

    /** Adds one batch's rejections: one transaction, one batched update and one batched insert for the rows not there yet. */
    public void addRejected(Collection<Rejections> counts) throws SQLException {
        if (counts.isEmpty()) return;
        try {
            addRejectedOnce(counts);
        } catch (SQLException raced) {
            addRejectedOnce(counts); // another instance inserted the same day's row first: now it updates
        }
    }

    private void addRejectedOnce(Collection<Rejections> counts) throws SQLException {
        db.inTransaction(c -> {
            List<Rejections> missing = new ArrayList<>();
            try (PreparedStatement up = c.prepareStatement("UPDATE quality_rejected SET rejected = rejected + ? "
                    + "WHERE authority = ? AND category = ? AND received_on = ?")) {
                for (Rejections r : counts) {
                    up.setLong(1, r.count());
                    up.setString(2, r.authority());
                    up.setString(3, r.category());
                    up.setDate(4, Date.valueOf(r.day()));
                    up.addBatch();
                }
                int[] updated = up.executeBatch();
                int i = 0;
                for (Rejections r : counts) if (updated[i++] == 0) missing.add(r);
            }
            if (!missing.isEmpty()) {
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO quality_rejected (authority, category, received_on, rejected) "
                        + "VALUES (?, ?, ?, ?)")) {
                    for (Rejections r : missing) {
                        ins.setString(1, r.authority());
                        ins.setString(2, r.category());
                        ins.setDate(3, Date.valueOf(r.day()));
                        ins.setLong(4, r.count());
                        ins.addBatch();
                    }
                    ins.executeBatch();
                }
            }
            return null;
        });
    }

    /** A declared monthly total; a second declaration for the same month replaces the first. */
    public void declare(String authority, String category, YearMonth month, long total, String account, String at) throws SQLException {
        db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM quality_declared WHERE authority = ? AND category = ? AND ym = ?")) {
                del.setString(1, authority);
                del.setString(2, category);
                del.setString(3, month.toString());
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO quality_declared (authority, category, ym, total, account, "
                    + "declared_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ins.setString(1, authority);
                ins.setString(2, category);
                ins.setString(3, month.toString());
                ins.setLong(4, total);
                ins.setString(5, account);
                ins.setString(6, at);
                ins.executeUpdate();
            }
            return null;
        });
    }

    /** This node's day counts from {@code first} to {@code last}; late means more than {@code lateAfter} working days. */
    public List<DayCount> ownDays(String node, LocalDate first, LocalDate last, int lateAfter) throws SQLException {
        Map<String, long[]> byKey = new TreeMap<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT authority, category, received_on, "
                + "SUM(CASE WHEN working_days > ? THEN 0 ELSE 1 END), SUM(CASE WHEN working_days > ? THEN 1 ELSE 0 END) "
                + "FROM quality_record WHERE received_on BETWEEN ? AND ? GROUP BY authority, category, received_on")) {
            ps.setInt(1, lateAfter);
            ps.setInt(2, lateAfter);
            ps.setDate(3, Date.valueOf(first));
            ps.setDate(4, Date.valueOf(last));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] v = byKey.computeIfAbsent(key(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate()), k -> new long[3]);
                    v[0] += rs.getLong(4);
                    v[1] += rs.getLong(5);
                }
            }
            try (PreparedStatement rj = c.prepareStatement("SELECT authority, category, received_on, rejected FROM quality_rejected "
                    + "WHERE received_on BETWEEN ? AND ?")) {
                rj.setDate(1, Date.valueOf(first));
                rj.setDate(2, Date.valueOf(last));
                try (ResultSet rs = rj.executeQuery()) {
                    while (rs.next()) {
                        byKey.computeIfAbsent(key(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate()), k -> new long[3])[2]
                                += rs.getLong(4);
                    }
                }
            }
        }
        List<DayCount> out = new ArrayList<>(byKey.size());
        byKey.forEach((k, v) -> {
            String[] p = k.split("\u0000");
            out.add(new DayCount(node, p[0], p[1], LocalDate.parse(p[2]), v[0], v[1], v[2]));
        });
        return out;
    }

    /** This node's month counts from {@code first} to {@code last}: declared totals and the records decided in each month. */
    public List<MonthCount> ownMonths(String node, YearMonth first, YearMonth last) throws SQLException {
        Map<String, Long[]> byKey = new TreeMap<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT authority, category, decided_on, COUNT(*) "
                + "FROM quality_record WHERE decided_on BETWEEN ? AND ? GROUP BY authority, category, decided_on")) {
            ps.setDate(1, Date.valueOf(first.atDay(1)));
            ps.setDate(2, Date.valueOf(last.atEndOfMonth()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Long[] v = byKey.computeIfAbsent(key(rs.getString(1), rs.getString(2), YearMonth.from(rs.getDate(3).toLocalDate())),
                            k -> new Long[]{null, 0L});
                    v[1] += rs.getLong(4);
                }
            }
            try (PreparedStatement d = c.prepareStatement("SELECT authority, category, ym, total FROM quality_declared "
                    + "WHERE ym BETWEEN ? AND ?")) {
                d.setString(1, first.toString());
                d.setString(2, last.toString());
                try (ResultSet rs = d.executeQuery()) {
                    while (rs.next()) {
                        byKey.computeIfAbsent(key(rs.getString(1), rs.getString(2), YearMonth.parse(rs.getString(3))), k -> new Long[]{null, 0L})[0]
                                = rs.getLong(4);
                    }
                }
            }
        }
        List<MonthCount> out = new ArrayList<>(byKey.size());
        byKey.forEach((k, v) -> {
            String[] p = k.split("\u0000");
            out.add(new MonthCount(node, p[0], p[1], YearMonth.parse(p[2]), v[0], v[1]));
        });
        return out;
    }

    /** The names own records gave their authorities (the latest projected). */
    public Map<String, String> ownNames() throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT authority, name FROM quality_authority");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) if (rs.getString(2) != null) out.put(rs.getString(1), rs.getString(2));
        }
        return out;
    }

    // ---- figures sent up by the nodes below ----

    /** Replaces a node's figures for an authority and month, unless a later record of that node already did. */
    public boolean putRemote(Remote r) throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM quality_remote_source WHERE node = ? AND authority = ? AND ym = ?")) {
                ps.setString(1, r.node());
                ps.setString(2, r.authority());
                ps.setString(3, r.month().toString());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getLong(1) >= r.seq()) return false;
                }
            }
            exec(c, "DELETE FROM quality_remote_source WHERE node = ? AND authority = ? AND ym = ?", r.node(), r.authority(), r.month().toString());
            exec(c, "DELETE FROM quality_remote_month WHERE node = ? AND authority = ? AND ym = ?", r.node(), r.authority(), r.month().toString());
            exec(c, "DELETE FROM quality_remote_day WHERE node = ? AND authority = ? AND received_on BETWEEN ? AND ?", r.node(), r.authority(),
                    Date.valueOf(r.month().atDay(1)), Date.valueOf(r.month().atEndOfMonth()));
            exec(c, "INSERT INTO quality_remote_source (node, authority, ym, seq, authority_name, late_after, record_id) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)", r.node(), r.authority(), r.month().toString(), r.seq(), r.authorityName(), r.lateAfter(), r.recordId());
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO quality_remote_day (node, authority, category, received_on, on_time, "
                    + "late, rejected) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (DayCount d : r.days()) {
                    ins.setString(1, r.node());
                    ins.setString(2, r.authority());
                    ins.setString(3, d.category());
                    ins.setDate(4, Date.valueOf(d.day()));
                    ins.setLong(5, d.onTime());
                    ins.setLong(6, d.late());
                    ins.setLong(7, d.rejected());
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO quality_remote_month (node, authority, category, ym, declared, decided) "
                    + "VALUES (?, ?, ?, ?, ?, ?)")) {
                for (MonthCount m : r.months()) {
                    ins.setString(1, r.node());
                    ins.setString(2, r.authority());
                    ins.setString(3, m.category());
                    ins.setString(4, r.month().toString());
                    if (m.declared() == null) ins.setNull(5, Types.BIGINT); else ins.setLong(5, m.declared());
                    ins.setLong(6, m.decided());
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            return true;
        });
    }

    public List<DayCount> remoteDays(LocalDate first, LocalDate last) throws SQLException {
        List<DayCount> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT node, authority, category, received_on, on_time, "
                + "late, rejected FROM quality_remote_day WHERE received_on BETWEEN ? AND ? ORDER BY node, authority, category, received_on")) {
            ps.setDate(1, Date.valueOf(first));
            ps.setDate(2, Date.valueOf(last));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DayCount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDate(4).toLocalDate(), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7)));
                }
            }
        }
        return out;
    }

    public List<MonthCount> remoteMonths(YearMonth first, YearMonth last) throws SQLException {
        List<MonthCount> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT node, authority, category, ym, declared, decided "
                + "FROM quality_remote_month WHERE ym BETWEEN ? AND ? ORDER BY node, authority, category, ym")) {
            ps.setString(1, first.toString());
            ps.setString(2, last.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long declared = rs.getLong(5);
                    out.add(new MonthCount(rs.getString(1), rs.getString(2), rs.getString(3), YearMonth.parse(rs.getString(4)),
                            rs.wasNull() ? null : declared, rs.getLong(6)));
                }
            }
        }
        return out;
    }

    /** Names the nodes below gave their authorities, keyed "node/authority". */
    public Map<String, String> remoteNames() throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT node, authority, authority_name FROM quality_remote_source ORDER BY ym");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) if (rs.getString(3) != null) out.put(rs.getString(1) + "/" + rs.getString(2), rs.getString(3));
        }
        return out;
    }

    // ---- what this node sent up ----

    public Map<String, String> sentHashes(YearMonth month) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT authority, content_hash FROM quality_sent WHERE ym = ?")) {
            ps.setString(1, month.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    public void sent(String authority, YearMonth month, String hash, String recordId) throws SQLException {
        db.inTransaction(c -> {
            exec(c, "DELETE FROM quality_sent WHERE authority = ? AND ym = ?", authority, month.toString());
            exec(c, "INSERT INTO quality_sent (authority, ym, content_hash, record_id) VALUES (?, ?, ?, ?)", authority, month.toString(), hash, recordId);
            return null;
        });
    }

    private static String key(Object... parts) {
        StringBuilder b = new StringBuilder();
        for (Object p : parts) {
            if (b.length() > 0) b.append('\u0000');
            b.append(p);
        }
        return b.toString();
    }

    private static void exec(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            ps.executeUpdate();
        }
    }
}
