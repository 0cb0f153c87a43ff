package org.creditnode.workflows.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.certs.FederationPki;
import org.creditnode.certs.KeyAlgorithm;
import org.creditnode.certs.NodeIdentity;
import org.creditnode.config.NodeConfig;
import org.creditnode.ingest.GroupCommitter;
import org.creditnode.ingest.RecordSealer;
import org.creditnode.record.SampleRecords;
import org.creditnode.record.WorkingCalendar;
import org.creditnode.sign.Signer;
import org.creditnode.store.Database;
import org.creditnode.store.QualityCounts;
import org.creditnode.store.RecordLog;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The quality consumer projects the same rows whether it takes the records the committer just
 * handed it or reads them back from the store (after a restart, on another instance).
 */
class QualityIndexerTest {
    private static final String SELF = "360404";

    @TempDir
    Path dir;

    @Test
    void recordsHandedOverByTheCommitterAndRecordsReadBackGiveTheSameRows() throws Exception {
        char[] pw = "changeit".toCharArray();
        var files = FederationPki.ensureSelfContained(dir.resolve("keys"), SELF, KeyAlgorithm.SM2, pw);
        NodeIdentity id = NodeIdentity.load(files.signingKeystore(), pw, "signing");
        NodeConfig.Storage storage = new NodeConfig.Storage();
        storage.url = "jdbc:h2:file:" + dir.resolve("db");
        ObjectMapper json = new ObjectMapper();
        LateReportRule rule = new LateReportRule(WorkingCalendar.load(SampleRecords.configDir().resolve("holidays.yaml")), 7);
        try (Database db = new Database(storage)) {
            RecordStore store = new RecordStore(db);
            QualityCounts counts = new QualityCounts(db);
            QualityIndexer handedOver = new QualityIndexer(SELF, store, counts, SampleRecords.catalogue(), rule, json);
            QualityIndexer readingBack = new QualityIndexer(SELF, store, counts, SampleRecords.catalogue(), rule, json);
            List<StoredRecord> stored;
            try (GroupCommitter committer = new GroupCommitter(store, new RecordSealer(SELF, Signer.forKey(id.privateKey(), id.keyId()), true),
                    SELF, 500, 1000, Clock.systemUTC())) {
                committer.addFirstListener(handedOver);
                List<RecordSealer.Pending> pending = new ArrayList<>();
                for (int i = 0; i < 6; i++) pending.add(penalty(i, LocalDate.of(2026, 11, 2 + i)));
                stored = committer.submit(pending).get();
            }
            List<RecordLog.Entry> entries = new ArrayList<>();
            for (StoredRecord r : stored) entries.add(new RecordLog.Entry(r.seq(), r.id(), r.version(), r.origin(), r.seq(), r.category(), null));

            readingBack.handle(entries);
            List<String> fromStore = rows(db);
            assertEquals(6, fromStore.size(), fromStore.toString());
            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM quality_record");
            }
            handedOver.handle(entries);
            assertEquals(fromStore, rows(db));
            assertEquals(6, readingBack.readBack(), "read back from the store");
            assertEquals(0, handedOver.readBack(), "taken as the committer handed them over");
            // a consumer that sees the entries again (a takeover) adds nothing twice
            handedOver.handle(entries);
            assertEquals(fromStore, rows(db));
        }
    }

    private static RecordSealer.Pending penalty(int n, LocalDate decided) {
        ObjectNode r = SampleRecords.penalty();
        ((ObjectNode) r.get("subject")).put("code", SampleRecords.validUscc(SELF, 8100 + n));
        r.put("decisionDate", decided.toString());
        return new RecordSealer.Pending(r, "k-" + n, decided, decided.plusYears(1));
    }

    private static List<String> rows(Database db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, authority, category, decided_on, received_on, working_days FROM quality_record ORDER BY id")) {
            while (rs.next()) out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getDate(4) + "|" + rs.getDate(5) + "|" + rs.getInt(6));
        }
        return out;
    }
}
