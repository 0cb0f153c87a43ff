package org.creditnode.workflows.lists;

import org.creditnode.record.RecordAuthority;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.account.Account;
import org.creditnode.account.AccountRole;
import org.creditnode.ingest.IngestService;
import org.creditnode.policy.AccountRules;
import org.creditnode.policy.Decision;
import org.creditnode.policy.PolicyEngine;
import org.creditnode.policy.Revise;
import org.creditnode.policy.Scope;
import org.creditnode.problem.Problem;
import org.creditnode.record.RecordStatus;
import org.creditnode.store.AuditLog;
import org.creditnode.store.ListEntries;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;
import org.creditnode.workflows.matching.MatchingIndexer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Leaving a list (S3): by the deciding authority's decision (EXITED), by credit repair
 * (REPAIRED), or by itself when the entry's validity ends (EXPIRED, the node's job). Each exit
 * is a new version of the entry signed by its origin, so it travels to every node that holds the
 * entry the way the entry did, and every matching index there drops its measures.
 */
public final class ListExits {
    private static final Logger LOG = LoggerFactory.getLogger(ListExits.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** Why an authority takes an entry off a list, and the status that says so. */
    public enum Reason {
        DECISION(RecordStatus.EXITED, "决定移出"),
        REPAIR(RecordStatus.REPAIRED, "信用修复");

        final RecordStatus status;
        final String label;

        Reason(RecordStatus status, String label) {
            this.status = status;
            this.label = label;
        }
    }

    public record ExitRequest(String reason, String basis, String note) {
    }

    private final String node;
    private final RecordStore store;
    private final ListEntries entries;
    private final IngestService ingest;
    private final PolicyEngine policies;
    private final AuditLog audit;
    private final Clock clock;

    public ListExits(String node, RecordStore store, ListEntries entries, IngestService ingest, PolicyEngine policies,
                     AuditLog audit, Clock clock) {
        this.node = node;
        this.store = store;
        this.entries = entries;
        this.ingest = ingest;
        this.policies = policies;
        this.audit = audit;
        this.clock = clock;
    }

    /** An account's exit decision on one of its authority's entries, made at the entry's origin. */
    public StoredRecord exit(Account account, String recordId, ExitRequest request) throws SQLException {
        if (request == null) throw bad("body", "send {\"reason\": \"DECISION\" | \"REPAIR\", \"basis\": \"…\"}");
        Reason reason = parse(request.reason());
        String basis = request.basis() == null ? "" : request.basis().trim();
        if (basis.isEmpty() || basis.length() > 500) throw bad("basis", "the decision that takes the entry off the list (1 to 500 characters)");
        if (request.note() != null && request.note().length() > 2000) throw bad("note", "at most 2000 characters");
        if (!account.has(AccountRole.SUBMITTER)) {
            throw new Problem(Problem.Kind.FORBIDDEN, "ROLE_NOT_ALLOWED", "account " + account.id() + " holds " + account.roles()
                    + "; exiting a list entry needs SUBMITTER");
        }
        StoredRecord current = listEntry(recordId);
        allowed(new Revise(account.id(), account.authorities(), account.categories(), node, current.id(), current.origin(),
                RecordAuthority.code(current.canonical()), current.category(), current.status(), reason.status), account.id());
        ObjectNode change = change("EXIT", reason.name(), reason.label, basis, request.note());
        change.put("by", account.id());
        StoredRecord next = ingest.commitRevision(current, reason.status, change);
        audit.byAccount("LIST_EXIT", account.id(), reason.name(), next.id() + " version " + next.version() + " " + next.status());
        LOG.info("list entry exited id={} version={} status={} account={}", next.id(), next.version(), next.status(), account.id());
        return next;
    }

    /**
     * The expiry job: this origin's entries whose validity ended become EXPIRED versions. Runs on
     * one instance (the caller holds the job's lease); a round does at most {@code limit}.
     */
    public int expireDue(int limit) throws SQLException {
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        int done = 0;
        for (String id : entries.dueForExpiry(node, today, limit)) {
            StoredRecord current = store.find(id).orElse(null);
            if (current == null) continue;
            Decision d = policies.evaluate(Scope.REVISE, new Revise(null, null, null, node, id, current.origin(), RecordAuthority.code(current.canonical()),
                    current.category(), current.status(), RecordStatus.EXPIRED), today);
            if (!d.permitted()) continue; // already ended otherwise: the index catches up from the log
            try {
                ingest.commitRevision(current, RecordStatus.EXPIRED, change("EXPIRY", "EXPIRY", "有效期届满", "LIST_VALID_TO 早于 " + today, null));
                done++;
            } catch (Problem p) {
                LOG.info("list entry {} not expired this round: {} {}", id, p.code(), p.getMessage());
            }
        }
        if (done > 0) LOG.info("list entries expired count={} asOf={}", done, today);
        return done;
    }

    private StoredRecord listEntry(String recordId) throws SQLException {
        StoredRecord r = recordId == null ? null : store.find(recordId.trim()).orElse(null);
        if (r == null) throw new Problem(Problem.Kind.NOT_FOUND, "UNKNOWN_RECORD", "no record " + recordId + " on this node");
        if (!MatchingIndexer.LIST_CATEGORIES.contains(r.category())) {
            throw new Problem(Problem.Kind.UNPROCESSABLE, "NOT_A_LIST_ENTRY", recordId + " is " + r.category()
                    + ", not a list entry (" + String.join(", ", MatchingIndexer.LIST_CATEGORIES.stream().sorted().toList()) + ")");
        }
        return r;
    }

    private void allowed(Revise r, String account) {
        Decision d = policies.evaluate(Scope.REVISE, r, LocalDate.now(clock.withZone(CHINA)));
        if (d.permitted()) return;
        String code = AccountRules.code(d);
        String message = d.reason().substring(code.length() + 1).trim();
        audit.byAccount("LIST_EXIT_REFUSED", account, code, message);
        Problem.Kind kind = switch (code) {
            case "STATUS_CONFLICT" -> Problem.Kind.CONFLICT;
            case "NOT_ORIGIN" -> Problem.Kind.CONFLICT;
            default -> Problem.Kind.FORBIDDEN;
        };
        throw new Problem(kind, code, message);
    }

    private ObjectNode change(String kind, String reason, String label, String basis, String note) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("kind", kind);
        c.put("reason", reason);
        c.put("reasonLabel", label);
        c.put("basis", basis);
        if (note != null && !note.isBlank()) c.put("note", note.trim());
        c.put("decidedAt", LocalDate.now(clock.withZone(CHINA)).toString());
        return c;
    }

    private static Reason parse(String text) {
        if (text != null) {
            for (Reason r : Reason.values()) if (r.name().equalsIgnoreCase(text.trim())) return r;
        }
        throw bad("reason", "must be one of " + List.of(Reason.values()) + " (expiry happens by itself), got " + text);
    }

    private static Problem bad(String field, String why) {
        return new Problem(Problem.Kind.BAD_REQUEST, "BAD_EXIT", field + ": " + why);
    }
}
