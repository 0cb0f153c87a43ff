package org.creditnode.workflows.jointaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.access.PurposeReads;
import org.creditnode.access.ActingAuthority;
import org.creditnode.alliance.Recognition;
import org.creditnode.account.Account;
import org.creditnode.ingest.IngestService;
import org.creditnode.problem.Problem;
import org.creditnode.record.RecordStatus;
import org.creditnode.store.AuditLog;
import org.creditnode.store.JointActions;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;
import org.creditnode.workflows.matching.MatchingIndexer;
import org.creditnode.workflows.matching.MeasureList;
import org.creditnode.workflows.matching.MeasureLists;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Joint reward and punishment (联合奖惩, JXJ16 (14)–(22)): an authority initiates an action on a
 * published list entry naming measures and implementers; each implementer, on whichever node
 * its account lives, responds and reports feedback per measure. Every step is a JOINT_ACTION
 * record signed by the node where it was taken, so it travels the federation like any record:
 * down to the implementers, up to the initiator's parent and the province (跟踪问效).
 */
public final class JointActionService {
    public static final String TRACKING_PURPOSE = "JOINT_ACTION_TRACKING";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final int MAX_MEASURES = 50;
    private static final int MAX_IMPLEMENTERS = 200;

    public record InitiateRequest(String listRecordId, List<String> measures, List<Assignments.Implementer> implementers,
                                  String respondBy, String authority) {
    }

    public record ResponseRequest(String decision, String reason, String authority) {
    }

    public record FeedbackRequest(String measure, String applied, String appliedDate, String docNo, String effect, String authority) {
    }

    private final String node;
    private final RecordStore store;
    private final JointActions actions;
    private final JointActionIndexer indexer;
    private final IngestService ingest;
    private final MeasureLists measureLists;
    private final PurposeReads reads;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final int respondDays;
    private final int feedbackDays;
    private final Recognition recognition;

    public JointActionService(String node, RecordStore store, JointActions actions, JointActionIndexer indexer, IngestService ingest,
                              MeasureLists measureLists, PurposeReads reads, AuditLog audit, ObjectMapper json, Clock clock,
                              int respondDays, int feedbackDays, Recognition recognition) {
        this.recognition = recognition;
        this.node = node;
        this.store = store;
        this.actions = actions;
        this.indexer = indexer;
        this.ingest = ingest;
        this.measureLists = measureLists;
        this.reads = reads;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.respondDays = respondDays;
        this.feedbackDays = feedbackDays;
    }

    // ---- 发起 ----

