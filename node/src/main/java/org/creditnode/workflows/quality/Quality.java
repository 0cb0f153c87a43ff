package org.creditnode.workflows.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.creditnode.access.PurposeReads;
import org.creditnode.access.Purposes;
import org.creditnode.config.NodeConfig;
import org.creditnode.ingest.IngestService;
import org.creditnode.log.LogConsumers;
import org.creditnode.policy.PolicyEngine;
import org.creditnode.privacy.RecordCipher;
import org.creditnode.record.Catalogue;
import org.creditnode.record.WorkingCalendar;
import org.creditnode.store.AuditLog;
import org.creditnode.store.Database;
import org.creditnode.store.QualityCounts;
import org.creditnode.store.RecordStore;

import java.nio.file.Path;
import java.time.Clock;

/** The quality workflow's parts, put together once (so that the node's wiring stays a line). */
public final class Quality {
    private Quality() {
    }

    /** Starts the "quality" log consumer, counts ingest's rejections, and returns the service. */
    public static QualityService wire(NodeConfig config, RecordStore store, Database db, Catalogue catalogue, IngestService ingest,
                                      LogConsumers consumers, ObjectMapper json, Clock clock, AuditLog audit, PolicyEngine policies,
                                      Purposes purposes, RecordCipher cipher) {
        LateReportRule rule = new LateReportRule(WorkingCalendar.load(Path.of(config.holidays)), config.quality.lateAfterWorkingDays);
        QualityCounts counts = new QualityCounts(db);
        QualityIndexer indexer = new QualityIndexer(config.node.id, store, counts, catalogue, rule, json);
        ingest.onCommit(indexer);
        consumers.start(indexer);
        ingest.countRejectionsWith(new QualityRejections(counts, new RejectionAttribution(catalogue), clock));
        return new QualityService(config.node.id, counts, rule, catalogue, ingest, new PurposeReads(purposes, policies, audit, cipher, clock),
                audit, json, clock, config.quality.sendMonths);
    }
}
