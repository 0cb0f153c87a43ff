package org.creditnode.workflows.matching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.access.Purposes;
import org.creditnode.config.ConfigException;
import org.creditnode.ingest.IngestService;
import org.creditnode.log.LogConsumer;
import org.creditnode.problem.Problem;
import org.creditnode.record.Catalogue;
import org.creditnode.store.AuditLog;
import org.creditnode.store.MeasureListVersions;
import org.creditnode.store.RecordLog;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.function.Predicate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Measure lists travelling down the federation (S32): a node publishes its measure list in a
 * MEASURE_LIST record it signs; the record is distributed like a list entry, and every node that
 * stores it (the "measure-lists" consumer of the record log) checks it against its own catalogue
 * and purposes and applies it from its date. A list that does not fit is not applied: the node
 * keeps what it had, logs why and audits it, and the operator sees it in /admin/v1/measure-lists.
 */
public final class MeasureListPublication implements LogConsumer {
    public static final String CATEGORY = "MEASURE_LIST";
    private static final Logger LOG = LoggerFactory.getLogger(MeasureListPublication.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** What an operator publishes: the list (the shape of config/measures.yaml), its name, from when, and who adopted it. */
    public record Request(String label, String appliesFrom, String authorityCode, String authorityName, JsonNode list) {
    }

    private final Predicate<String> fromAbove;
    private final MeasureLists lists;
    private final MeasureListVersions versions;
    private final RecordStore store;
    private final IngestService ingest;
    private final Catalogue catalogue;
    private final Purposes purposes;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;

    /**
     * @param fromAbove whether a record that arrived via that neighbour (null: made here) was
     *                  published above this node: only those lists apply here. A child's list
     *                  travels up like every category (catch-up relies on whole origin logs) but is
     *                  its own descendants' business.
     */
    public MeasureListPublication(MeasureLists lists, MeasureListVersions versions, RecordStore store, IngestService ingest, Catalogue catalogue,
                                  Purposes purposes, AuditLog audit, ObjectMapper json, Clock clock, Predicate<String> fromAbove) {
        this.fromAbove = fromAbove;
        this.lists = lists;
        this.versions = versions;
        this.store = store;
        this.ingest = ingest;
        this.catalogue = catalogue;
        this.purposes = purposes;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** Applies again, at start, every list published before (the records are in the store). */
    public void reload() throws SQLException {
        for (MeasureListVersions.Row row : versions.all()) {
            StoredRecord r = store.find(row.recordId()).orElse(null);
            if (r == null) continue;
            try {
                apply(r);
            } catch (Exception e) {
                LOG.warn("measure list {} not applied again: {}", row.recordId(), e.getMessage());
            }
        }
    }

    /** The operator's publication: checked here first, then signed and stored; it goes down to every child. */
    public StoredRecord publish(Request r) throws SQLException, java.io.IOException {
        if (r == null || r.list() == null || !r.list().isObject()) throw bad("list", "the measure list, in the form of config/measures.yaml, as a JSON object");
        String label = r.label() == null ? "" : r.label().trim();
        if (label.isEmpty() || label.length() > 200) throw bad("label", "name and version of the list, e.g. 江西省联合奖惩措施清单（2027年版）");
        LocalDate from;
        try {
            from = LocalDate.parse(r.appliesFrom() == null ? "" : r.appliesFrom().trim());
        } catch (DateTimeParseException e) {
            throw bad("appliesFrom", "the date the list applies from, YYYY-MM-DD, got " + r.appliesFrom());
        }
        String content = r.list().toString();
        try {
            MeasureList.parse(content, "list", catalogue, purposes);
        } catch (ConfigException e) {
            throw new Problem(Problem.Kind.UNPROCESSABLE, "BAD_MEASURE_LIST", e.getMessage());
        }
        ObjectNode rec = json.createObjectNode();
        rec.put("category", CATEGORY);
        ObjectNode subject = rec.putObject("subject");
        subject.put("kind", "ORG");
        subject.put("code", r.authorityCode() == null ? "" : r.authorityCode().trim());
        subject.put("name", r.authorityName() == null ? "" : r.authorityName().trim());
        rec.set("authority", subject.deepCopy().without("kind"));
        rec.put("decisionDate", LocalDate.now(clock.withZone(CHINA)).toString());
        ObjectNode fields = rec.putObject("fields");
        fields.put("ML_LABEL", label);
        fields.put("ML_APPLIES_FROM", from.toString());
        fields.put("ML_CONTENT", content);
        StoredRecord stored;
        try {
            stored = ingest.commitOne(rec);
        } catch (Problem p) {
            if (p.code().equals("NO_LONGER_VALID")) throw new Problem(Problem.Kind.UNPROCESSABLE, "BAD_MEASURE_LIST", p.getMessage());
            throw p;
        }
        apply(stored); // read your writes; the log consumer sees it again, idempotently
        return stored;
    }

    @Override
    public String name() { return "measure-lists"; }

    /** Not on the committing thread: a measure list applies from a date, never within the milliseconds of a commit. */
    @Override
    public boolean runsOnCommit() { return false; }

    @Override
    public void handle(List<RecordLog.Entry> entries) throws Exception {
        for (RecordLog.Entry e : entries) {
            if (!CATEGORY.equals(e.category())) continue;
            StoredRecord r = store.find(e.id()).orElse(null);
            if (r == null || !fromAbove.test(r.via())) continue;
            try {
                apply(r);
            } catch (ConfigException bad) {
                // The parent's list does not fit this node's catalogue or purposes: keep the current list.
                LOG.warn("measure list {} from {} not applied: {}", r.id(), r.origin(), bad.getMessage());
                audit.byAccount("MEASURE_LIST_REFUSED", null, "BAD_MEASURE_LIST", r.id() + " from " + r.origin() + ": " + bad.getMessage());
            }
        }
    }

    private void apply(StoredRecord r) throws java.io.IOException, SQLException {
        JsonNode f = json.readTree(r.canonical()).path("fields");
        String label = f.path("ML_LABEL").asText();
        LocalDate from = LocalDate.parse(f.path("ML_APPLIES_FROM").asText());
        MeasureList list = MeasureList.parse(f.path("ML_CONTENT").asText(), "record " + r.id() + " (" + label + ")", catalogue, purposes);
        lists.add(new MeasureLists.Published(r.id(), r.origin(), label, from, list));
        versions.put(new MeasureListVersions.Row(r.id(), r.origin(), label, from));
        LOG.info("measure list {} from {} applies from {}: {}", r.id(), r.origin(), from, label);
    }

    private static Problem bad(String field, String why) {
        return new Problem(Problem.Kind.BAD_REQUEST, "BAD_MEASURE_LIST", field + ": " + why);
    }
}
