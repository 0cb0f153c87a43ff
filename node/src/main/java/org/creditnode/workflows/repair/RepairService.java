package org.creditnode.workflows.repair;

import org.creditnode.record.RecordAuthority;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.creditnode.record.RecordStatus;
import org.creditnode.record.RuleSets;
import org.creditnode.store.AuditLog;
import org.creditnode.store.DueProcess;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;
import org.creditnode.workflows.objection.DueProcessIndexer;
import org.creditnode.workflows.objection.Holders;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Credit repair (信用修复, S17–S19): asked for through an account of any node that holds the
 * record, with the subject's credit commitment; eligible by the record's dated rule set; decided
 * at the record's origin. A granted repair is a REPAIRED version: it ends publicity and lifts
 * measures on every node that holds the record, repairs decided above flowing down like the
 * records they repair.
 */
public final class RepairService {
    public static final String CATEGORY = "REPAIR";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public record Commitment(String text, String docNo) {
    }

    public record Request(String recordId, Commitment commitment, String authority) {
    }

    public record DecisionRequest(String outcome, String reason) {
    }

    private final String node;
    private final RecordStore store;
    private final DueProcess cases;
    private final DueProcessIndexer indexer;
    private final IngestService ingest;
    private final RuleSets rules;
    private final PolicyEngine policies;
    private final Holders holders;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;

