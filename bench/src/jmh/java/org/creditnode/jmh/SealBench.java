package org.creditnode.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.creditnode.certs.KeyAlgorithm;
import org.creditnode.ingest.CommitGroup;
import org.creditnode.ingest.RecordSealer;
import org.creditnode.store.OriginHead;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * RecordSealer.seal of one commit group of {@code records} validated records: envelope, canonical
 * form, hash chain, and either one signature over a Merkle root (batch) or one per record (record).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class SealBench {
    @Param({"batch", "record"})
    public String mode;

    @Param({"SM2"})
    public KeyAlgorithm alg;

    @Param({"1000"})
    public int records;

    private BenchSupport.Pki pki;
    private RecordSealer sealer;
    private List<RecordSealer.Pending> pending;
    private OriginHead head;

    @Setup
    public void setup() {
        pki = new BenchSupport.Pki(alg);
        sealer = new RecordSealer(BenchSupport.ORIGIN, pki.signer, "batch".equals(mode));
        pending = BenchSupport.pending(records);
        head = new OriginHead(BenchSupport.ORIGIN, 0, OriginHead.GENESIS);
    }

    @TearDown
    public void tearDown() {
        pki.close();
    }

    @Benchmark
    public CommitGroup seal() {
        return sealer.seal(head, pending, BenchSupport.RECEIVED_AT, BenchSupport.SIGNED_AT);
    }
}
