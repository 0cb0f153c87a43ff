package org.creditnode.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;
import org.creditnode.sign.CanonicalJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * RFC 8785 canonical encoding of one sealed record as the origin signs it (submitted 行政处罚 plus
 * id, origin, seq, status, receivedAt, publicityUntil and prevHash): about 1 KiB of UTF-8.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class CanonicalJsonBench {
    private JsonNode record;

    @Setup
    public void setup() throws Exception {
        try (BenchSupport.Pki pki = new BenchSupport.Pki(org.creditnode.certs.KeyAlgorithm.SM2)) {
            String canonical = BenchSupport.seal(pki.signer, true, 1).records().get(0).canonical();
            record = new com.fasterxml.jackson.databind.ObjectMapper().readTree(canonical); // keys in arbitrary order again
            System.out.println("canonical record size: " + CanonicalJson.encode(record).length + " bytes");
        }
    }

    @Benchmark
    public byte[] encodeRecord() {
        return CanonicalJson.encode(record);
    }
}