    public ObjectNode initiate(Account a, InitiateRequest r) throws SQLException, IOException {
        if (r == null) throw bad("body", "send {\"listRecordId\", \"measures\": [...], \"implementers\": [...], \"respondBy\"?}");
        if (!a.categories().contains(JointActionIndexer.CATEGORY)) {
            throw refused(a, Problem.Kind.FORBIDDEN, "CATEGORY_NOT_ALLOWED", "account " + a.id() + " may not initiate joint actions "
                    + "(its operator grants the category " + JointActionIndexer.CATEGORY + ")");
        }
        String authority = ActingAuthority.of(a, r.authority(), "BAD_JOINT_ACTION");
        LocalDate today = today();
        if (r.listRecordId() == null || r.listRecordId().isBlank()) throw bad("listRecordId", "name the list entry (its record id)");
        StoredRecord entry = store.find(r.listRecordId().trim()).orElseThrow(() -> new Problem(Problem.Kind.UNPROCESSABLE,
                "UNKNOWN_LIST_ENTRY", "listRecordId: no record " + r.listRecordId() + " on this node"));
        if (!MatchingIndexer.LIST_CATEGORIES.contains(entry.category())) {
            throw new Problem(Problem.Kind.UNPROCESSABLE, "NOT_A_LIST_ENTRY", "listRecordId: " + entry.id() + " is " + entry.category()
                    + ", not a red-list or serious-dishonesty entry");
        }
        JsonNode rec = json.readTree(entry.canonical());
        JsonNode f = rec.path("fields");
        String[] refusal = JointActionRules.mayStartOn(entry.id(), entry.status(), date(f.path("LIST_VALID_FROM")), date(f.path("LIST_VALID_TO")),
                today).orElse(null);
        if (refusal != null) throw refused(a, Problem.Kind.CONFLICT, refusal[0], "listRecordId: " + refusal[1]);
        String listType = f.hasNonNull("LIST_TYPE") ? f.get("LIST_TYPE").asText() : null;
        MeasureList.Kind kind = entry.category().equals("RED_LIST") ? MeasureList.Kind.RED : MeasureList.Kind.SERIOUS;
        Map<String, MeasureList.Measure> known = new LinkedHashMap<>();
        for (MeasureList.Measure m : measureLists.current(today).measuresFor(kind, listType)) if (!m.appliesFrom().isAfter(today)) known.put(m.id(), m);
        List<String> measures = r.measures() == null ? List.of() : r.measures();
        if (measures.isEmpty() || measures.size() > MAX_MEASURES) throw bad("measures", "name 1 to " + MAX_MEASURES + " measure ids, e.g. " + known.keySet());
        Set<String> chosen = new LinkedHashSet<>();
        for (int i = 0; i < measures.size(); i++) {
            String id = measures.get(i) == null ? "" : measures.get(i).trim();
            if (!known.containsKey(id)) {
                throw new Problem(Problem.Kind.UNPROCESSABLE, "UNKNOWN_MEASURE", "measures[" + i + "]: " + id + " is not a measure in force for "
                        + (listType == null ? kind : listType) + " entries; these are: " + known.keySet());
            }
            chosen.add(id);
        }
        List<Assignments.Implementer> implementers = r.implementers() == null ? List.of() : r.implementers();
        if (implementers.isEmpty() || implementers.size() > MAX_IMPLEMENTERS) {
            throw bad("implementers", "name 1 to " + MAX_IMPLEMENTERS + " implementing departments: {\"authority\": USCC} or {\"departmentType\", \"node\"?}");
        }
        Set<String> assignments = new LinkedHashSet<>();
        for (int i = 0; i < implementers.size(); i++) {
            String assignment = Assignments.parse(implementers.get(i), i);
            String region = Assignments.region(assignment);
            if (region != null) { // a department in a partner's region: only where an alliance allows joint actions with it
                int index = i;
                recognition.jointActionRefusal(region, today).ifPresent(why -> {
                    throw refused(a, Problem.Kind.FORBIDDEN, "POLICY_REFUSED", "implementers[" + index + "]: " + why);
                });
            }
            assignments.add(assignment);
        }
        LocalDate respondBy = today.plusDays(respondDays);
        if (r.respondBy() != null) {
            respondBy = parseDate("respondBy", r.respondBy());
            if (respondBy.isBefore(today)) throw bad("respondBy", r.respondBy() + " is in the past");
        }
        ObjectNode fields = json.createObjectNode();
        fields.put("JA_KIND", "INITIATE");
        fields.put("JA_LIST_RECORD", entry.id());
        fields.put("JA_MEASURES", String.join(";", chosen));
        fields.put("JA_IMPLEMENTERS", String.join(";", assignments));
        fields.put("JA_RESPOND_BY", respondBy.toString());
        StoredRecord stored = commit(rec.path("subject"), a, authority, today, fields);
        audit.byAccount("JOINT_ACTION_INITIATED", a.id(), "INITIATE", stored.id() + " on " + entry.id() + " measures " + chosen
                + " implementers " + assignments.size());
        return view(actions.find(stored.id()).orElseThrow(), today);
    }

    // ---- 响应 ----

