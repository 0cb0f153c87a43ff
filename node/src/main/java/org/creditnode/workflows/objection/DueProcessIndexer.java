package org.creditnode.workflows.objection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.ingest.IngestService;
import org.creditnode.log.LogConsumer;
import org.creditnode.policy.PolicyEngine;
import org.creditnode.policy.Revise;
import org.creditnode.policy.Scope;
import org.creditnode.problem.Problem;
import org.creditnode.record.RecordStatus;
import org.creditnode.store.DueProcess;
import org.creditnode.store.RecordLog;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * The consumer of the committed-record log that carries due process across the federation:
 * <ul>
 *   <li>an OBJECTION or REPAIR record, wherever it was raised, opens its case here; at the
 *       disputed record's origin an objection also marks the record DISPUTED (a new version that
 *       travels to every holder);</li>
 *   <li>a later version of a record that decides a case closes it here;</li>
 *   <li>a later version of another node's record is acknowledged: this node signs a STATUS_ACK
 *       record that travels to the origin, which lists the holders still behind;</li>
 *   <li>a STATUS_ACK record is kept, and teaches the origin who holds its records.</li>
 * </ul>
 */
public final class DueProcessIndexer implements LogConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(DueProcessIndexer.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final java.util.Set<String> CASE_CATEGORIES = java.util.Set.of("OBJECTION", "REPAIR", "STATUS_ACK");

    private final String node;
    private final RecordStore store;
    private final DueProcess cases;
    private final IngestService ingest;
    private final PolicyEngine policies;
    private final ObjectMapper json;
    private final Clock clock;

    public DueProcessIndexer(String node, RecordStore store, DueProcess cases, IngestService ingest, PolicyEngine policies,
                             ObjectMapper json, Clock clock) {
        this.node = node;
        this.store = store;
        this.cases = cases;
        this.ingest = ingest;
        this.policies = policies;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String name() { return "due-process"; }

    /** It commits records itself (DISPUTED versions, acknowledgements): never on the committing thread. */
    @Override
    public boolean runsOnCommit() { return false; }

    @Override
    public void handle(List<RecordLog.Entry> entries) throws Exception {
        for (RecordLog.Entry e : entries) {
            // most entries are first versions of ordinary records: nothing to do, and no read for them
            if (e.version() == 1 && !CASE_CATEGORIES.contains(e.category())) continue;
            StoredRecord r = store.find(e.id()).orElse(null);
            if (r == null) continue;
            switch (r.category()) {
                case "OBJECTION" -> objection(r, json.readTree(r.canonical()));
                case "REPAIR" -> repairCase(r, json.readTree(r.canonical()));
                case "STATUS_ACK" -> ack(r, json.readTree(r.canonical()));
                default -> {
                    if (r.version() > 1) changed(r, json.readTree(r.canonical()));
                }
            }
        }
    }

    /** An objection raised anywhere: its case here; at the record's origin, the record disputed. */
    public void objection(StoredRecord r, JsonNode rec) throws SQLException {
        JsonNode f = rec.path("fields");
        String recordId = f.path("OBJ_RECORD").asText();
        LocalDate due = LocalDate.parse(f.path("OBJ_DUE").asText());
        cases.open(DueProcess.Kind.OBJECTION, new DueProcess.Case(r.id(), recordId, originOf(recordId), r.origin(), f.path("OBJ_GROUNDS").asText(),
                LocalDate.parse(rec.path("decisionDate").asText()), due, null, null, null, null));
        if (!originOf(recordId).equals(node)) return;
        if (cases.find(DueProcess.Kind.OBJECTION, r.id()).map(DueProcess.Case::decided).orElse(false)) return; // seen again after its decision
        StoredRecord disputed = store.find(recordId).orElse(null);
        if (disputed == null || disputed.status() == RecordStatus.DISPUTED) return; // seen again: disputed already
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        if (!policies.evaluate(Scope.REVISE, new Revise(null, null, null, node, recordId, disputed.origin(), null, disputed.category(),
                disputed.status(), RecordStatus.DISPUTED), today).permitted()) {
            LOG.info("objection {} on {}: the record is {}, not disputed; the origin decides the objection as it stands", r.id(), recordId,
                    disputed.status());
            return;
        }
        ObjectNode change = json.createObjectNode();
        change.put("kind", "OBJECTION");
        change.put("objection", r.id());
        change.put("grounds", f.path("OBJ_GROUNDS").asText());
        change.put("dueDate", due.toString());
        try {
            StoredRecord v = ingest.commitRevision(disputed, RecordStatus.DISPUTED, change);
            cases.ack(new DueProcess.Ack(v.id(), v.version(), node, today), node, null);
            LOG.info("record disputed id={} version={} objection={} due={}", v.id(), v.version(), r.id(), due);
        } catch (Problem p) {
            LOG.info("objection {}: {} not disputed now ({}); the origin decides the objection as the record stands", r.id(), recordId, p.code());
        }
    }

    public void repairCase(StoredRecord r, JsonNode rec) throws SQLException {
        JsonNode f = rec.path("fields");
        String recordId = f.path("REP_RECORD").asText();
        if (f.hasNonNull("REP_CASE")) { // the origin's decision on a request (a refusal; a grant is also the record's version)
            cases.decide(DueProcess.Kind.REPAIR, f.get("REP_CASE").asText(), f.path("REP_OUTCOME").asText(),
                    LocalDate.parse(rec.path("decisionDate").asText()), store.find(recordId).map(StoredRecord::version).orElse(0));
            return;
        }
        cases.open(DueProcess.Kind.REPAIR, new DueProcess.Case(r.id(), recordId, originOf(recordId), r.origin(), null,
                LocalDate.parse(rec.path("decisionDate").asText()), LocalDate.parse(f.path("REP_ELIGIBLE_FROM").asText()),
                f.path("REP_RULE_SET").asText(), null, null, null));
    }

    void ack(StoredRecord r, JsonNode rec) throws SQLException {
        JsonNode f = rec.path("fields");
        String recordId = f.path("ACK_RECORD").asText();
        String origin = originOf(recordId);
        String category = origin.equals(node) ? store.find(recordId).map(StoredRecord::category).orElse(null) : null;
        cases.ack(new DueProcess.Ack(recordId, f.path("ACK_VERSION").asInt(), r.origin(), LocalDate.parse(rec.path("decisionDate").asText())),
                origin, category);
    }

    /** A later version: the case it decides is closed; another origin's version is acknowledged to it. */
    void changed(StoredRecord r, JsonNode rec) throws SQLException {
        JsonNode change = rec.path("change");
        LocalDate on = change.hasNonNull("decidedAt") ? LocalDate.parse(change.get("decidedAt").asText())
                : LocalDate.parse(rec.path("receivedAt").asText().substring(0, 10));
        switch (change.path("kind").asText()) {
            case "OBJECTION_DECISION" -> cases.decide(DueProcess.Kind.OBJECTION, change.path("objection").asText(),
                    change.path("outcome").asText(), on, r.version());
            case "REPAIR_DECISION" -> cases.decide(DueProcess.Kind.REPAIR, change.path("repair").asText(),
                    change.path("outcome").asText(), on, r.version());
            default -> { }
        }
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        if (r.origin().equals(node)) {
            cases.ack(new DueProcess.Ack(r.id(), r.version(), node, today), node, null);
            return;
        }
        if (cases.acks(r.id()).stream().anyMatch(a -> a.version() == r.version() && a.holder().equals(node))) return; // acknowledged already
        ObjectNode ack = json.createObjectNode();
        ack.put("category", "STATUS_ACK");
        ack.set("subject", rec.path("subject").deepCopy());
        ack.set("authority", rec.path("authority").deepCopy());
        ack.put("decisionDate", today.toString());
        ObjectNode fields = ack.putObject("fields");
        fields.put("ACK_RECORD", r.id());
        fields.put("ACK_VERSION", r.version());
        fields.put("ACK_STATUS", r.status().name());
        try {
            ingest.commitOne(ack);
            cases.ack(new DueProcess.Ack(r.id(), r.version(), node, today), r.origin(), null);
        } catch (Problem p) {
            throw new IllegalStateException("acknowledgement of " + r.id() + " v" + r.version() + " not stored (" + p.code() + "): retried", p);
        }
    }

    /** A record id's origin: the node that issued it, {@code <origin>-<seq>}. */
    static String originOf(String recordId) {
        int dash = recordId.lastIndexOf('-');
        return dash < 0 ? recordId : recordId.substring(0, dash).toUpperCase(Locale.ROOT);
    }
}
