package org.creditnode.node;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Waits for a condition on other processes, polling; fails naming what did not happen in time. */
public final class Await {
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    public static void until(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            assertTrue(System.nanoTime() < deadline, "not within " + timeout.toSeconds() + " s: " + what);
            TimeUnit.MILLISECONDS.sleep(50); // polling another process; the condition is what is awaited
        }
    }
}
