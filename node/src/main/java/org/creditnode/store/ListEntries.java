package org.creditnode.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The matching index's table: list entries by the subject or responsible person they concern. */
public final class ListEntries {
    public enum Role { SUBJECT, RESPONSIBLE }

    public record Entry(String subjectKey, String recordId, int version, Role role, String origin, long seq, String category,
                        String listType, String status, LocalDate decisionDate, LocalDate validFrom, LocalDate validTo) {
    }

    private final Database db;

    public ListEntries(Database db) {
        this.db = db;
    }

    /**
     * Replaces what the index holds for these records with these rows, unless it holds a newer
     * version already (a consumer may see entries again after a takeover: idempotent).
     */
    public void put(Collection<String> recordIds, List<Entry> rows) throws SQLException {
        db.inTransaction(c -> {
            java.util.Map<String, Integer> held = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT record_id, MAX(version) FROM match_entry WHERE record_id = ? GROUP BY record_id")) {
                for (String id : recordIds) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) held.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            java.util.Set<String> replaced = new java.util.HashSet<>();
            try (PreparedStatement del = c.prepareStatement("DELETE FROM match_entry WHERE record_id = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO match_entry (subject_key, record_id, version, role, origin, seq, "
                         + "category, list_type, status, decision_date, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Entry e : rows) {
                    Integer h = held.get(e.recordId());
                    if (h != null && h > e.version()) continue;
                    if (replaced.add(e.recordId())) {
                        del.setString(1, e.recordId());
                        del.executeUpdate();
                    }
                    ins.setString(1, e.subjectKey());
                    ins.setString(2, e.recordId());
                    ins.setInt(3, e.version());
                    ins.setString(4, e.role().name());
                    ins.setString(5, e.origin());
                    ins.setLong(6, e.seq());
                    ins.setString(7, e.category());
                    ins.setString(8, e.listType());
                    ins.setString(9, e.status());
                    date(ins, 10, e.decisionDate());
                    date(ins, 11, e.validFrom());
                    date(ins, 12, e.validTo());
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            return null;
        });
    }

    /** Rows for records the index does not hold yet, in one batch: a first load (and the matching benchmark's). */
    public void insertFresh(List<Entry> rows) throws SQLException {
        put(List.of(), rows);
    }

    /** Every entry concerning any of these subject keys (a code and its keyed index). */
    public List<Entry> about(List<String> subjectKeys) throws SQLException {
        String in = String.join(",", java.util.Collections.nCopies(subjectKeys.size(), "?"));
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT subject_key, record_id, version, role, origin, "
                + "seq, category, list_type, status, decision_date, valid_from, valid_to FROM match_entry WHERE subject_key IN (" + in
                + ") ORDER BY decision_date DESC, record_id")) {
            for (int i = 0; i < subjectKeys.size(); i++) ps.setString(i + 1, subjectKeys.get(i));
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getString(1), rs.getString(2), rs.getInt(3), Role.valueOf(rs.getString(4)), rs.getString(5),
                            rs.getLong(6), rs.getString(7), rs.getString(8), rs.getString(9), local(rs.getDate(10)), local(rs.getDate(11)),
                            local(rs.getDate(12))));
                }
            }
            return out;
        }
    }

    /**
     * This origin's own entries still in effect whose validity ended before {@code today}: what
     * the expiry job turns into EXPIRED versions, oldest first.
     */
    public List<String> dueForExpiry(String origin, LocalDate today, int limit) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT record_id FROM match_entry "
                + "WHERE origin = ? AND valid_to < ? AND role = 'SUBJECT' AND status IN ('ACTIVE', 'DISPUTED', 'SHIELDED') "
                + "ORDER BY valid_to, record_id")) {
            ps.setString(1, origin);
            ps.setDate(2, Date.valueOf(today));
            ps.setMaxRows(limit);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }

    /**
     * Entries held whose origin is {@code region} or, for a province ({@code xx0000}), any node in it:
     * category → status → number of entries. For the alliance view's recognised entries per partner.
     */
    public java.util.Map<String, java.util.Map<String, Long>> heldFrom(String region) throws SQLException {
        boolean province = region.endsWith("0000");
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT category, status, COUNT(*) FROM match_entry "
                + "WHERE role = 'SUBJECT' AND " + (province ? "origin LIKE ?" : "origin = ?") + " GROUP BY category, status")) {
            ps.setString(1, province ? region.substring(0, 2) + "%" : region);
            java.util.Map<String, java.util.Map<String, Long>> out = new java.util.TreeMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.computeIfAbsent(rs.getString(1), k -> new java.util.TreeMap<>()).put(rs.getString(2), rs.getLong(3));
            }
            return out;
        }
    }

    private static void date(PreparedStatement ps, int i, LocalDate d) throws SQLException {
        if (d == null) ps.setNull(i, Types.DATE); else ps.setDate(i, Date.valueOf(d));
    }

    private static LocalDate local(Date d) {
        return d == null ? null : d.toLocalDate();
    }
}
