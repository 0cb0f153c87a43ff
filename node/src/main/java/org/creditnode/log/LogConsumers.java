package org.creditnode.log;

import org.creditnode.store.LogCursors;
import org.creditnode.store.RecordLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs every consumer of the committed-record log, one thread each: take (or renew) the
 * consumer's lease, read the entries after its position, hand them over, write the new position.
 * With several instances of one node on one database, each consumer runs on whichever instance
 * holds its lease; the others wait and take over when it expires.
 */
public final class LogConsumers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogConsumers.class);

    private final RecordLog log;
    private final LogCursors cursors;
    private final LogSignal signal;
    private final String owner;
    private final long leaseMs;
    private final int batch;
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, AtomicLong> handled = new LinkedHashMap<>();
    private volatile boolean running = true;

    public LogConsumers(RecordLog log, LogCursors cursors, LogSignal signal, String owner, long leaseMs, int batch) {
        this.log = log;
        this.cursors = cursors;
        this.signal = signal;
        this.owner = owner;
        this.leaseMs = leaseMs;
        this.batch = batch;
    }

    public String owner() { return owner; }

    public synchronized void start(LogConsumer consumer) {
        AtomicLong count = new AtomicLong();
        handled.put(consumer.name(), count);
        Thread t = new Thread(() -> run(consumer, count), "log-" + consumer.name());
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void run(LogConsumer consumer, AtomicLong count) {
        long seen = signal.generation();
        boolean held = false;
        long failures = 0;
        while (running) {
            try {
                OptionalLong position = cursors.claim(consumer.name(), owner, System.currentTimeMillis(), leaseMs);
                if (position.isEmpty()) {
                    if (held) LOG.warn("log consumer {} lost its lease; another instance runs it now", consumer.name());
                    held = false;
                    seen = signal.await(seen, leaseMs / 2);
                    continue;
                }
                if (!held) LOG.info("log consumer {} runs here owner={} from={}", consumer.name(), owner, position.getAsLong());
                held = true;
                List<RecordLog.Entry> entries = log.after(position.getAsLong(), batch);
                if (entries.isEmpty()) {
                    seen = signal.await(seen, 200);
                    continue;
                }
                consumer.handle(entries);
                if (!cursors.advance(consumer.name(), owner, entries.get(entries.size() - 1).logNo())) {
                    LOG.warn("log consumer {} lost its lease while handling; the next owner repeats the last entries", consumer.name());
                }
                count.addAndGet(entries.size());
                failures = 0;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!running) return;
                failures++;
                if (failures == 1 || failures % 50 == 0) {
                    LOG.error("log consumer {} failed (attempt {}), retrying from its position: {}", consumer.name(), failures, e.toString());
                }
                try {
                    Thread.sleep(Math.min(5_000, 100 * failures));
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Per consumer: records handled by this instance since it started. */
    public synchronized Map<String, Long> handled() {
        Map<String, Long> out = new LinkedHashMap<>();
        handled.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        signal.wake();
        // No interrupt: an interrupted thread inside H2's file I/O closes the whole database.
        for (Thread t : threads) t.join(10_000);
        for (String name : handled.keySet()) {
            try {
                cursors.release(name, owner);
            } catch (Exception e) {
                LOG.debug("lease of {} not released: {}", name, e.toString());
            }
        }
    }
}
