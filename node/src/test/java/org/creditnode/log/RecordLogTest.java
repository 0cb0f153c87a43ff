package org.creditnode.log;

import org.creditnode.certs.FederationPki;
import org.creditnode.certs.KeyAlgorithm;
import org.creditnode.certs.NodeIdentity;
import org.creditnode.config.NodeConfig;
import org.creditnode.ingest.RecordSealer;
import org.creditnode.sign.Signer;
import org.creditnode.store.Database;
import org.creditnode.store.LogCursors;
import org.creditnode.store.OriginHead;
import org.creditnode.store.RecordLog;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;
import org.creditnode.record.SampleRecords;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed-record log, its cursors and leases, and the consumer loop, on a real H2 file database. */
class RecordLogTest {
    @TempDir
    Path dir;
    private Database db;
    private RecordStore store;
    private RecordSealer sealer;
    private OriginHead head = new OriginHead("360404", 0, OriginHead.GENESIS);
    private int subjects;

    @BeforeEach
    void open() throws Exception {
        char[] pw = "changeit".toCharArray();
        var files = FederationPki.ensureSelfContained(dir.resolve("keys"), "360404", KeyAlgorithm.SM2, pw);
        NodeIdentity id = NodeIdentity.load(files.signingKeystore(), pw, "signing");
        sealer = new RecordSealer("360404", Signer.forKey(id.privateKey(), id.keyId()), true);
        NodeConfig.Storage storage = new NodeConfig.Storage();
        storage.url = "jdbc:h2:file:" + dir.resolve("db") + ";LOCK_TIMEOUT=30000";
        db = new Database(storage);
        store = new RecordStore(db);
        store.ensureHead("360404");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<StoredRecord> sealed(int n) {
        List<RecordSealer.Pending> pending = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            var r = SampleRecords.penalty();
            String code = SampleRecords.validUscc("360404", ++subjects);
            ((com.fasterxml.jackson.databind.node.ObjectNode) r.get("subject")).put("code", code);
            pending.add(new RecordSealer.Pending(r, code, LocalDate.of(2026, 11, 10), null));
        }
        List<StoredRecord> out = sealer.seal(head, pending, "2026-11-20T10:00:00+08:00", "2026-11-20T10:00:00+08:00").records();
        head = new OriginHead("360404", out.get(out.size() - 1).seq(), out.get(out.size() - 1).hash());
        return out;
    }

    @Test
    void logOrderIsCommitOrderAndAnOpenTransactionHidesEveryLaterNumber() throws Exception {
        RecordLog log = new RecordLog(db);
        List<StoredRecord> first = sealed(3);
        List<StoredRecord> second = sealed(2);
        try (Connection a = db.connection()) {
            a.setAutoCommit(false);
            store.insertRecords(a, first); // takes log numbers 1..3 and holds log_head
            CompletableFuture<Void> b = CompletableFuture.runAsync(() -> {
                try (Connection c = db.connection()) {
                    c.setAutoCommit(false);
                    store.insertRecords(c, second); // waits for a's commit, then takes 4..5
                    c.commit();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            assertFalse(waitsFor(b), "the second transaction must wait for the first");
            assertEquals(List.of(), log.after(0, 100), "nothing is visible before the first commits");
            a.commit();
            b.get(30, TimeUnit.SECONDS);
        }
        List<RecordLog.Entry> entries = log.after(0, 100);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), entries.stream().map(RecordLog.Entry::logNo).toList());
        assertEquals(List.of("360404-1", "360404-2", "360404-3", "360404-4", "360404-5"), entries.stream().map(RecordLog.Entry::id).toList());
        assertEquals(5, log.last());
        assertEquals(List.of(4L, 5L), log.after(3, 100).stream().map(RecordLog.Entry::logNo).toList());
    }

    private static boolean waitsFor(CompletableFuture<Void> f) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(300); // proving a wait: the other transaction must still be blocked after this long
        return f.isDone();
    }

    @Test
    void oneOwnerHoldsALeaseAtATimeAndAnotherTakesOverWhenItExpires() throws Exception {
        LogCursors cursors = new LogCursors(db);
        assertEquals(0, cursors.claim("c", "a", 1_000, 10_000).orElseThrow());
        assertTrue(cursors.claim("c", "b", 2_000, 10_000).isEmpty(), "a holds it until 11,000");
        assertTrue(cursors.advance("c", "a", 7));
        assertFalse(cursors.advance("c", "b", 9), "only the holder moves the position");
        assertEquals(7, cursors.claim("c", "b", 11_001, 10_000).orElseThrow(), "expired: b continues from a's position");
        assertFalse(cursors.advance("c", "a", 8), "a lost it");
        cursors.release("c", "b");
        assertEquals(7, cursors.claim("c", "a", 11_002, 10_000).orElseThrow(), "released: free at once");
    }

    @Test
    void aConsumerThatFailsSeesTheSameEntriesAgainAndTheCursorMovesOnlyAfterSuccess() throws Exception {
        RecordLog log = new RecordLog(db);
        LogCursors cursors = new LogCursors(db);
        LogSignal signal = new LogSignal();
        List<Long> handled = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        LogConsumer flaky = new LogConsumer() {
            public String name() { return "flaky"; }

            public void handle(List<RecordLog.Entry> entries) {
                if (calls.incrementAndGet() == 1) throw new IllegalStateException("broker unavailable");
                entries.forEach(e -> handled.add(e.logNo()));
            }
        };
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            store.insertRecords(c, sealed(4));
            c.commit();
        }
        try (LogConsumers consumers = new LogConsumers(log, cursors, signal, "me", 10_000, 100)) {
            consumers.start(flaky);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (handled.size() < 4 && System.nanoTime() < deadline) TimeUnit.MILLISECONDS.sleep(20);
        }
        assertEquals(List.of(1L, 2L, 3L, 4L), handled, "each entry handled once, after the failed attempt");
        assertTrue(calls.get() >= 2);
        assertEquals(4, cursors.all().get("flaky").position());
    }
}