    public ObjectNode respond(Account a, String id, ResponseRequest r) throws SQLException, IOException {
        if (r == null) throw bad("body", "send {\"decision\": \"ACCEPTED\" | \"NOT_APPLICABLE\", \"reason\"}");
        JointActions.Tracked t = action(id);
        Set<String> fulfils = implementerOf(a, t);
        String authority = ActingAuthority.of(a, r.authority(), "BAD_JOINT_ACTION");
        LocalDate today = today();
        open(a, t);
        if (t.responses().stream().anyMatch(x -> x.implementer().equals(authority))) {
            throw refused(a, Problem.Kind.CONFLICT, "ALREADY_RESPONDED", "authority " + authority + " has responded to " + id + " already");
        }
        String decision = r.decision() == null ? "" : r.decision().trim().toUpperCase(Locale.ROOT);
        if (!decision.equals("ACCEPTED") && !decision.equals("NOT_APPLICABLE")) {
            throw bad("decision", "ACCEPTED (接受并实施) or NOT_APPLICABLE (不适用, with a reason), got " + r.decision());
        }
        String reason = r.reason() == null ? "" : r.reason().trim();
        if (decision.equals("NOT_APPLICABLE") && reason.isEmpty()) throw bad("reason", "say why the action does not apply to this department");
        if (reason.length() > 1000) throw bad("reason", "at most 1000 characters");
        ObjectNode fields = json.createObjectNode();
        fields.put("JA_KIND", "RESPONSE");
        fields.put("JA_ACTION", id);
        fields.put("JA_LIST_RECORD", t.action().listRecordId());
        fields.put("JA_DECISION", decision);
        if (!reason.isEmpty()) fields.put("JA_REASON", reason);
        fields.put("JA_FULFILS", String.join(";", fulfils));
        commit(subjectOf(t), a, authority, today, fields);
        audit.byAccount("JOINT_ACTION_RESPONDED", a.id(), decision, id + " by " + authority);
        return view(actions.find(id).orElseThrow(), today);
    }

    // ---- 反馈 ----

    public ObjectNode feedback(Account a, String id, FeedbackRequest r) throws SQLException, IOException {
        if (r == null) throw bad("body", "send {\"measure\", \"applied\": \"APPLIED\" | \"NOT_APPLIED\", \"appliedDate\", \"docNo\", \"effect\"}");
        JointActions.Tracked t = action(id);
        implementerOf(a, t);
        String authority = ActingAuthority.of(a, r.authority(), "BAD_JOINT_ACTION");
        LocalDate today = today();
        open(a, t);
        String measure = r.measure() == null ? "" : r.measure().trim();
        if (!t.action().measures().contains(measure)) {
            throw refused(a, Problem.Kind.UNPROCESSABLE, "MEASURE_NOT_IN_ACTION", "measure: " + (measure.isEmpty() ? "(none)" : measure)
                    + " is not one of the action's measures " + t.action().measures());
        }
        JointActions.Response response = t.responses().stream().filter(x -> x.implementer().equals(authority)).findFirst().orElse(null);
        if (response == null || !response.decision().equals("ACCEPTED")) {
            throw refused(a, Problem.Kind.CONFLICT, "NOT_ACCEPTED", "authority " + authority + " has not accepted " + id
                    + (response == null ? ": respond first" : ": it answered " + response.decision()));
        }
        if (t.feedback().stream().anyMatch(x -> x.implementer().equals(authority) && x.measure().equals(measure))) {
            throw refused(a, Problem.Kind.CONFLICT, "ALREADY_REPORTED", "authority " + authority + " reported on " + measure + " of " + id + " already");
        }
        String applied = r.applied() == null ? "" : r.applied().trim().toUpperCase(Locale.ROOT);
        if (!applied.equals("APPLIED") && !applied.equals("NOT_APPLIED")) throw bad("applied", "APPLIED (已实施) or NOT_APPLIED (未实施), got " + r.applied());
        ObjectNode fields = json.createObjectNode();
        fields.put("JA_KIND", "FEEDBACK");
        fields.put("JA_ACTION", id);
        fields.put("JA_LIST_RECORD", t.action().listRecordId());
        fields.put("JA_MEASURE", measure);
        fields.put("JA_APPLIED", applied);
        if (applied.equals("APPLIED")) {
            if (r.appliedDate() == null) throw bad("appliedDate", "the date the measure was applied (YYYY-MM-DD)");
            LocalDate on = parseDate("appliedDate", r.appliedDate());
            if (on.isAfter(today)) throw bad("appliedDate", r.appliedDate() + " is in the future");
            fields.put("JA_APPLIED_DATE", on.toString());
        }
        if (r.docNo() != null && !r.docNo().isBlank()) fields.put("JA_DOC_NO", limit("docNo", r.docNo(), 128));
        if (r.effect() != null && !r.effect().isBlank()) fields.put("JA_EFFECT", limit("effect", r.effect(), 1000));
        commit(subjectOf(t), a, authority, today, fields);
        audit.byAccount("JOINT_ACTION_FEEDBACK", a.id(), applied, id + " measure " + measure + " by " + authority);
        return view(actions.find(id).orElseThrow(), today);
    }

