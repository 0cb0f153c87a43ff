package org.creditnode.jmh;

import java.security.PublicKey;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.creditnode.certs.KeyAlgorithm;
import org.creditnode.sign.SignatureAlgorithm;
import org.creditnode.sign.Signer;
import org.creditnode.sign.Verifier;
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

/** Signing and verifying 1 KiB with a node's signing key: SM2 (SM3withSM2) and ECDSA P-256 (SHA256withECDSA). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class SignBench {
    @Param({"SM2", "EC_P256"})
    public KeyAlgorithm alg;

    private BenchSupport.Pki pki;
    private Signer signer;
    private SignatureAlgorithm sigAlg;
    private PublicKey publicKey;
    private byte[] data;
    private byte[] signature;

    @Setup
    public void setup() {
        pki = new BenchSupport.Pki(alg);
        signer = pki.signer;
        sigAlg = signer.algorithm();
        publicKey = pki.identity.certificate().getPublicKey();
        data = new byte[1024];
        new Random(42).nextBytes(data);
        signature = signer.sign(data);
        if (!Verifier.verify(sigAlg, publicKey, data, signature)) throw new IllegalStateException("signature does not verify");
    }

    @TearDown
    public void tearDown() {
        pki.close();
    }

    @Benchmark
    public byte[] sign() {
        return signer.sign(data);
    }

    @Benchmark
    public boolean verify() {
        return Verifier.verify(sigAlg, publicKey, data, signature);
    }
}
