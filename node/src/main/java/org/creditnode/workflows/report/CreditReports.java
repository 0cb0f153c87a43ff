package org.creditnode.workflows.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.creditnode.access.PurposeReads;
import org.creditnode.access.Purposes;
import org.creditnode.account.Account;
import org.creditnode.policy.AccessRules;
import org.creditnode.policy.PublicView;
import org.creditnode.privacy.Masking;
import org.creditnode.problem.Problem;
import org.creditnode.record.Catalogue;
import org.creditnode.record.CategorySpec;
import org.creditnode.record.FieldSpec;
import org.creditnode.record.RecordStatus;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;
import org.creditnode.workflows.grade.Grade;
import org.creditnode.workflows.grade.Grades;
import org.creditnode.workflows.matching.MatchingIndexer;
import org.creditnode.workflows.matching.MeasureLists;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Builds a subject's credit report (信用报告, S15 信用报告下载) for a purpose: the records of the
 * categories the purpose may see as they stand (newest version each), by catalogue category; list
 * entries; every record not simply in force with its status mark; the yearly grade; a chart over
 * time. Personal fields are masked as the public view masks them, because a report is a document
 * that travels; the subject itself is named in clear, as in an authorised read. The read is
 * written to the query log like any authorised subject read (逢查必报).
 */
public final class CreditReports {
    /** Versions read per subject; a report on a subject with more shows the newest ones. */
    static final int MAX_ROWS = 5_000;
    static final int MAX_VALUE_CHARS = 160;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final AccessRules.WithinPublicityPeriod PUBLICITY = new AccessRules.WithinPublicityPeriod();

    private final String node;
    private final RecordStore store;
    private final Catalogue catalogue;
    private final Purposes purposes;
    private final PurposeReads reads;
    private final MeasureLists lists;
    private final Grades grades;
    private final ObjectMapper json;
    private final Clock clock;

    public CreditReports(String node, RecordStore store, Catalogue catalogue, Purposes purposes, PurposeReads reads, MeasureLists lists,
                         Grades grades, ObjectMapper json, Clock clock) {
        this.node = node;
        this.store = store;
        this.catalogue = catalogue;
        this.purposes = purposes;
        this.reads = reads;
        this.lists = lists;
        this.grades = grades;
        this.json = json;
        this.clock = clock;
    }

