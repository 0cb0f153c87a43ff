package org.creditnode.workflows.matching;

import org.creditnode.alliance.Recognition;

import org.creditnode.workflows.grade.Grade;
import org.creditnode.workflows.grade.Grades;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.access.PurposeReads;
import org.creditnode.account.Account;
import org.creditnode.policy.MatchRules;
import org.creditnode.policy.PolicyEngine;
import org.creditnode.policy.Scope;
import org.creditnode.privacy.RecordCipher;
import org.creditnode.problem.Problem;
import org.creditnode.record.RecordStatus;
import org.creditnode.sign.CanonicalJson;
import org.creditnode.sign.Signer;
import org.creditnode.store.ListEntries;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Automatic matching (自动比对、主动提示, S2–S9, S15): for a subject and a business purpose, every
 * list entry this node knows that applies, the measures that follow for that purpose (mandatory
 * apart from recommended, with their legal basis; suspended while an entry is disputed),
 * incentives, warnings, and why — signed by the node, with a check token the approval system
 * keeps as proof the check was made (逢办必查). Every check is in the query log (逢查必报).
 */
public final class MatchingService {
    public static final int MAX_BATCH = 1000;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final ListEntries index;
    private final RecordStore store;
    private final MeasureLists lists;
    private final Grades grades;
    private final Recognition recognition;
    private final PolicyEngine policies;
    private final PurposeReads reads;
    private final RecordCipher cipher;
    private final Signer signer;
    private final ObjectMapper json;
    private final Clock clock;

    public MatchingService(ListEntries index, RecordStore store, MeasureLists lists, PolicyEngine policies, PurposeReads reads,
                           RecordCipher cipher, Signer signer, ObjectMapper json, Clock clock, Grades grades, Recognition recognition) {
        this.grades = grades;
        this.recognition = recognition;
        this.index = index;
        this.store = store;
        this.lists = lists;
        this.policies = policies;
        this.reads = reads;
        this.cipher = cipher;
        this.signer = signer;
        this.json = json;
        this.clock = clock;
    }

    /** One subject, or a batch (then {@code results}): one token and one signature over the whole answer. */
    public ObjectNode check(Account account, List<String> subjects, String purpose, boolean batch) throws SQLException {
        reads.checkPurpose(account, purpose);
        if (subjects.isEmpty()) throw new Problem(Problem.Kind.BAD_REQUEST, "NO_SUBJECT", "name \"subject\" or \"subjects\"");
        if (subjects.size() > MAX_BATCH) {
            throw new Problem(Problem.Kind.TOO_LARGE, "BATCH_TOO_LARGE", subjects.size() + " subjects; at most " + MAX_BATCH + " per check");
        }
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        String token = "chk-" + UUID.randomUUID();
        ObjectNode out = json.createObjectNode();
        out.put("token", token);
        out.put("purpose", purpose);
        out.put("checkedAt", clock.instant().toString());
        out.put("node", signer.keyId());
        MeasureList measures = lists.current(today);
        out.put("measureList", measures.source());
        if (measures.sample()) out.put("measureListNote", "SAMPLE: configure the measure list your platform adopted");
        List<ObjectNode> answers = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        Map<String, Long> watermarks = new java.util.HashMap<>(); // each origin's read once per check
        for (int i = 0; i < subjects.size(); i++) {
            String code = subjects.get(i) == null ? "" : subjects.get(i).trim().toUpperCase(Locale.ROOT);
            if (!code.matches("[0-9A-Z]{18}")) {
                if (!batch) throw new Problem(Problem.Kind.BAD_REQUEST, "BAD_SUBJECT", "subject: 18 characters, a USCC or an ID number, got \""
                        + subjects.get(i) + "\"");
                ObjectNode bad = json.createObjectNode();
                bad.put("index", i);
                bad.put("error", "BAD_SUBJECT");
                bad.put("message", "18 characters, a USCC or an ID number");
                answers.add(bad);
                continue;
            }
            answers.add(answer(code, purpose, today, watermarks));
            checked.add(code);
        }
        if (!checked.isEmpty()) reads.logCheck(account, purpose, checked, token);
        if (batch) {
            ArrayNode results = out.putArray("results");
            answers.forEach(results::add);
        } else {
            out.setAll(answers.get(0));
        }
        ObjectNode sig = out.putObject("signature");
        byte[] signed = CanonicalJson.encode(withoutSignature(out));
        sig.put("alg", signer.algorithm().wireName());
        sig.put("keyId", signer.keyId());
        sig.put("signedData", "the RFC 8785 canonical JSON of this answer without \"signature\"");
        sig.put("value", Base64.getEncoder().encodeToString(signer.sign(signed)));
        return out;
    }

