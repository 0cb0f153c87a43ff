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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The joint-action projection (V11): actions, who must respond, responses and feedback, as the
 * "joint-actions" consumer builds them from JOINT_ACTION records. Writes are idempotent: a record
 * seen again (after a consumer takeover) changes nothing.
 */
public final class JointActions {
    public record Action(String id, String origin, String listRecordId, String initiator, String initiatorName, List<String> measures,
                         LocalDate respondBy, LocalDate initiatedOn, List<String> assignments) {
    }

    public record Response(String actionId, String implementer, String implementerName, String node, Set<String> fulfils,
                           String decision, String reason, LocalDate respondedOn, String recordId) {
    }

    public record Feedback(String actionId, String implementer, String measure, String applied, LocalDate appliedDate, String docNo,
                           String effect, LocalDate reportedOn, String recordId) {
    }

    /** An action with everything answered on it so far. */
    public record Tracked(Action action, List<Response> responses, List<Feedback> feedback) {
    }

    private final Database db;

    public JointActions(Database db) {
        this.db = db;
    }

    public void putAction(Action a) throws SQLException {
        db.inTransactionOnce(c -> {
            if (Database.exists(c, "SELECT 1 FROM joint_action WHERE id = ?", a.id())) return null;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO joint_action (id, origin, list_record_id, initiator, "
                    + "initiator_name, measures, respond_by, initiated_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, a.id());
                ps.setString(2, a.origin());
                ps.setString(3, a.listRecordId());
                ps.setString(4, a.initiator());
                ps.setString(5, a.initiatorName());
                ps.setString(6, String.join(",", a.measures()));
                ps.setDate(7, Date.valueOf(a.respondBy()));
                ps.setDate(8, Date.valueOf(a.initiatedOn()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO joint_action_assignment (action_id, assignment) VALUES (?, ?)")) {
                for (String s : new java.util.LinkedHashSet<>(a.assignments())) {
                    ps.setString(1, a.id());
                    ps.setString(2, s);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    public void putResponse(Response r) throws SQLException {
        db.inTransactionOnce(c -> {
            if (Database.exists(c, "SELECT 1 FROM joint_action_response WHERE action_id = ? AND implementer = ?", r.actionId(), r.implementer())) return null;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO joint_action_response (action_id, implementer, implementer_name, "
                    + "node, fulfils, decision, reason, responded_on, record_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, r.actionId());
                ps.setString(2, r.implementer());
                ps.setString(3, r.implementerName());
                ps.setString(4, r.node());
                ps.setString(5, CommaSets.join(r.fulfils()));
                ps.setString(6, r.decision());
                ps.setString(7, r.reason());
                ps.setDate(8, Date.valueOf(r.respondedOn()));
                ps.setString(9, r.recordId());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public void putFeedback(Feedback f) throws SQLException {
        db.inTransactionOnce(c -> {
            if (Database.exists(c, "SELECT 1 FROM joint_action_feedback WHERE action_id = ? AND implementer = ? AND measure = ?",
                    f.actionId(), f.implementer(), f.measure())) return null;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO joint_action_feedback (action_id, implementer, measure, applied, "
                    + "applied_date, doc_no, effect, reported_on, record_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, f.actionId());
                ps.setString(2, f.implementer());
                ps.setString(3, f.measure());
                ps.setString(4, f.applied());
                if (f.appliedDate() == null) ps.setNull(5, Types.DATE); else ps.setDate(5, Date.valueOf(f.appliedDate()));
                ps.setString(6, f.docNo());
                ps.setString(7, f.effect());
                ps.setDate(8, Date.valueOf(f.reportedOn()));
                ps.setString(9, f.recordId());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Tracked> find(String id) throws SQLException {
        List<Tracked> found = tracked("WHERE a.id = ?", List.of(id), 1);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Actions naming any of these assignments, newest first. */
    public List<Tracked> assignedTo(Collection<String> assignments, int limit) throws SQLException {
        if (assignments.isEmpty()) return List.of();
        String in = String.join(",", java.util.Collections.nCopies(assignments.size(), "?"));
        return tracked("WHERE a.id IN (SELECT action_id FROM joint_action_assignment WHERE assignment IN (" + in + "))",
                List.copyOf(assignments), limit);
    }

    /** Actions initiated by any of these authorities, newest first. */
    public List<Tracked> initiatedBy(Collection<String> authorities, int limit) throws SQLException {
        if (authorities.isEmpty()) return List.of();
        String in = String.join(",", java.util.Collections.nCopies(authorities.size(), "?"));
        return tracked("WHERE a.initiator IN (" + in + ")", List.copyOf(authorities), limit);
    }

    /** Every action this node holds, newest first (tracking and statistics). */
    public List<Tracked> all(int limit) throws SQLException {
        return tracked("", List.of(), limit);
    }

    public List<String> onListEntry(String listRecordId) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT id FROM joint_action WHERE list_record_id = ?")) {
            ps.setString(1, listRecordId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }

    private List<Tracked> tracked(String where, List<String> args, int limit) throws SQLException {
        try (Connection c = db.connection()) {
            Map<String, Action> actions = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT a.id, a.origin, a.list_record_id, a.initiator, a.initiator_name, a.measures, "
                    + "a.respond_by, a.initiated_on FROM joint_action a " + where + " ORDER BY a.initiated_on DESC, a.id DESC")) {
                for (int i = 0; i < args.size(); i++) ps.setString(i + 1, args.get(i));
                ps.setMaxRows(limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        actions.put(rs.getString(1), new Action(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), List.copyOf(CommaSets.split(rs.getString(6))), rs.getDate(7).toLocalDate(),
                                rs.getDate(8).toLocalDate(), new ArrayList<>()));
                    }
                }
            }
            if (actions.isEmpty()) return List.of();
            Map<String, List<Response>> responses = new LinkedHashMap<>();
            Map<String, List<Feedback>> feedback = new LinkedHashMap<>();
            for (List<String> chunk : chunks(List.copyOf(actions.keySet()), 500)) {
                String in = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement("SELECT action_id, assignment FROM joint_action_assignment WHERE action_id IN ("
                        + in + ") ORDER BY action_id, assignment")) {
                    bind(ps, chunk);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) actions.get(rs.getString(1)).assignments().add(rs.getString(2));
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT action_id, implementer, implementer_name, node, fulfils, decision, "
                        + "reason, responded_on, record_id FROM joint_action_response WHERE action_id IN (" + in + ") ORDER BY responded_on, implementer")) {
                    bind(ps, chunk);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            responses.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Response(rs.getString(1), rs.getString(2),
                                    rs.getString(3), rs.getString(4), CommaSets.split(rs.getString(5)), rs.getString(6), rs.getString(7),
                                    rs.getDate(8).toLocalDate(), rs.getString(9)));
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT action_id, implementer, measure, applied, applied_date, doc_no, effect, "
                        + "reported_on, record_id FROM joint_action_feedback WHERE action_id IN (" + in + ") ORDER BY reported_on, implementer, measure")) {
                    bind(ps, chunk);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Date applied = rs.getDate(5);
                            feedback.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Feedback(rs.getString(1), rs.getString(2),
                                    rs.getString(3), rs.getString(4), applied == null ? null : applied.toLocalDate(), rs.getString(6),
                                    rs.getString(7), rs.getDate(8).toLocalDate(), rs.getString(9)));
                        }
                    }
                }
            }
            List<Tracked> out = new ArrayList<>(actions.size());
            for (Action a : actions.values()) {
                out.add(new Tracked(a, responses.getOrDefault(a.id(), List.of()), feedback.getOrDefault(a.id(), List.of())));
            }
            return out;
        }
    }

    private static void bind(PreparedStatement ps, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) ps.setString(i + 1, values.get(i));
    }

    private static <T> List<List<T>> chunks(List<T> all, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) out.add(all.subList(i, Math.min(all.size(), i + size)));
        return out;
    }
}
