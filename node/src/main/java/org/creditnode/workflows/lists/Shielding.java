package org.creditnode.workflows.lists;

import org.creditnode.record.RecordAuthority;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.creditnode.record.RecordStatus;
import org.creditnode.store.AuditLog;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Temporary shielding (暂时屏蔽, N4: firms in bankruptcy restructuring): the deciding authority,
 * at the record's origin, hides a record and suspends its measures, citing the court ruling, and
 * lifts it again. Both are new versions, so every holder hides and shows the record alike.
 */
public final class Shielding {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public record ShieldRequest(String ruling, String court, String reason) {
    }

    private final String node;
    private final RecordStore store;
    private final IngestService ingest;
    private final Catalogue catalogue;
    private final PolicyEngine policies;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;

    public Shielding(String node, RecordStore store, IngestService ingest, Catalogue catalogue, PolicyEngine policies, AuditLog audit,
                     ObjectMapper json, Clock clock) {
        this.node = node;
        this.store = store;
        this.ingest = ingest;
        this.catalogue = catalogue;
        this.policies = policies;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    public StoredRecord shield(Account a, String id, ShieldRequest r) throws SQLException, IOException {
        if (r == null) throw bad("body", "send {\"ruling\": \"(2026)赣04破12号\", \"court\", \"reason\"?}");
        String ruling = r.ruling() == null ? "" : r.ruling().trim();
        if (ruling.isEmpty() || ruling.length() > 200) throw bad("ruling", "the court ruling's number, 1 to 200 characters");
        String court = r.court() == null ? "" : r.court().trim();
        if (court.isEmpty() || court.length() > 200) throw bad("court", "the court, 1 to 200 characters");
        ObjectNode change = change("SHIELD", "暂时屏蔽");
        change.put("ruling", ruling);
        change.put("court", court);
        if (r.reason() != null && !r.reason().isBlank()) change.put("reason", r.reason().trim());
        return revise(a, id, RecordStatus.SHIELDED, change);
    }

    public StoredRecord lift(Account a, String id, ShieldRequest r) throws SQLException, IOException {
        StoredRecord current = record(id);
        if (current.status() != RecordStatus.SHIELDED) {
            throw new Problem(Problem.Kind.CONFLICT, "NOT_SHIELDED", current.id() + " is " + current.status() + ", not shielded");
        }
        ObjectNode change = change("UNSHIELD", "解除屏蔽");
        if (r != null && r.ruling() != null && !r.ruling().isBlank()) change.put("ruling", r.ruling().trim());
        return revise(a, id, RecordStatus.ACTIVE, change);
    }

    private StoredRecord revise(Account a, String id, RecordStatus to, ObjectNode change) throws SQLException, IOException {
        StoredRecord current = record(id);
        String authority = RecordAuthority.code(current.canonical());
        Decision d = policies.evaluate(Scope.REVISE, new Revise(a.id(), a.authorities(), a.categories(), node, current.id(), current.origin(),
                authority, current.category(), current.status(), to), LocalDate.now(clock.withZone(CHINA)));
        if (!d.permitted()) {
            String code = AccountRules.code(d);
            String message = d.reason().substring(code.length() + 1).trim();
            audit.byAccount("SHIELD_REFUSED", a.id(), code, message);
            throw new Problem(code.equals("NOT_ORIGIN") || code.equals("STATUS_CONFLICT") ? Problem.Kind.CONFLICT : Problem.Kind.FORBIDDEN,
                    code, message);
        }
        change.put("by", a.id());
        StoredRecord next = ingest.commitRevision(current, to, change);
        audit.byAccount(to == RecordStatus.SHIELDED ? "RECORD_SHIELDED" : "RECORD_UNSHIELDED", a.id(), to.name(),
                next.id() + " version " + next.version());
        return next;
    }

    private StoredRecord record(String id) throws SQLException {
        StoredRecord r = id == null ? null : store.find(id.trim()).orElse(null);
        if (r == null) throw new Problem(Problem.Kind.NOT_FOUND, "UNKNOWN_RECORD", "no record " + id + " on this node");
        if (!catalogue.category(r.category()).map(CategorySpec::isPublished).orElse(false)) {
            throw new Problem(Problem.Kind.UNPROCESSABLE, "NOT_SHIELDABLE", r.id() + " is a workflow record, never public");
        }
        return r;
    }

    private ObjectNode change(String kind, String label) {
        ObjectNode c = json.createObjectNode();
        c.put("kind", kind);
        c.put("kindLabel", label);
        c.put("decidedAt", LocalDate.now(clock.withZone(CHINA)).toString());
        return c;
    }

    private static Problem bad(String field, String why) {
        return new Problem(Problem.Kind.BAD_REQUEST, "BAD_SHIELD", field + ": " + why);
    }
}
