package org.creditnode.log;

/**
 * Wakes the consumers when records were committed, so that they need not poll hard: latency of
 * a wake-up, with a slow poll as the safety net (and for records committed by other instances).
 */
public final class LogSignal {
    private long generation;

    public synchronized void wake() {
        generation++;
        notifyAll();
    }

    /** Waits until the next wake-up after {@code seen} or {@code maxMs}; returns the generation now. */
    public synchronized long await(long seen, long maxMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + maxMs;
        while (generation == seen) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) break;
            wait(left);
        }
        return generation;
    }

    public synchronized long generation() { return generation; }
}