    /** The subject code as reports and grades take it: 18 characters, a USCC or an ID number; else 400 naming it. */
    public static String subjectCode(String code) {
        String c = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        if (!c.matches("[0-9A-Z]{18}")) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "BAD_SUBJECT", "code: 18 characters, a USCC or an ID number, got \"" + code + "\"");
        }
        return c;
    }

    public CreditReport build(Account account, String subjectCode, String purpose) throws SQLException {
        reads.checkPurpose(account, purpose);
        String code = subjectCode(subjectCode);
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        List<StoredRecord> current = store.currentBySubject(code, MAX_ROWS);
        Map<String, List<CreditReport.Item>> byCategory = new LinkedHashMap<>();
        List<CreditReport.ListEntry> entries = new ArrayList<>();
        List<CreditReport.Mark> marks = new ArrayList<>();
        List<LocalDate> dates = new ArrayList<>();
        Map<String, Integer> withheld = new TreeMap<>();
        List<String> returned = new ArrayList<>();
        CreditReport.Subject subject = null;
        for (StoredRecord r : current) {
            if (!reads.mayRead(account, purpose, r.category())) {
                withheld.merge(r.category(), 1, Integer::sum);
                continue;
            }
            JsonNode rec = parse(r);
            if (subject == null) subject = subjectOf(rec);
            CategorySpec spec = catalogue.category(r.category()).orElse(null);
            String categoryLabel = spec == null ? r.category() : spec.name();
            RecordStatus status = PUBLICITY.evaluate(new PublicView(r.id(), r.status(), r.publicityUntil(), today)).permitted()
                    ? r.status() : RecordStatus.EXPIRED;
            byCategory.computeIfAbsent(r.category(), k -> new ArrayList<>()).add(item(r, rec, spec, status));
            if (MatchingIndexer.LIST_CATEGORIES.contains(r.category())) entries.add(entry(r, rec, categoryLabel, status, today));
            if (status != RecordStatus.ACTIVE) marks.add(mark(r, rec, categoryLabel, status));
            if (r.decisionDate() != null) dates.add(r.decisionDate());
            returned.add(r.id());
        }
        reads.logQuery(account, purpose, code, null, returned, withheld);
        List<CreditReport.Section> sections = new ArrayList<>();
        for (String category : catalogue.categories()) { // catalogue order, so every report reads alike
            List<CreditReport.Item> items = byCategory.get(category);
            if (items != null) sections.add(new CreditReport.Section(category, catalogue.category(category).get().name(), items));
        }
        String purposeLabel = purposes.find(purpose).map(Purposes.Purpose::label).orElse(purpose);
        return new CreditReport("RPT-" + UUID.randomUUID(), node, clock.instant(), today, purpose, purposeLabel,
                subject == null ? new CreditReport.Subject(null, code, null) : subject, sections, entries, marks,
                grades.grade(code, today.getYear(), today, current), ReportChart.of(dates), withheld, returned.size());
    }

    /** A grade as a purpose may see it: the score and band in full, the counted records only of categories it sees. */
    public record GradeView(Grade grade, Map<String, Integer> withheld) {
    }

    /** The grade for {@code year} (null: this year), query-logged like a subject read. */
    public GradeView grade(Account account, String subjectCode, String purpose, Integer year) throws SQLException {
        reads.checkPurpose(account, purpose);
        String code = subjectCode(subjectCode);
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        int y = year == null ? today.getYear() : year;
        if (y > today.getYear() || y < today.getYear() - 10) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "BAD_YEAR", "year: from " + (today.getYear() - 10) + " to " + today.getYear()
                    + ", got " + y);
        }
        Grade full = grades.of(code, y, today);
        Map<String, Integer> withheld = new TreeMap<>();
        List<Grade.Contribution> visible = new ArrayList<>();
        for (Grade.Contribution c : full.contributions()) {
            if (reads.mayRead(account, purpose, c.category())) visible.add(c);
            else withheld.merge(c.category(), 1, Integer::sum);
        }
        reads.logQuery(account, purpose, code, null, visible.stream().map(Grade.Contribution::recordId).toList(), withheld);
        return new GradeView(new Grade(full.subject(), full.year(), full.from(), full.to(), full.score(), full.band(), full.cap(),
                List.copyOf(visible), full.sample(), full.rules()), withheld);
    }

    private CreditReport.Item item(StoredRecord r, JsonNode rec, CategorySpec spec, RecordStatus status) {
        List<CreditReport.Field> fields = new ArrayList<>();
        Map<String, FieldSpec> specs = spec == null ? Map.of() : spec.fields();
        rec.path("fields").fields().forEachRemaining(f -> {
            FieldSpec fs = specs.get(f.getKey());
            boolean personal = fs == null || fs.isPersonal(); // as the public view: an unknown field is not shown in clear
            String value = f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString();
            if (personal) value = Masking.maskIdNumber(value);
            if (value.length() > MAX_VALUE_CHARS) value = value.substring(0, MAX_VALUE_CHARS) + "…";
            fields.add(new CreditReport.Field(fs == null ? f.getKey() : fs.label(), value));
        });
        // the dated rule set that computed the publicity end and the earliest repair says so here too
        if (rec.path("rules").hasNonNull("explanation")) fields.add(new CreditReport.Field("公示与修复规则", rec.path("rules").get("explanation").asText()));
        String severity = rec.path("severity").asText(null);
        String severityLabel = severity == null ? null : catalogue.severities().getOrDefault(severity, severity);
        return new CreditReport.Item(r.id(), r.version(), r.decisionDate(), rec.path("authority").path("name").asText(""),
                severityLabel, status.name(), status.label(), fields);
    }

    private CreditReport.ListEntry entry(StoredRecord r, JsonNode rec, String categoryLabel, RecordStatus status, LocalDate today) {
        JsonNode f = rec.path("fields");
        String type = f.path("LIST_TYPE").asText(null);
        String typeLabel = lists.current(today).type(type).map(t -> t.label()).orElse(type);
        return new CreditReport.ListEntry(r.id(), categoryLabel, f.path("LIST_NAME").asText(""), typeLabel,
                date(f.path("LIST_VALID_FROM")), date(f.path("LIST_VALID_TO")), status.label());
    }

    private static CreditReport.Mark mark(StoredRecord r, JsonNode rec, String categoryLabel, RecordStatus status) {
        JsonNode change = rec.path("change");
        String note;
        if (status == RecordStatus.EXPIRED) note = "公示期至" + r.publicityUntil();
        else if (change.isObject()) note = String.join("；", java.util.stream.Stream.of(change.path("reasonLabel").asText(""),
                change.path("basis").asText(""), change.path("decidedAt").asText("")).filter(s -> !s.isBlank()).toList());
        else note = "";
        return new CreditReport.Mark(r.id(), categoryLabel, r.decisionDate(), status.name(), status.label(), note);
    }

    private static CreditReport.Subject subjectOf(JsonNode rec) {
        JsonNode s = rec.path("subject");
        return new CreditReport.Subject(s.path("kind").asText(null), s.path("code").asText().trim().toUpperCase(Locale.ROOT),
                s.path("name").asText(null));
    }

    private JsonNode parse(StoredRecord r) {
        try {
            return json.readTree(r.canonical());
        } catch (IOException e) {
            throw new UncheckedIOException("stored record " + r.id() + " is not JSON", e);
        }
    }

    private static LocalDate date(JsonNode n) {
        return n.isTextual() && !n.asText().isEmpty() ? LocalDate.parse(n.asText()) : null;
    }
}