    private ObjectNode withoutSignature(ObjectNode answer) {
        ObjectNode copy = answer.deepCopy();
        copy.remove("signature");
        return copy;
    }

    private ObjectNode answer(String code, String purpose, LocalDate today, Map<String, Long> watermarks) throws SQLException {
        MeasureList measures = lists.current(today);
        ObjectNode a = json.createObjectNode();
        a.put("subject", code);
        ArrayNode entries = a.putArray("entries");
        Map<String, ObjectNode> mandatory = new LinkedHashMap<>();
        Map<String, ObjectNode> recommended = new LinkedHashMap<>();
        Map<String, ObjectNode> incentives = new LinkedHashMap<>();
        Map<String, Long> asOf = new TreeMap<>();
        boolean seriousInForce = false;
        ArrayNode notRecognised = null;
        for (ListEntries.Entry e : index.about(cipher.subjectLookups(code))) {
            RecordStatus status = RecordStatus.parse(e.status()).orElse(RecordStatus.ACTIVE);
            if (!policies.evaluate(Scope.MATCH_ENTRY, new MatchRules.Entry(e.recordId(), status, e.validFrom(), e.validTo(), today), today)
                    .permitted()) {
                continue;
            }
            Recognition.Verdict recognised = recognition.of(e.origin(), e.category(), today);
            if (!recognised.recognised()) { // a partner's entry this node does not recognise: said, not counted
                if (notRecognised == null) notRecognised = a.putArray("notRecognised");
                notRecognised.addObject().put("recordId", e.recordId()).put("partner", recognised.partnerId()).put("rule", recognised.rule());
                continue;
            }
            boolean suspended = status == RecordStatus.DISPUTED;
            MeasureList.Kind kind = measures.type(e.listType()).map(MeasureList.ListType::kind)
                    .orElse(e.category().equals("RED_LIST") ? MeasureList.Kind.RED : MeasureList.Kind.SERIOUS);
            seriousInForce |= kind == MeasureList.Kind.SERIOUS && !suspended;
            ObjectNode entry = entries.addObject();
            entry.put("recordId", e.recordId());
            entry.put("version", e.version());
            entry.put("origin", e.origin());
            entry.put("category", e.category());
            entry.put("listType", e.listType());
            measures.type(e.listType()).ifPresent(t -> entry.put("listTypeLabel", t.label()));
            entry.put("status", status.name());
            entry.put("statusLabel", status.label());
            entry.put("role", e.role() == ListEntries.Role.SUBJECT ? "SUBJECT" : "RESPONSIBLE_PERSON");
            if (e.validTo() != null) entry.put("validTo", e.validTo().toString());
            ObjectNode provenance = entry.putObject("provenance");
            provenance.put("origin", e.origin());
            provenance.put("seq", e.seq());
            if (e.decisionDate() != null) provenance.put("decisionDate", e.decisionDate().toString());
            if (recognised.partner()) provenance.set("recognition", recognitionOf(e, recognised, today));
            Long held = watermarks.get(e.origin());
            if (held == null) watermarks.put(e.origin(), held = watermark(e.origin()));
            asOf.put(e.origin(), held);
            for (MeasureList.Measure m : measures.measuresFor(kind, e.listType())) {
                if (!policies.evaluate(Scope.MATCH_MEASURE, new MatchRules.Measure(m.id(), m.purposes(), m.appliesFrom(), purpose, today), today)
                        .permitted()) {
                    continue;
                }
                Map<String, ObjectNode> into = kind == MeasureList.Kind.RED ? incentives
                        : m.obligation() == MeasureList.Obligation.MANDATORY ? mandatory : recommended;
                ObjectNode existing = into.get(m.id());
                if (existing != null) {
                    existing.withArray("entries").add(e.recordId());
                    if (!suspended) existing.put("suspended", false);
                    continue;
                }
                ObjectNode mn = json.createObjectNode();
                mn.put("id", m.id());
                mn.put("name", m.name());
                if (m.measureClass() != null) mn.put("class", m.measureClass());
                mn.put("obligation", m.obligation().name());
                mn.put("basis", m.basis());
                ArrayNode departments = mn.putArray("departments");
                m.departments().forEach(departments::add);
                mn.put("suspended", suspended);
                mn.putArray("entries").add(e.recordId());
                into.put(m.id(), mn);
            }
        }
        ObjectNode ms = a.putObject("measures");
        mandatory.values().forEach(ms.putArray("mandatory")::add);
        ArrayNode rec = ms.putArray("recommended");
        recommended.values().forEach(rec::add);
        ArrayNode inc = a.putArray("incentives");
        incentives.values().forEach(inc::add);
        ArrayNode warnings = a.putArray("warnings");
        history(code, today, inc, warnings, seriousInForce, a);
        ObjectNode asOfNode = a.putObject("asOf"); // each origin's sequence number the answer reflects
        asOf.forEach(asOfNode::put);
        return a;
    }

