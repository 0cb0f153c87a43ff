package org.creditnode.log;

import org.creditnode.store.LogCursors;
import org.creditnode.store.RecordLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs every consumer of the committed-record log: take (or renew) the consumer's lease, read the
 * entries after its position, hand them over, write the new position. With several instances of
 * one node on one database, each consumer runs on whichever instance holds its lease; the others
 * wait and take over when it expires.
 *
 * <p>Each consumer has a background thread, the safety net that never misses a committed record.
 * The thread that has just committed records also runs a step itself ({@link #drain()}) when the
 * consumer is free: on two busy cores a hand-over to another thread cost 50-150 ms per hop
 * (measured with fedbench), so the records are queued before the committing request answers, as
 * they were before the log existed.
 *
 * <p>Every write here is a durable commit, so neither the lease nor the position is written per
 * batch: the lease is renewed when a third of it has run, the position at most every
 * {@link #ADVANCE_EVERY_MS} (and at a clean stop). After a crash the next owner repeats at most
 * that much, which handling must tolerate anyway.
 */
public final class LogConsumers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogConsumers.class);
    /** Longest time a handled position stays unwritten. */
    static final long ADVANCE_EVERY_MS = 100;

    private final RecordLog log;
    private final LogCursors cursors;
    private final LogSignal signal;
    private final String owner;
    private final long leaseMs;
    private final int batch;
    private final List<Runner> runners = new java.util.concurrent.CopyOnWriteArrayList<>(); // drain() may run while start() adds
    private volatile boolean running = true;

    public LogConsumers(RecordLog log, LogCursors cursors, LogSignal signal, String owner, long leaseMs, int batch) {
        this.log = log;
        this.cursors = cursors;
        this.signal = signal;
        this.owner = owner;
        this.leaseMs = leaseMs;
        this.batch = batch;
        signal.onCommitted(this::drain);
    }

    public String owner() { return owner; }

    public synchronized void start(LogConsumer consumer) {
        Runner r = new Runner(consumer);
        runners.add(r);
        r.thread.start();
    }

    /**
     * Called by a thread that has just committed records: runs each free consumer once, here. A
     * consumer busy in another thread is left to it (that thread will see the records); a failure
     * is left to the background thread's retry.
     */
    public void drain() {
        for (Runner r : runners) {
            if (!r.consumer.runsOnCommit() || !r.lock.tryLock()) continue;
            try {
                if (running) r.step();
            } catch (Exception e) {
                LOG.debug("log consumer {}: drain left to the background thread: {}", r.consumer.name(), e.toString());
            } finally {
                r.lock.unlock();
            }
        }
        signal.wake();
    }

    private final class Runner {
        final LogConsumer consumer;
        final Thread thread;
        final ReentrantLock lock = new ReentrantLock();
        long position = -1;          // in memory, ahead of the written one by at most ADVANCE_EVERY_MS
        long written = -1;
        long renewAt;
        long writtenAt;

        Runner(LogConsumer consumer) {
            this.consumer = consumer;
            this.thread = new Thread(this::loop, "log-" + consumer.name());
            this.thread.setDaemon(true);
        }

        /** One round; returns true when there was work, false when idle or not the lease holder. */
        boolean step() throws Exception {
            long now = System.currentTimeMillis();
            if (position < 0 || now >= renewAt) {
                if (position > written && written >= 0) write(now);
                OptionalLong claimed = cursors.claim(consumer.name(), owner, now, leaseMs);
                if (claimed.isEmpty()) {
                    if (position >= 0) LOG.warn("log consumer {} lost its lease; another instance runs it now", consumer.name());
                    position = -1;
                    written = -1;
                    return false;
                }
                if (position < 0) {
                    position = claimed.getAsLong();
                    written = position;
                    LOG.info("log consumer {} runs here owner={} from={}", consumer.name(), owner, position);
                }
                renewAt = now + leaseMs / 3;
            }
            List<RecordLog.Entry> entries = log.after(position, batch);
            if (entries.isEmpty()) {
                if (position > written) write(now);
                return false;
            }
            consumer.handle(entries); // on failure the position stays; the next round repeats these entries
            position = entries.get(entries.size() - 1).logNo();
            if (now - writtenAt >= ADVANCE_EVERY_MS) write(now);
            return true;
        }

        private void write(long now) throws SQLException {
            if (!cursors.advance(consumer.name(), owner, position)) {
                LOG.warn("log consumer {} lost its lease while handling; the next owner repeats from {}", consumer.name(), written);
                position = -1;
                written = -1;
                return;
            }
            written = position;
            writtenAt = now;
        }

        void loop() {
            long seen = signal.generation();
            long failures = 0;
            while (running) {
                boolean worked;
                lock.lock();
                try {
                    worked = step();
                    failures = 0;
                } catch (Exception e) {
                    worked = false;
                    failures++;
                    if (failures == 1 || failures % 50 == 0) {
                        LOG.error("log consumer {} failed (attempt {}), retrying from its position: {}", consumer.name(), failures, e.toString());
                    }
                } finally {
                    lock.unlock();
                }
                if (worked) continue;
                try {
                    long wait = failures > 0 ? Math.min(5_000, 100 * failures) : position < 0 ? leaseMs / 2 : ADVANCE_EVERY_MS;
                    seen = signal.await(seen, wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            lock.lock();
            try {
                if (position > written && written >= 0) write(System.currentTimeMillis());
            } catch (Exception e) {
                LOG.warn("log consumer {}: last position not written ({}); the next start repeats a little", consumer.name(), e.toString());
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        signal.wake();
        // No interrupt: an interrupted thread inside H2's file I/O closes the whole database.
        for (Runner r : runners) r.thread.join(10_000);
        for (Runner r : runners) {
            try {
                cursors.release(r.consumer.name(), owner);
            } catch (Exception e) {
                LOG.debug("lease of {} not released: {}", r.consumer.name(), e.toString());
            }
        }
    }
}
