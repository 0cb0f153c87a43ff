package org.creditnode.workflows.objection;

import org.creditnode.record.RecordAuthority;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.access.ActingAuthority;
import org.creditnode.account.Account;
import org.creditnode.ingest.IngestService;
import org.creditnode.policy.AccountRules;
import org.creditnode.policy.Decision;
import org.creditnode.policy.PolicyEngine;
import org.creditnode.policy.Revise;
import org.creditnode.policy.Scope;
import org.creditnode.problem.Problem;
import org.creditnode.record.Catalogue;
import org.creditnode.record.CategorySpec;
import org.creditnode.store.AuditLog;
import org.creditnode.store.DueProcess;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Objections (异议, S16): raised for a subject through an account of any node that holds the
 * record, decided at the record's origin within the due date, the outcome a new version of the
 * record that reaches every holder. The case is the OBJECTION record, so its id is the same on
 * every node; its state here is the due-process projection.
 */
public final class ObjectionService {
    public static final String CATEGORY = "OBJECTION";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Pattern SM3 = Pattern.compile("[0-9a-f]{64}");

    public record Attachment(String name, String sm3) {
    }

    public record RaiseRequest(String recordId, String grounds, String statement, List<Attachment> attachments, String authority) {
    }

    public record DecisionRequest(String outcome, String reason, ObjectNode correction) {
    }

    private final String node;
    private final RecordStore store;
    private final DueProcess cases;
    private final DueProcessIndexer indexer;
    private final IngestService ingest;
    private final Catalogue catalogue;
    private final PolicyEngine policies;
    private final Holders holders;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final int dueDays;

    public ObjectionService(String node, RecordStore store, DueProcess cases, DueProcessIndexer indexer, IngestService ingest, Catalogue catalogue,
                            PolicyEngine policies, Holders holders, AuditLog audit, ObjectMapper json, Clock clock, int dueDays) {
        this.node = node;
        this.store = store;
        this.cases = cases;
        this.indexer = indexer;
        this.ingest = ingest;
        this.catalogue = catalogue;
        this.policies = policies;
        this.holders = holders;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.dueDays = dueDays;
    }

    public ObjectNode raise(Account a, RaiseRequest r) throws SQLException, IOException {
        if (r == null) throw bad("body", "send {\"recordId\", \"grounds\", \"statement\", \"attachments\"?}");
        if (!a.categories().contains(CATEGORY)) {
            throw refused(a, Problem.Kind.FORBIDDEN, "CATEGORY_NOT_ALLOWED", "account " + a.id() + " may not take objections "
                    + "(its operator grants the category " + CATEGORY + ")");
        }
        StoredRecord target = disputable(r.recordId());
        String grounds = r.grounds() == null ? "" : r.grounds().trim().toUpperCase(Locale.ROOT);
        if (!ObjectionRules.GROUNDS.containsKey(grounds)) throw bad("grounds", "one of " + ObjectionRules.GROUNDS + ", got " + r.grounds());
        String statement = r.statement() == null ? "" : r.statement().trim();
        if (statement.isEmpty() || statement.length() > 4000) throw bad("statement", "what is wrong with the record, 1 to 4000 characters");
        List<String> attachments = new ArrayList<>();
        List<Attachment> given = r.attachments() == null ? List.of() : r.attachments();
        for (int i = 0; i < given.size(); i++) {
            Attachment at = given.get(i);
            String name = at == null || at.name() == null ? "" : at.name().trim();
            if (name.isEmpty() || name.length() > 100 || name.contains(";") || name.contains(":")) {
                throw bad("attachments[" + i + "].name", "1 to 100 characters without ; or :");
            }
            String digest = at.sm3() == null ? "" : at.sm3().trim().toLowerCase(Locale.ROOT);
            if (!SM3.matcher(digest).matches()) throw bad("attachments[" + i + "].sm3", "the attachment's SM3 digest, 64 hex digits");
            attachments.add(name + ":" + digest);
        }
        ObjectionRules.mayRaise(target.id(), target.status(), cases.forRecord(DueProcess.Kind.OBJECTION, target.id())).ifPresent(x -> {
            throw refused(a, Problem.Kind.CONFLICT, x[0], x[1]);
        });
        LocalDate today = today();
        LocalDate due = ObjectionRules.dueDate(today, dueDays);
        String authority = ActingAuthority.of(a, r.authority(), "BAD_OBJECTION");
        JsonNode rec = json.readTree(target.canonical());
        ObjectNode o = json.createObjectNode();
        o.put("category", CATEGORY);
        o.set("subject", rec.path("subject").deepCopy());
        o.putObject("authority").put("code", authority).put("name", a.name());
        o.put("decisionDate", today.toString());
        ObjectNode f = o.putObject("fields");
        f.put("OBJ_RECORD", target.id());
        f.put("OBJ_GROUNDS", grounds);
        f.put("OBJ_STATEMENT", statement);
        if (!attachments.isEmpty()) f.put("OBJ_ATTACHMENTS", String.join(";", attachments));
        f.put("OBJ_DUE", due.toString());
        StoredRecord stored = ingest.commitOne(o);
        indexer.objection(stored, json.readTree(stored.canonical())); // at the origin: disputed now; else it travels there
        audit.byAccount("OBJECTION_RAISED", a.id(), grounds, stored.id() + " on " + target.id() + " (origin " + target.origin() + "), due " + due);
        return view(cases.find(DueProcess.Kind.OBJECTION, stored.id()).orElseThrow(), true);
    }

