package org.creditnode.ingest;

import org.creditnode.certs.FederationPki;
import org.creditnode.certs.KeyAlgorithm;
import org.creditnode.certs.NodeIdentity;
import org.creditnode.config.NodeConfig;
import org.creditnode.record.SampleRecords;
import org.creditnode.sign.HashAlgorithm;
import org.creditnode.sign.Signer;
import org.creditnode.store.Database;
import org.creditnode.store.OriginHead;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The committer on each supported database: two instances of one node sharing a database issue
 * gap-free sequence numbers on one hash chain, and a reopened database continues it.
 * PostgreSQL comes from .ci/run (scripts/test-postgres.sh), named by CREDIT_TEST_PG_URL.
 */
class GroupCommitStorageTest {
    @TempDir
    static Path dir;
    static Signer signer;

    @BeforeAll
    static void keys() {
        char[] pw = "changeit".toCharArray();
        var files = FederationPki.ensureSelfContained(dir.resolve("keys"), "360404", KeyAlgorithm.SM2, pw);
        NodeIdentity id = NodeIdentity.load(files.signingKeystore(), pw, "signing");
        signer = Signer.forKey(id.privateKey(), id.keyId());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void twoInstancesSharingADatabaseKeepOneGapFreeChain(String backend) throws Exception {
        NodeConfig.Storage storage = storage(backend);
        int perInstance = 150;
        try (Database db = new Database(storage)) {
            RecordStore store = new RecordStore(db);
            try (GroupCommitter a = committer(store, true); GroupCommitter b = committer(store, false)) {
                List<CompletableFuture<List<StoredRecord>>> all = new ArrayList<>();
                for (int i = 0; i < perInstance; i++) {
                    all.add(a.submit(List.of(pending(i))));
                    all.add(b.submit(List.of(pending(10_000 + i), pending(20_000 + i))));
                }
                for (var f : all) f.get();
            }
            assertChain(store, perInstance * 3);
        }
        // A new pool on the same database (a restart) continues the sequence after the last record.
        try (Database db = new Database(storage); GroupCommitter c = committer(new RecordStore(db), true)) {
            StoredRecord next = c.submit(List.of(pending(99))).get().get(0);
            assertEquals(perInstance * 3 + 1, next.seq());
            assertChain(new RecordStore(db), perInstance * 3 + 1);
        }
    }

    private static GroupCommitter committer(RecordStore store, boolean batchSigning) {
        return new GroupCommitter(store, new RecordSealer("360404", signer, batchSigning), "360404", 500, 1000, Clock.systemUTC());
    }

    /** An SM2 signer with a development key of node 360404, made in {@code dir}. */
    static Signer signer(Path dir) throws Exception {
        char[] pw = "changeit".toCharArray();
        var files = FederationPki.ensureSelfContained(dir.resolve("keys"), "360404",
                KeyAlgorithm.SM2, pw);
        var id = NodeIdentity.load(files.signingKeystore(), pw, "signing");
        return Signer.forKey(id.privateKey(), id.keyId());
    }

    /** A fresh H2 file database in {@code dir} whose lock waits outlast a test's deliberate stall. */
    static Database lockWaitingH2(Path dir) {
        NodeConfig.Storage storage = new NodeConfig.Storage();
        storage.url = "jdbc:h2:file:" + dir.resolve("db") + ";LOCK_TIMEOUT=60000";
        return new Database(storage);
    }

    static RecordSealer.Pending pending(int n) {
        var r = SampleRecords.penalty();
        String code = SampleRecords.validUscc("360404", n);
        ((com.fasterxml.jackson.databind.node.ObjectNode) r.get("subject")).put("code", code);
        return new RecordSealer.Pending(r, code, LocalDate.of(2026, 11, 10), LocalDate.of(2029, 11, 10));
    }

    private static void assertChain(RecordStore store, int expected) throws Exception {
        List<StoredRecord> records = store.byOrigin("360404", 1, 100_000);
        assertEquals(expected, records.size());
        String prev = OriginHead.GENESIS;
        for (int i = 0; i < records.size(); i++) {
            StoredRecord r = records.get(i);
            assertEquals(i + 1, r.seq(), "gap before " + r.id());
            assertEquals(prev, r.prevHash(), "chain at " + r.id());
            assertEquals(HexFormat.of().formatHex(HashAlgorithm.SM3.digest(r.canonical().getBytes(StandardCharsets.UTF_8))), r.hash());
            prev = r.hash();
        }
        assertEquals(new OriginHead("360404", expected, prev), store.head("360404").orElseThrow());
    }

    /** A fresh database: an H2 file in the temp folder, or a new schema in the test PostgreSQL. */
    private static NodeConfig.Storage storage(String backend) throws Exception {
        NodeConfig.Storage s = new NodeConfig.Storage();
        if (backend.equals("h2")) {
            s.url = "jdbc:h2:file:" + dir.resolve("h2-" + System.nanoTime()).resolve("db");
            return s;
        }
        String url = System.getenv("CREDIT_TEST_PG_URL");
        Assumptions.assumeTrue(url != null, "CREDIT_TEST_PG_URL not set: run the suite with .ci/run, which starts PostgreSQL");
        s.user = System.getenv("CREDIT_TEST_PG_USER");
        s.password = System.getenv("CREDIT_TEST_PG_PASSWORD");
        String schema = "t" + System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, s.user, s.password); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        s.url = url + "?currentSchema=" + schema;
        return s;
    }
}
