package org.creditnode.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.creditnode.certs.KeyAlgorithm;
import org.creditnode.federation.Delivery;
import org.creditnode.federation.RecordVerifier;
import org.creditnode.federation.Verdict;
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
 * RecordVerifier.verifyAll over a received delivery of {@code records} records of one origin,
 * signed as one batch or one by one. "warm": the verifier has already validated the chain and (in
 * batch mode) this batch signature, so only per-record work remains (parse, canonical check, hash,
 * Merkle proof); "cold": caches cleared first, adding one PKIX chain validation and, in batch mode,
 * the one batch signature verification.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class VerifierBench {
    @Param({"batch", "record"})
    public String mode;

    @Param({"SM2"})
    public KeyAlgorithm alg;

    @Param({"1000"})
    public int records;

    private BenchSupport.Pki pki;
    private RecordVerifier verifier;
    private Delivery delivery;

    @Setup
    public void setup() {
        pki = new BenchSupport.Pki(alg);
        delivery = BenchSupport.delivery(BenchSupport.seal(pki.signer, "batch".equals(mode), records), pki.chainWithoutRoot());
        verifier = new RecordVerifier(pki.anchors());
        for (Verdict v : verifier.verifyAll(delivery)) {
            if (!v.isOk()) throw new IllegalStateException("delivery does not verify: " + v);
        }
    }

    @TearDown
    public void tearDown() {
        pki.close();
    }

    @Benchmark
    public List<Verdict> verifyWarm() {
        return verifier.verifyAll(delivery);
    }

    @Benchmark
    public List<Verdict> verifyCold() {
        verifier.clearCaches();
        return verifier.verifyAll(delivery);
    }
}