    // ---- 跟踪问效 ----

    /** One action, for its initiator, its implementers, or a tracking purpose; query-logged. */
    public ObjectNode get(Account a, String id, String purpose) throws SQLException, IOException {
        JointActions.Tracked t = action(id);
        boolean party = a.authorities().contains(t.action().initiator())
                || t.action().assignments().stream().anyMatch(Assignments.of(a, node)::contains);
        if (!party) tracking(a, purpose);
        ObjectNode v = view(t, today());
        reads.logQuery(a, party ? "JOINT_ACTION_PARTY" : purpose, v.path("subject").path("code").asText(), id, List.of(id), Map.of());
        return v;
    }

    /** Actions assigned to the caller (assignedTo=me), initiated by it (initiatedBy=me), or all for a tracking purpose. */
    public List<ObjectNode> list(Account a, String assignedTo, String initiatedBy, String purpose, int limit) throws SQLException, IOException {
        List<JointActions.Tracked> found;
        String logAs;
        if ("me".equals(assignedTo)) {
            found = actions.assignedTo(Assignments.of(a, node), limit);
            logAs = "JOINT_ACTION_PARTY";
        } else if ("me".equals(initiatedBy)) {
            found = actions.initiatedBy(a.authorities(), limit);
            logAs = "JOINT_ACTION_PARTY";
        } else if (assignedTo != null || initiatedBy != null) {
            throw bad(assignedTo != null ? "assignedTo" : "initiatedBy", "only \"me\" is supported; use X-Purpose: " + TRACKING_PURPOSE + " for all");
        } else {
            tracking(a, purpose);
            found = actions.all(limit);
            logAs = purpose;
        }
        LocalDate today = today();
        List<ObjectNode> out = new ArrayList<>(found.size());
        for (JointActions.Tracked t : found) out.add(view(t, today));
        if (!out.isEmpty()) {
            reads.logQuery(a, logAs, null, null, out.stream().map(v -> v.path("id").asText()).toList(), Map.of());
        }
        return out;
    }

    /** Statistics per department and per measure, and who did not respond or apply (JXJ16 (22)). */
    public JointActionStatistics.Figures statistics(Account a, String purpose) throws SQLException {
        List<JointActions.Tracked> found;
        if (purpose != null && !purpose.isBlank()) {
            tracking(a, purpose);
            found = actions.all(100_000);
        } else {
            found = actions.initiatedBy(a.authorities(), 100_000);
        }
        LocalDate today = today();
        Map<String, JointActionRules.State> states = new LinkedHashMap<>();
        for (JointActions.Tracked t : found) states.put(t.action().id(), stateOf(t.action().listRecordId()));
        return JointActionStatistics.of(found, states, this::measureName, feedbackDays, today);
    }

    // ---- parts ----