    /** 容缺受理 without negative records in the window (S6); a warning for repeat offenders (S9). */
    private void history(String code, LocalDate today, ArrayNode incentives, ArrayNode warnings, boolean punished, ObjectNode gradeOut)
            throws SQLException {
        MeasureList measures = lists.current(today);
        LocalDate negativeFrom = today.minusMonths(measures.incentives().noNegativeMonths);
        LocalDate penaltyFrom = today.minusMonths(measures.warnings().withinMonths);
        int negative = 0;
        int penalties = 0;
        List<StoredRecord> current = store.currentBySubject(code, 500);
        Grade g = grades.grade(code, today.getYear(), today, current); // the year's grade (S26), from the same read
        ObjectNode grade = incentives.objectNode();
        grade.put("year", g.year());
        grade.put("grade", g.band().name());
        grade.put("label", g.band().label());
        grade.put("score", g.score());
        if (g.sample()) grade.put("note", "SAMPLE scoring rules");
        gradeOut.set("grade", grade);
        for (StoredRecord r : current) {
            boolean bad = r.category().equals("ADMIN_PENALTY") || r.category().equals("SERIOUS_DISHONESTY_LIST");
            if (!bad || r.decisionDate() == null || r.status() == RecordStatus.REVOKED || r.status() == RecordStatus.REPAIRED) continue;
            if (!r.decisionDate().isBefore(negativeFrom)) negative++;
            if (r.category().equals("ADMIN_PENALTY") && !r.decisionDate().isBefore(penaltyFrom)) penalties++;
        }
        if (negative == 0 && !punished) {
            ObjectNode i = incentives.addObject();
            i.put("id", "I-CONDITIONAL-ACCEPTANCE");
            i.put("name", "容缺受理");
            i.put("obligation", "RECOMMENDED");
            i.put("basis", "无不良信用记录满" + measures.incentives().noNegativeMonths + "个月（JXJ16 (2)）");
        }
        if (penalties >= measures.warnings().penalties) {
            ObjectNode w = warnings.addObject();
            w.put("code", "REPEAT_OFFENDER");
            w.put("message", "屡罚不改：" + measures.warnings().withinMonths + "个月内受到" + penalties + "次行政处罚");
            w.put("penalties", penalties);
        }
    }

    /**
     * Why a partner's entry counts here, verifiable offline (WORKFLOWS §3 item 1): the origin's own
     * seal over the record (its signature, or its batch and inclusion proof) and this node's signed
     * statement naming the alliance policy that admitted it.
     */
    private ObjectNode recognitionOf(ListEntries.Entry e, Recognition.Verdict v, LocalDate today) throws SQLException {
        ObjectNode out = json.createObjectNode();
        StoredRecord r = store.find(e.recordId()).orElse(null);
        ObjectNode statement = out.putObject("statement");
        statement.put("recordId", e.recordId());
        statement.put("version", e.version());
        statement.put("origin", e.origin());
        if (r != null) statement.put("hash", r.hash());
        statement.put("partner", v.partnerId());
        statement.put("alliance", v.alliance().id());
        statement.put("policy", v.alliance().policy());
        statement.put("rule", v.rule());
        statement.put("recognisedBy", signer.keyId());
        statement.put("recognisedOn", today.toString());
        ObjectNode sig = out.putObject("signature");
        sig.put("alg", signer.algorithm().wireName());
        sig.put("keyId", signer.keyId());
        sig.put("value", Base64.getEncoder().encodeToString(signer.sign(CanonicalJson.encode(statement))));
        if (r != null) {
            ObjectNode seal = out.putObject("originSeal");
            seal.put("alg", r.sigAlg());
            seal.put("keyId", r.keyId());
            if (r.signature() != null) seal.put("signature", r.signature());
            if (r.batchId() != null) {
                seal.put("batchId", r.batchId());
                seal.put("leafIndex", r.leafIndex());
                seal.put("proof", r.proof());
            }
            seal.put("record", "GET /api/v1/records/" + r.id() + "/signed");
        }
        return out;
    }

    private long watermark(String origin) throws SQLException {
        return store.head(origin).map(h -> h.lastSeq()).orElse(0L);
    }
}
