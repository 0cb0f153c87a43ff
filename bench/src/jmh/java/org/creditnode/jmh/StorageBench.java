package org.creditnode.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.creditnode.certs.KeyAlgorithm;
import org.creditnode.config.NodeConfig;
import org.creditnode.ingest.CommitGroup;
import org.creditnode.ingest.RecordSealer;
import org.creditnode.store.Database;
import org.creditnode.store.OriginHead;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The committer's transaction for one sealed group of {@code records} batch-signed records on an
 * H2 file database in a temporary directory: insert the batch, insert the records (one JDBC
 * batch, plus the summary updates), move the chain head, commit. Each invocation stores fresh
 * records (the next sequence numbers), sealed beforehand outside the measurement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class StorageBench {
    @Param({"1000"})
    public int records;

    private Path dir;
    private BenchSupport.Pki pki;
    private Database db;
    private RecordStore store;
    private RecordSealer sealer;
    private List<RecordSealer.Pending> pending;
    private OriginHead head;
    private CommitGroup group;

    @Setup(Level.Trial)
    public void openDatabase() throws Exception {
        dir = Files.createTempDirectory("creditnode-jmh-db");
        NodeConfig.Storage storage = new NodeConfig.Storage();
        storage.url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
        storage.poolSize = 2;
        db = new Database(storage);
        store = new RecordStore(db);
        store.ensureHead(BenchSupport.ORIGIN);
        head = store.head(BenchSupport.ORIGIN).orElseThrow();
        pki = new BenchSupport.Pki(KeyAlgorithm.SM2);
        sealer = new RecordSealer(BenchSupport.ORIGIN, pki.signer, true);
        pending = BenchSupport.pending(records);
    }

    /** Seals the next {@code records} records after the current head (not measured). */
    @Setup(Level.Invocation)
    public void sealNextGroup() {
        group = sealer.seal(head, pending, BenchSupport.RECEIVED_AT, BenchSupport.SIGNED_AT);
        StoredRecord last = group.records().get(group.records().size() - 1);
        head = new OriginHead(BenchSupport.ORIGIN, last.seq(), last.hash());
    }

    @Benchmark
    public void insertGroup() throws Exception {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                store.lockHead(c, BenchSupport.ORIGIN);
                store.insertBatch(c, group.batch());
                store.insertRecords(c, group.records());
                store.updateHead(c, head);
                c.commit();
            } catch (Exception e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    @TearDown(Level.Trial)
    public void closeDatabase() throws Exception {
        System.out.println("records stored: " + store.count());
        db.close();
        pki.close();
        BenchSupport.deleteTree(dir);
    }
}
