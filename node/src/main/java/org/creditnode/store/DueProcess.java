package org.creditnode.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The due-process projection (V14): objections and repairs with their outcomes, and which holder
 * applied which version of a record. Writes are idempotent: a record seen again changes nothing.
 */
public final class DueProcess {
    /** An objection or a repair request: the same shape, told apart by the table it is in. */
    public record Case(String id, String recordId, String recordOrigin, String raisedAt, String kind, LocalDate receivedOn,
                       LocalDate dueOrEligible, String ruleSet, String outcome, LocalDate decidedOn, Integer decidedVersion) {
        public boolean decided() { return outcome != null; }
    }

    public record Ack(String recordId, int version, String holder, LocalDate appliedOn) {
    }

    public enum Kind {
        OBJECTION("objection", "due_date"), REPAIR("repair", "eligible_from");

        final String table;
        final String dateColumn;

        Kind(String table, String dateColumn) {
            this.table = table;
            this.dateColumn = dateColumn;
        }
    }

    private final Database db;

    public DueProcess(Database db) {
        this.db = db;
    }

    /** A new case; false if it was known already. */
    public boolean open(Kind kind, Case c) throws SQLException {
        return db.inTransactionOnce(conn -> {
            if (Database.exists(conn, "SELECT 1 FROM " + kind.table + " WHERE id = ?", c.id())) return false;
            String extra = kind == Kind.REPAIR ? ", rule_set" : "";
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + kind.table + " (id, record_id, record_origin, raised_at, "
                    + (kind == Kind.OBJECTION ? "grounds, " : "") + "received_on, " + kind.dateColumn + extra + ") VALUES (?, ?, ?, ?, "
                    + (kind == Kind.OBJECTION ? "?, " : "") + "?, ?" + (kind == Kind.REPAIR ? ", ?" : "") + ")")) {
                int i = 1;
                ps.setString(i++, c.id());
                ps.setString(i++, c.recordId());
                ps.setString(i++, c.recordOrigin());
                ps.setString(i++, c.raisedAt());
                if (kind == Kind.OBJECTION) ps.setString(i++, c.kind());
                ps.setDate(i++, Date.valueOf(c.receivedOn()));
                ps.setDate(i++, Date.valueOf(c.dueOrEligible()));
                if (kind == Kind.REPAIR) ps.setString(i, c.ruleSet());
                ps.executeUpdate();
            }
            return true;
        }).orElse(false); // false: inserted meanwhile by the projection's other writer
    }

    /** The decision on a case, as the deciding version of its record says (first decision wins). */
    public void decide(Kind kind, String id, String outcome, LocalDate on, int version) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("UPDATE " + kind.table
                + " SET outcome = ?, decided_on = ?, decided_version = ? WHERE id = ? AND outcome IS NULL")) {
            ps.setString(1, outcome);
            ps.setDate(2, Date.valueOf(on));
            ps.setInt(3, version);
            ps.setString(4, id);
            ps.executeUpdate();
        }
    }

    public Optional<Case> find(Kind kind, String id) throws SQLException {
        List<Case> found = select(kind, "WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public List<Case> forRecord(Kind kind, String recordId) throws SQLException {
        return select(kind, "WHERE record_id = ? ORDER BY received_on, id", recordId);
    }

    /** Open cases of records this origin issued, oldest due first (the origin's work list). */
    public List<Case> openAt(Kind kind, String origin, int limit) throws SQLException {
        return select(kind, "WHERE record_origin = ? AND outcome IS NULL ORDER BY " + kind.dateColumn + ", id", origin).stream()
                .limit(limit).toList();
    }

    /** Every open case this node holds, whoever decides it (a parent sees its descendants' overdue ones). */
    public List<Case> open(Kind kind, int limit) throws SQLException {
        return select(kind, "WHERE outcome IS NULL ORDER BY " + kind.dateColumn + ", id").stream().limit(limit).toList();
    }

    /** A holder applied a version; {@code category} is known where the record is (null elsewhere: not learned). */
    public void ack(Ack a, String origin, String category) throws SQLException {
        db.inTransactionOnce(c -> {
            boolean known;
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM status_ack WHERE record_id = ? AND version = ? AND holder = ?")) {
                q.setString(1, a.recordId());
                q.setInt(2, a.version());
                q.setString(3, a.holder());
                try (ResultSet rs = q.executeQuery()) {
                    known = rs.next();
                }
            }
            if (!known) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO status_ack (record_id, version, holder, applied_on) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, a.recordId());
                    ps.setInt(2, a.version());
                    ps.setString(3, a.holder());
                    ps.setDate(4, Date.valueOf(a.appliedOn()));
                    ps.executeUpdate();
                }
            }
            if (category != null && !a.holder().equals(origin)
                    && !Database.exists(c, "SELECT 1 FROM known_holder WHERE origin = ? AND category = ? AND holder = ?", origin, category, a.holder())) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO known_holder (origin, category, holder) VALUES (?, ?, ?)")) {
                    ps.setString(1, origin);
                    ps.setString(2, category);
                    ps.setString(3, a.holder());
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    public List<Ack> acks(String recordId) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT record_id, version, holder, applied_on FROM status_ack WHERE record_id = ? ORDER BY version, holder")) {
            ps.setString(1, recordId);
            List<Ack> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Ack(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getDate(4).toLocalDate()));
            }
            return out;
        }
    }

    public List<String> knownHolders(String origin, String category) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT holder FROM known_holder WHERE origin = ? AND category = ? ORDER BY holder")) {
            ps.setString(1, origin);
            ps.setString(2, category);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }

    private List<Case> select(Kind kind, String where, String... args) throws SQLException {
        String cols = "id, record_id, record_origin, raised_at, " + (kind == Kind.OBJECTION ? "grounds" : "NULL") + ", received_on, "
                + kind.dateColumn + ", " + (kind == Kind.REPAIR ? "rule_set" : "NULL") + ", outcome, decided_on, decided_version";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT " + cols + " FROM " + kind.table + " " + where)) {
            for (int i = 0; i < args.length; i++) ps.setString(i + 1, args[i]);
            List<Case> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Date decided = rs.getDate(10);
                    int v = rs.getInt(11);
                    out.add(new Case(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getDate(6).toLocalDate(), rs.getDate(7).toLocalDate(), rs.getString(8), rs.getString(9),
                            decided == null ? null : decided.toLocalDate(), rs.wasNull() ? null : v));
                }
            }
            return out;
        }
    }
}
