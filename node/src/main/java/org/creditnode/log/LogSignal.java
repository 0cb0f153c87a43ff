package org.creditnode.log;

/**
 * Wakes the consumers when records were committed, so that they need not poll hard: latency of
 * a wake-up, with a slow poll as the safety net (and for records committed by other instances).
 */
public final class LogSignal {
    private long generation;
    private volatile Runnable drain;

    /** What a thread that has just committed records runs (the log consumers' drain), once they exist. */
    public void onCommitted(Runnable drain) {
        this.drain = drain;
    }

    /** Called by whoever just committed records: their consumers run now, here, or are woken. */
    public void committed() {
        Runnable d = drain;
        if (d != null) d.run();
        else wake();
    }

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
