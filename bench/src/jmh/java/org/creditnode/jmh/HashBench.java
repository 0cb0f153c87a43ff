package org.creditnode.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.creditnode.sign.HashAlgorithm;
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
import org.openjdk.jmh.annotations.Warmup;

/** HashAlgorithm.digest (SM3 via BC, SHA-256 via the JDK) over {@code size} bytes; MB/s = ops/s × size / 10^6. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class HashBench {
    @Param({"SM3", "SHA256"})
    public HashAlgorithm hash;

    @Param({"1024"})
    public int size;

    private byte[] data;

    @Setup
    public void setup() {
        data = new byte[size];
        new Random(42).nextBytes(data);
    }

    @Benchmark
    public byte[] digest() {
        return hash.digest(data);
    }
}