    private StoredRecord commit(JsonNode subject, Account a, String authority, LocalDate today, ObjectNode fields) throws IOException, SQLException {
        ObjectNode r = json.createObjectNode();
        r.put("category", JointActionIndexer.CATEGORY);
        r.set("subject", subject.deepCopy());
        ObjectNode auth = r.putObject("authority");
        auth.put("code", authority);
        auth.put("name", a.name());
        r.put("decisionDate", today.toString());
        r.set("fields", fields);
        StoredRecord stored = ingest.commitOne(r);
        indexer.apply(stored, json.readTree(stored.canonical())); // read your writes; the log consumer sees it again, idempotently
        return stored;
    }

    private ObjectNode view(JointActions.Tracked t, LocalDate today) throws SQLException, IOException {
        JointActions.Action act = t.action();
        ObjectNode v = json.createObjectNode();
        v.put("id", act.id());
        v.put("origin", act.origin());
        StoredRecord entry = store.find(act.listRecordId()).orElse(null);
        RecordStatus entryStatus = entry == null ? RecordStatus.ACTIVE : entry.status();
        JointActionRules.State state = JointActionRules.state(entryStatus);
        v.put("state", state.name());
        v.put("stateLabel", state.label);
        if (state != JointActionRules.State.OPEN) v.put("because", act.listRecordId() + " is " + entryStatus + " (" + entryStatus.label() + ")");
        ObjectNode le = v.putObject("listEntry");
        le.put("recordId", act.listRecordId());
        le.put("status", entryStatus.name());
        le.put("statusLabel", entryStatus.label());
        if (entry != null) {
            JsonNode rec = json.readTree(entry.canonical());
            String type = rec.path("fields").path("LIST_TYPE").asText(null);
            if (type != null) {
                le.put("listType", type);
                measureLists.current(today).type(type).ifPresent(lt -> le.put("listTypeLabel", lt.label()));
            }
            v.set("subject", rec.path("subject").deepCopy());
        }
        ObjectNode ini = v.putObject("initiator");
        ini.put("authority", act.initiator());
        if (act.initiatorName() != null) ini.put("name", act.initiatorName());
        v.put("initiatedOn", act.initiatedOn().toString());
        v.put("respondBy", act.respondBy().toString());
        ArrayNode ms = v.putArray("measures");
        for (String m : act.measures()) ms.addObject().put("id", m).put("name", measureName(m));
        ArrayNode imps = v.putArray("implementers");
        boolean open = state == JointActionRules.State.OPEN;
        for (String assignment : act.assignments()) {
            ObjectNode i = imps.addObject();
            i.put("assignment", assignment);
            i.put("label", Assignments.label(assignment));
            List<JointActions.Response> answers = t.responses().stream().filter(r -> r.fulfils().contains(assignment)).toList();
            i.put("responded", !answers.isEmpty());
            i.put("responseOverdue", open && JointActionRules.responseOverdue(!answers.isEmpty(), act.respondBy(), today));
        }
        ArrayNode rs = v.putArray("responses");
        for (JointActions.Response r : t.responses()) {
            ObjectNode o = rs.addObject();
            o.put("authority", r.implementer());
            if (r.implementerName() != null) o.put("name", r.implementerName());
            o.put("node", r.node());
            o.put("decision", r.decision());
            o.put("decisionLabel", r.decision().equals("ACCEPTED") ? "接受并实施" : "不适用");
            if (r.reason() != null) o.put("reason", r.reason());
            o.put("respondedOn", r.respondedOn().toString());
            o.put("recordId", r.recordId());
            ArrayNode fb = o.putArray("feedback");
            ArrayNode overdue = o.putArray("feedbackOverdue");
            for (String m : act.measures()) {
                JointActions.Feedback f = t.feedback().stream().filter(x -> x.implementer().equals(r.implementer()) && x.measure().equals(m))
                        .findFirst().orElse(null);
                if (f != null) {
                    ObjectNode fo = fb.addObject();
                    fo.put("measure", m);
                    fo.put("applied", f.applied());
                    fo.put("appliedLabel", f.applied().equals("APPLIED") ? "已实施" : "未实施");
                    if (f.appliedDate() != null) fo.put("appliedDate", f.appliedDate().toString());
                    if (f.docNo() != null) fo.put("docNo", f.docNo());
                    if (f.effect() != null) fo.put("effect", f.effect());
                    fo.put("reportedOn", f.reportedOn().toString());
                    fo.put("recordId", f.recordId());
                } else if (open && r.decision().equals("ACCEPTED")
                        && JointActionRules.feedbackOverdue(false, r.respondedOn(), feedbackDays, today)) {
                    overdue.add(m);
                }
            }
        }
        return v;
    }