    public RepairService(String node, RecordStore store, DueProcess cases, DueProcessIndexer indexer, IngestService ingest, RuleSets rules,
                         PolicyEngine policies, Holders holders, AuditLog audit, ObjectMapper json, Clock clock) {
        this.node = node;
        this.store = store;
        this.cases = cases;
        this.indexer = indexer;
        this.ingest = ingest;
        this.rules = rules;
        this.policies = policies;
        this.holders = holders;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    public ObjectNode request(Account a, Request r) throws SQLException, IOException {
        if (r == null) throw bad("body", "send {\"recordId\", \"commitment\": {\"text\", \"docNo\"}}");
        if (!a.categories().contains(CATEGORY)) {
            throw refused(a, Problem.Kind.FORBIDDEN, "CATEGORY_NOT_ALLOWED", "account " + a.id() + " may not take repair requests "
                    + "(its operator grants the category " + CATEGORY + ")");
        }
        if (r.recordId() == null || r.recordId().isBlank()) throw bad("recordId", "name the record to repair");
        StoredRecord target = store.find(r.recordId().trim()).orElseThrow(() -> new Problem(Problem.Kind.NOT_FOUND, "UNKNOWN_RECORD",
                "recordId: no record " + r.recordId() + " on this node"));
        if (!RepairRules.REPAIRABLE.contains(target.category())) {
            throw new Problem(Problem.Kind.UNPROCESSABLE, "NOT_REPAIRABLE", "recordId: " + target.id() + " is " + target.category()
                    + "; repairs apply to " + RepairRules.REPAIRABLE);
        }
        String text = r.commitment() == null || r.commitment().text() == null ? "" : r.commitment().text().trim();
        if (text.isEmpty() || text.length() > 4000) throw bad("commitment.text", "the subject's public credit commitment (信用承诺), 1 to 4000 characters");
        String docNo = r.commitment().docNo() == null ? "" : r.commitment().docNo().trim();
        if (docNo.length() > 128) throw bad("commitment.docNo", "at most 128 characters");
        JsonNode rec = json.readTree(target.canonical());
        Eligibility e = eligibility(target, rec);
        LocalDate today = today();
        RepairRules.mayRequest(target.id(), target.status(), cases.forRecord(DueProcess.Kind.REPAIR, target.id()), e.from(), e.why(), today)
                .ifPresent(x -> {
                    throw refused(a, x[0].equals("NOT_YET_ELIGIBLE") ? Problem.Kind.UNPROCESSABLE : Problem.Kind.CONFLICT, x[0], x[1]);
                });
        ObjectNode o = json.createObjectNode();
        o.put("category", CATEGORY);
        o.set("subject", rec.path("subject").deepCopy());
        o.putObject("authority").put("code", ActingAuthority.of(a, r.authority(), "BAD_REPAIR")).put("name", a.name());
        o.put("decisionDate", today.toString());
        ObjectNode f = o.putObject("fields");
        f.put("REP_RECORD", target.id());
        f.put("REP_COMMITMENT", text);
        if (!docNo.isEmpty()) f.put("REP_COMMITMENT_DOC", docNo);
        f.put("REP_ELIGIBLE_FROM", e.from().toString());
        f.put("REP_RULE_SET", e.ruleSet());
        StoredRecord stored = ingest.commitOne(o);
        indexer.repairCase(stored, json.readTree(stored.canonical()));
        audit.byAccount("REPAIR_REQUESTED", a.id(), e.ruleSet(), stored.id() + " for " + target.id() + " (origin " + target.origin() + ")");
        ObjectNode v = view(cases.find(DueProcess.Kind.REPAIR, stored.id()).orElseThrow());
        v.put("explanation", e.why());
        return v;
    }

    public ObjectNode decide(Account a, String id, DecisionRequest r) throws SQLException, IOException {
        DueProcess.Case c = repair(id);
        if (r == null) throw bad("body", "send {\"outcome\": \"GRANTED\" | \"REFUSED\", \"reason\"}");
        StoredRecord record = store.find(c.recordId()).orElseThrow(() -> new Problem(Problem.Kind.NOT_FOUND, "UNKNOWN_RECORD",
                "the record " + c.recordId() + " is not on this node"));
        if (c.decided()) throw refused(a, Problem.Kind.CONFLICT, "ALREADY_DECIDED", id + " was decided on " + c.decidedOn() + ": " + c.outcome());
        String outcome = r.outcome() == null ? "" : r.outcome().trim().toUpperCase(Locale.ROOT);
        if (!outcome.equals("GRANTED") && !outcome.equals("REFUSED")) throw bad("outcome", "GRANTED (准予修复) or REFUSED (不予修复), got " + r.outcome());
        String reason = r.reason() == null ? "" : r.reason().trim();
        if (reason.isEmpty() || reason.length() > 2000) throw bad("reason", "why, 1 to 2000 characters (the subject is told)");
        // who may decide a repair is who may grant it: the record's deciding authority, at its origin
        Decision d = policies.evaluate(Scope.REVISE, new Revise(a.id(), a.authorities(), a.categories(), node, record.id(), record.origin(),
                RecordAuthority.code(record.canonical()), record.category(),
                record.status(), RecordStatus.REPAIRED), today());
        if (!d.permitted()) {
            String code = AccountRules.code(d);
            throw refused(a, code.equals("NOT_ORIGIN") || code.equals("STATUS_CONFLICT") ? Problem.Kind.CONFLICT : Problem.Kind.FORBIDDEN,
                    code, d.reason().substring(code.length() + 1).trim());
        }
        if (outcome.equals("GRANTED")) {
            ObjectNode change = json.createObjectNode();
            change.put("kind", "REPAIR_DECISION");
            change.put("repair", id);
            change.put("outcome", outcome);
            change.put("outcomeLabel", "准予修复");
            change.put("reason", reason);
            change.put("ruleSet", c.ruleSet());
            change.put("decidedAt", today().toString());
            StoredRecord next = ingest.commitRevision(record, RecordStatus.REPAIRED, change);
            cases.decide(DueProcess.Kind.REPAIR, id, outcome, today(), next.version());
        } else {
            // a refusal changes nothing in the record: the origin's own REPAIR record carries it to every node holding the request
            JsonNode rec = json.readTree(record.canonical());
            ObjectNode o = json.createObjectNode();
            o.put("category", CATEGORY);
            o.set("subject", rec.path("subject").deepCopy());
            o.set("authority", rec.path("authority").deepCopy());
            o.put("decisionDate", today().toString());
            ObjectNode f = o.putObject("fields");
            f.put("REP_RECORD", record.id());
            f.put("REP_CASE", id);
            f.put("REP_OUTCOME", outcome);
            f.put("REP_REASON", reason);
            ingest.commitOne(o);
            cases.decide(DueProcess.Kind.REPAIR, id, outcome, today(), record.version());
        }
        audit.byAccount("REPAIR_DECIDED", a.id(), outcome, id + " for " + record.id() + ": " + reason.length() + " characters of reasons");
        return view(cases.find(DueProcess.Kind.REPAIR, id).orElseThrow());
    }

    public ObjectNode get(String id) throws SQLException {
        return view(repair(id));
    }

    /** When the record may be repaired and by which rule: its own dated rule set, or the list rule. */
    public record Eligibility(LocalDate from, String ruleSet, String why) {
    }

    Eligibility eligibility(StoredRecord r, JsonNode rec) {
        JsonNode stored = rec.path("rules");
        if (stored.hasNonNull("repairFrom")) {
            return new Eligibility(LocalDate.parse(stored.get("repairFrom").asText()), stored.path("ruleSet").asText(),
                    stored.path("explanation").asText(stored.path("ruleSet").asText()));
        }
        if (r.category().equals("SERIOUS_DISHONESTY_LIST")) {
            LocalDate from = rules.listRepairFrom(r.decisionDate());
            return new Eligibility(from, "LIST", "严重失信主体名单：认定 " + r.decisionDate() + " 起满最短期限后可申请信用修复（" + from + "）");
        }
        String severity = rec.path("severity").asText(null);
        return rules.apply(r.category(), severity, r.decisionDate())
                .map(a -> new Eligibility(a.repairFrom(), a.ruleSet(), a.explanation(r.decisionDate())))
                .orElse(new Eligibility(r.decisionDate(), "NONE", "no dated rule set governs this record: no minimum period"));
    }

    private ObjectNode view(DueProcess.Case c) throws SQLException {
        ObjectNode v = json.createObjectNode();
        v.put("id", c.id());
        v.put("recordId", c.recordId());
        v.put("recordOrigin", c.recordOrigin());
        v.put("raisedAt", c.raisedAt());
        v.put("receivedOn", c.receivedOn().toString());
        v.put("eligibleFrom", c.dueOrEligible().toString());
        v.put("ruleSet", c.ruleSet());
        v.put("state", c.decided() ? "DECIDED" : "OPEN");
        if (c.decided()) {
            v.put("outcome", c.outcome());
            v.put("outcomeLabel", c.outcome().equals("GRANTED") ? "准予修复" : "不予修复");
            v.put("decidedOn", c.decidedOn().toString());
        }
        StoredRecord record = store.find(c.recordId()).orElse(null);
        if (record != null) {
            v.put("recordStatus", record.status().name());
            v.put("recordStatusLabel", record.status().label());
            v.put("recordVersion", record.version());
            if (record.origin().equals(node) && record.version() > 1) v.set("holders", holders.of(record, json));
        }
        return v;
    }

    private DueProcess.Case repair(String id) throws SQLException {
        return cases.find(DueProcess.Kind.REPAIR, id == null ? "" : id.trim()).orElseThrow(() -> new Problem(Problem.Kind.NOT_FOUND,
                "UNKNOWN_REPAIR", "no repair request " + id + " on this node"));
    }

    private Problem refused(Account a, Problem.Kind kind, String code, String message) {
        audit.byAccount("REPAIR_REFUSED", a.id(), code, message);
        return new Problem(kind, code, message);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(CHINA));
    }

    private static Problem bad(String field, String why) {
        return new Problem(Problem.Kind.BAD_REQUEST, "BAD_REPAIR", field + ": " + why);
    }
}
