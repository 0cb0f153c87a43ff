package org.creditnode.workflows.quality;

import org.creditnode.record.RecordAuthority;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.creditnode.ingest.CommitGroup;
import org.creditnode.ingest.CommitListener;
import org.creditnode.log.LogConsumer;
import org.creditnode.record.Catalogue;
import org.creditnode.record.CategorySpec;
import org.creditnode.store.QualityCounts;
import org.creditnode.store.RecordLog;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The "quality" consumer of the committed-record log. Of this node's own records (origin = this
 * node, first versions, categories departments report — the published ones) it keeps the
 * authority, category, decision date, day of receipt and working days between them; of the
 * QUALITY_STATISTICS records the nodes below sent, the counts they carry. It never runs on the
 * committing thread: figures need not be current within milliseconds, ingest answers must.
 *
 * <p>On two cores this consumer cost ingest about a fifth of its rate, part of it reading each
 * record back (and decrypting records about people). So the committer hands it what it just made
 * durable ({@link #committed}, a cache put per record) and it reads back only what is not there:
 * after a restart, on another instance, or when it fell behind further than the cache holds.
 */
public final class QualityIndexer implements LogConsumer, CommitListener {
    private static final Logger LOG = LoggerFactory.getLogger(QualityIndexer.class);
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final String self;
    private final RecordStore store;
    private final QualityCounts counts;
    private final Catalogue catalogue;
    private final LateReportRule rule;
    private final ObjectMapper json;
    /** Own first versions this instance just committed, until this consumer takes them. Bounded in size and time. */
    private final Cache<String, StoredRecord> justCommitted = Caffeine.newBuilder()
            .maximumSize(20_000).expireAfterWrite(Duration.ofMinutes(1)).build();
    private final java.util.concurrent.atomic.LongAdder readBack = new java.util.concurrent.atomic.LongAdder();

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

    /** On the committing thread: remembers the group's own countable records, nothing more. */
    @Override
    public void committed(CommitGroup group) {
        for (StoredRecord r : group.records()) {
            if (r.version() == 1 && r.origin().equals(self) && counted(r.category())) justCommitted.put(r.id(), r);
        }
    }

    @Override
    public void handle(List<RecordLog.Entry> entries) throws Exception {
        Set<String> own = new HashSet<>();
        for (RecordLog.Entry e : entries) {
            if (e.origin().equals(self)) {
                if (e.version() == 1 && counted(e.category())) own.add(e.id());
            } else if (StatisticsRecords.CATEGORY.equals(e.category())) {
                StoredRecord r = store.find(e.id()).orElse(null);
                if (r != null && r.version() == e.version()) received(r);
            }
        }
        if (own.isEmpty()) return;
        List<QualityCounts.Own> rows = new ArrayList<>(own.size());
        long missingFrom = Long.MAX_VALUE;
        long missingTo = Long.MIN_VALUE;
        for (RecordLog.Entry e : entries) {
            if (e.version() != 1 || !own.contains(e.id())) continue;
            StoredRecord r = justCommitted.getIfPresent(e.id());
            if (r != null && r.version() == 1) {
                rows.add(project(r));
                justCommitted.invalidate(e.id());
                own.remove(e.id());
            } else {
                missingFrom = Math.min(missingFrom, e.seq());
                missingTo = Math.max(missingTo, e.seq());
            }
        }
        if (!own.isEmpty()) {
            for (StoredRecord r : store.byOriginRange(self, missingFrom, missingTo)) { // one read for the rest
                if (r.version() == 1 && own.contains(r.id())) {
                    rows.add(project(r));
                    readBack.increment();
                }
            }
        }
        counts.putOwn(rows);
    }

    /** Own records this consumer had to read back from the store (not handed over at commit). */
    long readBack() {
        return readBack.sum();
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
        return new QualityCounts.Own(r.id(), RecordAuthority.code(rec), authority.path("name").asText(null),
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