    private JointActionRules.State stateOf(String listRecordId) throws SQLException {
        return JointActionRules.state(store.find(listRecordId).map(StoredRecord::status).orElse(RecordStatus.ACTIVE));
    }

    private String measureName(String id) {
        return measureLists.current(today()).measure(id).map(MeasureList.Measure::name).orElse(id);
    }

    private JsonNode subjectOf(JointActions.Tracked t) throws SQLException, IOException {
        StoredRecord initiation = store.find(t.action().id()).orElseThrow(() -> new IllegalStateException("no record " + t.action().id()));
        return json.readTree(initiation.canonical()).path("subject");
    }

    private JointActions.Tracked action(String id) throws SQLException {
        return actions.find(id == null ? "" : id.trim()).orElseThrow(() -> new Problem(Problem.Kind.NOT_FOUND, "UNKNOWN_ACTION",
                "no joint action " + id + " on this node"));
    }

    private Set<String> implementerOf(Account a, JointActions.Tracked t) {
        Set<String> mine = Assignments.of(a, node);
        Set<String> fulfils = new LinkedHashSet<>();
        for (String s : t.action().assignments()) if (mine.contains(s)) fulfils.add(s);
        if (fulfils.isEmpty()) {
            throw refused(a, Problem.Kind.FORBIDDEN, "NOT_AN_IMPLEMENTER", "account " + a.id() + " (" + mine + ") is not among the implementers of "
                    + t.action().id() + ": " + t.action().assignments());
        }
        return fulfils;
    }

    private void open(Account a, JointActions.Tracked t) throws SQLException {
        JointActionRules.State s = stateOf(t.action().listRecordId());
        if (s == JointActionRules.State.ENDED) {
            throw refused(a, Problem.Kind.CONFLICT, "ACTION_ENDED", t.action().id() + " has ended: its list entry " + t.action().listRecordId()
                    + " is no longer in force");
        }
    }

    private void tracking(Account a, String purpose) {
        reads.checkPurpose(a, purpose);
        if (!reads.mayRead(a, purpose, JointActionIndexer.CATEGORY)) {
            throw refused(a, Problem.Kind.FORBIDDEN, "CATEGORY_NOT_IN_PURPOSE", "purpose " + purpose + " does not see joint actions; "
                    + "you are neither their initiator nor an implementer (use X-Purpose: " + TRACKING_PURPOSE + ")");
        }
    }

    private Problem refused(Account a, Problem.Kind kind, String code, String message) {
        audit.byAccount("JOINT_ACTION_REFUSED", a.id(), code, message);
        return new Problem(kind, code, message);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(CHINA));
    }

    private static LocalDate date(JsonNode n) {
        return n.isTextual() && !n.asText().isEmpty() ? LocalDate.parse(n.asText()) : null;
    }

    private static LocalDate parseDate(String field, String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw bad(field, text + " is not a date YYYY-MM-DD");
        }
    }

    private static String limit(String field, String text, int max) {
        String t = text.trim();
        if (t.length() > max) throw bad(field, "at most " + max + " characters");
        return t;
    }

    static Problem bad(String field, String why) {
        return new Problem(Problem.Kind.BAD_REQUEST, "BAD_JOINT_ACTION", field + ": " + why);
    }
}
