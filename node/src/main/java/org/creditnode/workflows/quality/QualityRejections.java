package org.creditnode.workflows.quality;

import com.fasterxml.jackson.databind.JsonNode;
import org.creditnode.account.Account;
import org.creditnode.ingest.RejectionCounter;
import org.creditnode.store.QualityCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts a batch's records refused by the catalogue checks, per authority, category and day: one transaction per batch. */
public final class QualityRejections implements RejectionCounter {
    private static final Logger LOG = LoggerFactory.getLogger(QualityRejections.class);
    private final QualityCounts counts;
    private final RejectionAttribution attribution;
    private final Clock clock;

    public QualityRejections(QualityCounts counts, RejectionAttribution attribution, Clock clock) {
        this.counts = counts;
        this.attribution = attribution;
        this.clock = clock;
    }

    @Override
    public void count(Account account, List<JsonNode> refused) {
        LocalDate today = LocalDate.now(clock.withZone(QualityIndexer.CHINA));
        Map<RejectionAttribution.Target, Long> byTarget = new LinkedHashMap<>();
        for (JsonNode r : refused) byTarget.merge(attribution.of(account, r), 1L, Long::sum);
        List<QualityCounts.Rejections> rows = new ArrayList<>(byTarget.size());
        byTarget.forEach((t, n) -> rows.add(new QualityCounts.Rejections(t.authority(), t.category(), today, n)));
        try {
            counts.addRejected(rows);
        } catch (java.sql.SQLException | RuntimeException e) {
            // The batch was judged and answered either way; only the figure misses these.
            LOG.warn("rejected records not counted account={} records={}: {}", account.id(), refused.size(), e.toString());
        }
    }
}
