package org.creditnode.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BridgeChainBaselineTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void recordsCrossTheFourBrokerChainExactlyOnce(@TempDir Path dir) throws Exception {
        try (BridgeChainBaseline chain = new BridgeChainBaseline(dir, Duration.ofSeconds(30))) {
            BridgeChainBaseline.Result r = chain.run(2_000, 1_200, 100);
            assertEquals(2_000, r.received(), "count at national");
            assertEquals(2_000, r.distinct(), "distinct sequence numbers at national");
            assertTrue(r.exact());
            assertTrue(r.recordsPerSecond() > 0 && r.sendPerSecond() > 0);
        }
        for (String tier : BridgeChainBaseline.TIERS) {
            assertTrue(dir.resolve(tier).resolve("journal").toFile().isDirectory(), tier + " journal kept");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void persistentSendRateIsPositive(@TempDir Path dir) throws Exception {
        double rate = BridgeChainBaseline.persistentSendRate(dir, 2_000, 1_200, 100);
        assertTrue(rate > 0, "sends/s " + rate);
    }
}
