package org.creditnode.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.creditnode.sign.HashAlgorithm;
import org.creditnode.sign.MerkleTree;
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
import org.openjdk.jmh.infra.Blackhole;

/** RFC 9162 Merkle trees of a signing batch: build + every inclusion proof, and checking one proof. */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class MerkleBench {
    @Param({"SM3", "SHA256"})
    public HashAlgorithm hash;

    @Param({"1000"})
    public int leaves;

    private List<byte[]> leafHashes;
    private int index;
    private List<byte[]> proof;
    private byte[] root;

    @Setup
    public void setup() {
        Random random = new Random(42);
        leafHashes = new ArrayList<>(leaves);
        for (int i = 0; i < leaves; i++) {
            byte[] record = new byte[1024];
            random.nextBytes(record);
            leafHashes.add(MerkleTree.leafHash(hash, record));
        }
        MerkleTree tree = MerkleTree.build(hash, leafHashes);
        index = leaves / 2;
        proof = tree.inclusionProof(index);
        root = tree.root();
        if (!verifyOneProof()) throw new IllegalStateException("proof does not verify");
    }

    /** What the sealer does per batch (besides leaf hashing): the tree and all {@code leaves} audit paths. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void buildTreeAndAllProofs(Blackhole bh) {
        MerkleTree tree = MerkleTree.build(hash, leafHashes);
        for (int i = 0; i < leaves; i++) {
            bh.consume(tree.inclusionProof(i));
        }
        bh.consume(tree.root());
    }

    /** What a receiver does per batch-signed record (besides the leaf hash). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public boolean verifyOneProof() {
        return MerkleTree.verifyInclusion(hash, leafHashes.get(index), index, leaves, proof, root);
    }
}
