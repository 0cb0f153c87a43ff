package org.creditnode.workflows.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.creditnode.log.LogConsumer;
import org.creditnode.record.Catalogue;
import org.creditnode.record.CategorySpec;
import org.creditnode.store.QualityCounts;
import org.creditnode.store.RecordLog;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The "quality" consumer of the committed-record log. Of this node's own records (origin = this
 * node, first versions, categories departments report — the published ones) it keeps the
 * authority, category, decision date, day of receipt and working days between them; of the
 * QUALITY_STATISTICS records the nodes below sent, the counts they carry. It never runs on the
 * committing thread: figures need not be current within milliseconds, ingest answers must.
 */
public final class QualityIndexer implements LogConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(QualityIndexer.class);
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final String self;
    private final RecordStore store;
    private final QualityCounts counts;
    private final Catalogue catalogue;
    private final LateReportRule rule;
    private final ObjectMapper json;

    public QualityIndexer(String self, RecordStore store, QualityCounts counts, Catalogue catalogue, LateReportRule rule, ObjectMapper json) {
        this.self = self;
        this.store = store;
        this.counts = counts;
        this.catalogue = catalogue;
        this.rule = rule;
        this.json = json;
    }

    @Override
    public String name() { return "quality"; }

    @Override
    public boolean runsOnCommit() { return false; }

    @Override
    public void handle(List<RecordLog.Entry> entries) throws Exception {
        Set<String> own = new HashSet<>();
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (RecordLog.Entry e : entries) {
            if (e.origin().equals(self)) {
                if (e.version() == 1 && counted(e.category())) {
                    own.add(e.id());
                    from = Math.min(from, e.seq());
                    to = Math.max(to, e.seq());
                }
            } else if (StatisticsRecords.CATEGORY.equals(e.category())) {
                StoredRecord r = store.find(e.id()).orElse(null);
                if (r != null && r.version() == e.version()) received(r);
            }
        }
        if (own.isEmpty()) return;
        List<QualityCounts.Own> rows = new ArrayList<>(own.size());
        for (StoredRecord r : store.byOriginRange(self, from, to)) { // one read for the batch's own records
            if (r.version() == 1 && own.contains(r.id())) rows.add(project(r));
        }
        counts.putOwn(rows);
    }

    /** Categories departments report: the catalogue's published ones (workflow records are made by nodes). */
    boolean counted(String category) {
        return catalogue.category(category).map(CategorySpec::isPublished).orElse(false);
    }

    QualityCounts.Own project(StoredRecord r) throws java.io.IOException {
        JsonNode rec = json.readTree(r.canonical());
        JsonNode authority = rec.path("authority");
        LocalDate received = receivedOn(r.receivedAt());
        LocalDate decided = r.decisionDate() != null ? r.decisionDate() : LocalDate.parse(rec.path("decisionDate").asText());
        return new QualityCounts.Own(r.id(), authority.path("code").asText().trim().toUpperCase(Locale.ROOT), authority.path("name").asText(null),
                r.category(), decided, received, rule.workingDays(decided, received));
    }

    private void received(StoredRecord r) throws java.sql.SQLException {
        try {
            if (counts.putRemote(StatisticsRecords.parse(r, json.readTree(r.canonical()), json))) {
                LOG.debug("quality statistics {} from {} projected", r.id(), r.origin());
            }
        } catch (java.io.IOException | RuntimeException bad) {
            // A record that passed the catalogue but whose content is not the counts: keep going, say which.
            LOG.warn("quality statistics {} from {} not readable, skipped: {}", r.id(), r.origin(), bad.toString());
        }
    }

    /** The day of receipt at this node, in China's time zone. */
    static LocalDate receivedOn(String receivedAt) {
        return OffsetDateTime.parse(receivedAt).atZoneSameInstant(CHINA).toLocalDate();
    }
}
