package org.creditnode.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.jce.spec.ECNamedCurveGenParameterSpec;
import org.creditnode.config.NodeConfig;
import org.creditnode.ingest.RecordSealer;
import org.creditnode.record.SampleRecords;
import org.creditnode.sign.HashAlgorithm;
import org.creditnode.sign.Providers;
import org.creditnode.sign.SignatureAlgorithm;
import org.creditnode.sign.Signer;
import org.creditnode.sign.Verifier;
import org.creditnode.store.Database;
import org.creditnode.store.OriginHead;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code credit-bench perf}: one run that measures this machine's raw limits as the node uses them
 * (SM2, SM3, Artemis persistent sends, batched database inserts), the node's own figures (API
 * ingest, county → national over four processes with mutual TLS, latency at half the peak,
 * catch-up, start-up, memory), the plain Artemis bridge chain an integrator would otherwise
 * use, and the alliance figures ({@link AllianceBenchmark}) — then prints each node figure against the limit that bounds it, and writes CSV and JSON.
 * Loopback only; every phase is bounded in count and time.
 */
final class PerfBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private record Row(String group, String measure, double value, String unit, String boundBy, double limit) {
        double ratio() { return limit > 0 ? value / limit : Double.NaN; }
    }

    private PerfBenchmark() {
    }

    static int measure(FederationBenchmark.Options o, int ingestRecords, int chainMessages, boolean ingestOnly,
                               Path outDir, PrintStream out) throws Exception {
        out.printf("credit-bench performance run: %d cores, %d MiB max heap, java %s, %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"), System.getProperty("os.name"));
        Path work = Files.createTempDirectory("credit-perf");
        List<Row> rows = new ArrayList<>();

        out.println("1/5 raw limits ...");
        double sign = sm2Signs();
        double verify = sm2Verifies();
        double sm3 = sm3MegabytesPerSecond();
        double dbInserts = batchedInserts(work.resolve("db"), 20_000, 1000);
        BridgeChainBaseline.persistentSendRate(work.resolve("artemis-warm-up"), 20_000, 1200, 100); // JIT warm-up
        double artemis = BridgeChainBaseline.persistentSendRate(work.resolve("artemis"), 50_000, 1200, 100);
        rows.add(new Row("limit", "SM2 sign, 1 thread", sign, "ops/s", "", 0));
        rows.add(new Row("limit", "SM2 verify, 1 thread", verify, "ops/s", "", 0));
        rows.add(new Row("limit", "SM3 over 1 KiB blocks", sm3, "MB/s", "", 0));
        rows.add(new Row("limit", "H2 inserts, 1,000 rows per transaction, each commit written (WRITE_DELAY=0)", dbInserts, "rows/s", "", 0));
        rows.add(new Row("limit", "Artemis persistent sends, 100 per transaction", artemis, "msgs/s", "", 0));

        out.println("2/5 API ingest (one node, this JVM) ...");
        IngestBenchmark.Figures ingest = IngestBenchmark.measure(4000, ingestRecords, 1000, 8, o.signing(), o.configDir());
        rows.add(new Row("node", "API ingest, 1,000-record batches", ingest.batches().rate(), "records/s",
                "H2 inserts", dbInserts));
        rows.add(new Row("node", "API ingest, 1,000-record batches about people (SM4-GCM at rest, HMAC-SM3 index)", ingest.people().rate(),
                "records/s", "API ingest, 1,000-record batches", ingest.batches().rate()));
        rows.add(new Row("node", "API ingest, 1-record requests, 8 clients", ingest.single().rate(), "records/s",
                "SM2 sign (one signature per request without group commit)", sign));
        rows.add(new Row("node", "authorised read of a subject's records, p50 (query log on)", ingest.reads().p50(), "ms", "", 0));
        rows.add(new Row("node", "authorised read of a subject's records, p99 (query log on)", ingest.reads().p99(), "ms", "", 0));
        rows.add(new Row("node", "check (自动比对), one subject, p50 (2,000 list entries)", ingest.checks().p50(), "ms", "", 0));
        rows.add(new Row("node", "check (自动比对), one subject, p99 (2,000 list entries)", ingest.checks().p99(), "ms", "target 2 ms", 2));
        rows.add(new Row("node", "check (自动比对), batch form of 1,000 subjects", ingest.checks().batchRate(), "subjects/s",
                "target 20,000", 20000));

        if (ingestOnly) { // the limits and the ingest figures alone (about a minute): for changes to the ingest path
            print(rows, out);
            write(rows, outDir, out);
            deleteTree(work);
            return ingest.consistent() ? 0 : 1;
        }
        out.println("3/5 federation (four node processes, mutual TLS) ...");
        FederationBenchmark.Figures fed = FederationBenchmark.measure(o, out);

        out.println("4/5 Artemis bridge chain (four plain brokers) ...");
        double chain;
        try (BridgeChainBaseline b = new BridgeChainBaseline(work.resolve("chain"))) {
            b.run(10_000, 1200, 100); // warm-up
            BridgeChainBaseline.Result r = b.run(chainMessages, 1200, 100);
            if (!r.exact()) throw new IllegalStateException("bridge chain lost or duplicated messages: " + r);
            chain = r.recordsPerSecond();
        }
        rows.add(new Row("node", "county → national, 3 hops", fed.endToEnd(), "records/s", "Artemis bridge chain", chain));
        rows.add(new Row("baseline", "Artemis bridge chain, 3 hops, no verification, no database", chain, "records/s", "", 0));
        rows.add(new Row("node", "latency p50 at " + fed.latencyRate() + " records/s", fed.p50(), "ms", "", 0));
        rows.add(new Row("node", "latency p99 at " + fed.latencyRate() + " records/s", fed.p99(), "ms", "target 1000 ms", 1000));
        rows.add(new Row("node", "latency p999 at " + fed.latencyRate() + " records/s", fed.p999(), "ms", "", 0));
        rows.add(new Row("node", "catch-up after " + o.outageSeconds() + " s outage (" + fed.caughtUp() + " records)",
                fed.catchUpRate(), "records/s", "H2 inserts", dbInserts));
        rows.add(new Row("node", "start-up to healthy (national restart)", fed.restartSeconds(), "s", "target 5 s", 5));
        fed.rssMiB().forEach((id, mib) -> rows.add(new Row("node", "resident memory of node " + id, mib, "MiB", "", 0)));

        out.println("5/5 alliances (two provinces and a city, mutual TLS) ...");
        AllianceBenchmark.Figures alliance = AllianceBenchmark.measure(500, 10, 4, 20, 30, o.configDir(), out);
        RecognitionBenchmark.Figures recognition = alliance.recognition();
        rows.add(new Row("alliance", "mutual query (互查) answered, subject with 10 records, p50", alliance.answerP50(), "ms", "", 0));
        rows.add(new Row("alliance", "mutual query (互查) answered, subject with 10 records, p99", alliance.answerP99(), "ms", "target 50 ms", 50));
        rows.add(new Row("alliance", "mutual query asked and verified end to end, p99", alliance.endToEndP99(), "ms", "target 50 ms", 50));
        rows.add(new Row("alliance", "queries answered/s while taking in the city's records at " + Math.round(recognition.intakePerSecond()) + "/s (4 askers)",
                recognition.queriesPerSecond(), "queries/s", "", 0));
        rows.add(new Row("alliance", "p99 of those queries", recognition.queryP99(), "ms", "", 0));
        rows.add(new Row("alliance", "partner's revocation → recognised copy out of matching, p99, idle", recognition.revokeP99Idle(), "ms",
                "target 5,000 ms", 5000));
        rows.add(new Row("alliance", "partner's revocation → recognised copy out of matching, p99, under 1,000 records/s",
                recognition.revokeP99Loaded(), "ms", "target 5,000 ms", 5000));

        print(rows, out);
        write(rows, outDir, out);
        deleteTree(work);
        return ingest.consistent() && fed.consistent() ? 0 : 1;
    }

    private static void print(List<Row> rows, PrintStream out) {
        out.println();
        out.println("| group | measure | value | unit | bound by | ratio |");
        out.println("|---|---|---:|---|---|---:|");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "| %s | %s | %.1f | %s | %s | %s |%n", r.group(), r.measure(), r.value(), r.unit(), r.boundBy(),
                    Double.isNaN(r.ratio()) ? "" : String.format(Locale.ROOT, "%.2f", r.ratio()));
        }
    }

    private static void write(List<Row> rows, Path outDir, PrintStream out) throws Exception {
        Files.createDirectories(outDir);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        StringBuilder csv = new StringBuilder("group,measure,value,unit,bound_by,limit,ratio\n");
        ArrayNode json = JSON.createArrayNode();
        for (Row r : rows) {
            csv.append(String.format(Locale.ROOT, "%s,\"%s\",%.3f,%s,\"%s\",%.3f,%s%n", r.group(), r.measure(), r.value(), r.unit(),
                    r.boundBy(), r.limit(), Double.isNaN(r.ratio()) ? "" : String.format(Locale.ROOT, "%.3f", r.ratio())));
            ObjectNode n = json.addObject();
            n.put("group", r.group()).put("measure", r.measure()).put("value", r.value()).put("unit", r.unit())
                    .put("boundBy", r.boundBy()).put("limit", r.limit());
            if (!Double.isNaN(r.ratio())) n.put("ratio", r.ratio());
        }
        Path csvFile = outDir.resolve("perf-" + stamp + ".csv");
        Path jsonFile = outDir.resolve("perf-" + stamp + ".json");
        Files.writeString(csvFile, csv);
        ObjectNode doc = JSON.createObjectNode();
        doc.put("cores", Runtime.getRuntime().availableProcessors()).put("java", System.getProperty("java.version"));
        doc.set("rows", json);
        Files.writeString(jsonFile, JSON.writeValueAsString(doc));
        out.println("\nwritten: " + csvFile + ", " + jsonFile);
    }

    private static KeyPair sm2Key() throws Exception {
        Providers.ensure();
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "BC");
        g.initialize(new ECNamedCurveGenParameterSpec("sm2p256v1"));
        return g.generateKeyPair();
    }

    private static double sm2Signs() throws Exception {
        Signer s = new Signer(SignatureAlgorithm.SM2_SM3, sm2Key().getPrivate(), "perf");
        byte[] data = new byte[256];
        return opsPerSecond(() -> s.sign(data));
    }

    private static double sm2Verifies() throws Exception {
        KeyPair k = sm2Key();
        byte[] data = new byte[256];
        byte[] sig = new Signer(SignatureAlgorithm.SM2_SM3, k.getPrivate(), "perf").sign(data);
        return opsPerSecond(() -> Verifier.verify(SignatureAlgorithm.SM2_SM3, k.getPublic(), data, sig));
    }

    private static double sm3MegabytesPerSecond() {
        byte[] block = new byte[1024];
        ThreadLocalRandom.current().nextBytes(block);
        return opsPerSecond(() -> HashAlgorithm.SM3.digest(block)) * 1024 / 1e6;
    }

    /** One warm-up second, then as many calls as fit in two seconds. */
    private static double opsPerSecond(Runnable op) {
        long end = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < end) op.run();
        long n = 0;
        long t0 = System.nanoTime();
        end = t0 + 2_000_000_000L;
        while (System.nanoTime() < end) {
            op.run();
            n++;
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** Sealed records inserted into a fresh H2 file database, {@code perTx} per transaction, as the committer does. */
    private static double batchedInserts(Path dir, int records, int perTx) throws Exception {
        NodeConfig.Storage storage = new NodeConfig.Storage();
        storage.url = "jdbc:h2:file:" + dir.resolve("db");
        Signer signer = new Signer(SignatureAlgorithm.SM2_SM3, sm2Key().getPrivate(), "perf");
        RecordSealer sealer = new RecordSealer("360404", signer, true);
        try (Database db = new Database(storage)) {
            RecordStore store = new RecordStore(db);
            store.ensureHead("360404");
            List<List<StoredRecord>> groups = new ArrayList<>();
            OriginHead head = new OriginHead("360404", 0, OriginHead.GENESIS);
            for (int done = 0; done < records; done += perTx) {
                List<RecordSealer.Pending> pending = new ArrayList<>();
                for (int i = 0; i < perTx; i++) {
                    ObjectNode r = SampleRecords.penalty();
                    String code = SampleRecords.validUscc("360404", done + i);
                    ((ObjectNode) r.get("subject")).put("code", code);
                    pending.add(new RecordSealer.Pending(r, code, LocalDate.of(2026, 11, 10), LocalDate.of(2029, 11, 10)));
                }
                List<StoredRecord> sealed = sealer.seal(head, pending, "2026-11-23T10:00:00+08:00", "2026-11-23T10:00:00+08:00").records();
                StoredRecord last = sealed.get(sealed.size() - 1);
                head = new OriginHead("360404", last.seq(), last.hash());
                groups.add(sealed);
            }
            long t0 = System.nanoTime();
            for (List<StoredRecord> g : groups) {
                try (Connection c = db.connection()) {
                    c.setAutoCommit(false);
                    store.insertRecords(c, g);
                    c.commit();
                }
            }
            return records / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
