package org.creditnode.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.TimeUnit;
import org.creditnode.certs.KeyAlgorithm;
import org.creditnode.federation.Delivery;
import org.creditnode.node.CreditNode;
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

/**
 * JSON with the node's ObjectMapper: parsing an ingest request body of {@code records} records,
 * and writing / reading a federation delivery of {@code records} batch-signed records.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class SerialisationBench {
    @Param({"1000"})
    public int records;

    private ObjectMapper json;
    private byte[] batchBody;
    private Delivery delivery;
    private byte[] deliveryBody;

    @Setup
    public void setup() throws Exception {
        json = CreditNode.jsonMapper();
        batchBody = BenchSupport.batchBody(records);
        try (BenchSupport.Pki pki = new BenchSupport.Pki(KeyAlgorithm.SM2)) {
            delivery = BenchSupport.delivery(BenchSupport.seal(pki.signer, true, records), pki.chainWithoutRoot());
        }
        deliveryBody = json.writeValueAsBytes(delivery);
        System.out.println("batch body " + batchBody.length + " bytes, delivery " + deliveryBody.length + " bytes");
    }

    @Benchmark
    public JsonNode parseBatchBody() throws Exception {
        return json.readTree(batchBody);
    }

    @Benchmark
    public byte[] writeDelivery() throws Exception {
        return json.writeValueAsBytes(delivery);
    }

    @Benchmark
    public Delivery readDelivery() throws Exception {
        return json.readValue(deliveryBody, Delivery.class);
    }
}