    public ObjectNode decide(Account a, String id, DecisionRequest r) throws SQLException, IOException {
        DueProcess.Case c = objection(id);
        if (r == null) throw bad("body", "send {\"outcome\": \"UPHELD\" | \"CORRECTED\" | \"REVOKED\", \"reason\", \"correction\"?}");
        StoredRecord record = store.find(c.recordId()).orElseThrow(() -> new Problem(Problem.Kind.NOT_FOUND, "UNKNOWN_RECORD",
                "the disputed record " + c.recordId() + " is not on this node"));
        if (c.decided()) throw refused(a, Problem.Kind.CONFLICT, "ALREADY_DECIDED", id + " was decided on " + c.decidedOn() + ": " + c.outcome());
        ObjectionRules.Outcome outcome;
        try {
            outcome = ObjectionRules.Outcome.valueOf(r.outcome() == null ? "" : r.outcome().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad("outcome", "UPHELD (维持), CORRECTED (更正, with correction) or REVOKED (撤销), got " + r.outcome());
        }
        String reason = r.reason() == null ? "" : r.reason().trim();
        if (reason.isEmpty() || reason.length() > 2000) throw bad("reason", "why, 1 to 2000 characters (the subject is told)");
        ObjectNode correction = null;
        if (outcome == ObjectionRules.Outcome.CORRECTED) {
            if (r.correction() == null || !r.correction().path("fields").isObject() || r.correction().path("fields").isEmpty()) {
                throw bad("correction", "the corrected fields: {\"fields\": {\"CF_WFXW\": \"…\"}}");
            }
            correction = (ObjectNode) r.correction().get("fields");
        } else if (r.correction() != null) {
            throw bad("correction", "only with CORRECTED");
        }
        Decision d = policies.evaluate(Scope.REVISE, new Revise(a.id(), a.authorities(), a.categories(), node, record.id(), record.origin(),
                RecordAuthority.code(record.canonical()), record.category(), record.status(), outcome.status), today());
        if (!d.permitted()) {
            String code = AccountRules.code(d);
            throw refused(a, code.equals("NOT_ORIGIN") || code.equals("STATUS_CONFLICT") ? Problem.Kind.CONFLICT : Problem.Kind.FORBIDDEN,
                    code, d.reason().substring(code.length() + 1).trim());
        }
        ObjectNode change = json.createObjectNode();
        change.put("kind", "OBJECTION_DECISION");
        change.put("objection", id);
        change.put("outcome", outcome.name());
        change.put("outcomeLabel", outcome.label);
        change.put("reason", reason);
        change.put("decidedAt", today().toString());
        if (correction != null) {
            ArrayNode fields = change.putArray("corrected");
            correction.fieldNames().forEachRemaining(fields::add);
        }
        StoredRecord next = ingest.commitRevision(record, outcome.status, change, correction);
        cases.decide(DueProcess.Kind.OBJECTION, id, outcome.name(), today(), next.version());
        audit.byAccount("OBJECTION_DECIDED", a.id(), outcome.name(), id + ": " + next.id() + " version " + next.version() + " " + next.status());
        return view(cases.find(DueProcess.Kind.OBJECTION, id).orElseThrow(), true);
    }

    public ObjectNode get(String id) throws SQLException {
        return view(objection(id), true);
    }

    /** Open objections this node holds: the origin's work list, and its descendants' overdue ones at a parent. */
    public List<ObjectNode> open(boolean overdueOnly, int limit) throws SQLException {
        LocalDate today = today();
        List<ObjectNode> out = new ArrayList<>();
        for (DueProcess.Case c : cases.open(DueProcess.Kind.OBJECTION, 100_000)) {
            if (overdueOnly && !ObjectionRules.overdue(c, today)) continue;
            out.add(view(c, false));
            if (out.size() >= limit) break;
        }
        return out;
    }

    private ObjectNode view(DueProcess.Case c, boolean withHolders) throws SQLException {
        LocalDate today = today();
        ObjectNode v = json.createObjectNode();
        v.put("id", c.id());
        v.put("recordId", c.recordId());
        v.put("recordOrigin", c.recordOrigin());
        v.put("raisedAt", c.raisedAt());
        v.put("grounds", c.kind());
        v.put("groundsLabel", ObjectionRules.GROUNDS.getOrDefault(c.kind(), c.kind()));
        v.put("receivedOn", c.receivedOn().toString());
        v.put("dueDate", c.dueOrEligible().toString());
        v.put("state", c.decided() ? "DECIDED" : "OPEN");
        boolean overdue = ObjectionRules.overdue(c, today);
        v.put("overdue", overdue);
        if (overdue && !c.recordOrigin().equals(node)) v.put("escalated", true); // a parent sees its descendant's overdue objection
        if (c.decided()) {
            v.put("outcome", c.outcome());
            v.put("outcomeLabel", ObjectionRules.Outcome.valueOf(c.outcome()).label);
            v.put("decidedOn", c.decidedOn().toString());
            v.put("decidedVersion", c.decidedVersion());
        }
        StoredRecord record = store.find(c.recordId()).orElse(null);
        if (record != null) {
            v.put("recordStatus", record.status().name());
            v.put("recordStatusLabel", record.status().label());
            v.put("recordVersion", record.version());
            if (withHolders && record.origin().equals(node) && record.version() > 1) v.set("holders", holders.of(record, json));
        }
        return v;
    }

    private StoredRecord disputable(String recordId) throws SQLException {
        if (recordId == null || recordId.isBlank()) throw bad("recordId", "name the record objected to");
        StoredRecord r = store.find(recordId.trim()).orElseThrow(() -> new Problem(Problem.Kind.NOT_FOUND, "UNKNOWN_RECORD",
                "recordId: no record " + recordId + " on this node"));
        if (!catalogue.category(r.category()).map(CategorySpec::isPublished).orElse(false)) {
            throw new Problem(Problem.Kind.UNPROCESSABLE, "NOT_DISPUTABLE", "recordId: " + r.id() + " is a " + r.category()
                    + " record of the node's own workflows, not a published credit record");
        }
        return r;
    }

    private DueProcess.Case objection(String id) throws SQLException {
        return cases.find(DueProcess.Kind.OBJECTION, id == null ? "" : id.trim()).orElseThrow(() -> new Problem(Problem.Kind.NOT_FOUND,
                "UNKNOWN_OBJECTION", "no objection " + id + " on this node"));
    }

    private Problem refused(Account a, Problem.Kind kind, String code, String message) {
        audit.byAccount("OBJECTION_REFUSED", a.id(), code, message);
        return new Problem(kind, code, message);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(CHINA));
    }

    static Problem bad(String field, String why) {
        return new Problem(Problem.Kind.BAD_REQUEST, "BAD_OBJECTION", field + ": " + why);
    }
}
