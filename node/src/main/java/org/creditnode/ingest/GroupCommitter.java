package org.creditnode.ingest;

import org.creditnode.problem.Problem;
import org.creditnode.store.OriginHead;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The single writer of this node's own records. Request threads hand over checked records; this
 * thread gathers what has queued up from many requests into one group, seals it (numbers, chain,
 * one signature) and commits it in one transaction. Group commit is what lets single-record
 * requests share a signature and an fsync instead of paying one each.
 */
public final class GroupCommitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private record Submission(List<RecordSealer.Pending> records, CompletableFuture<List<StoredRecord>> done) {
    }

    private final RecordStore store;
    private final RecordSealer sealer;
    private final String origin;
    private final int maxGroup;
    private final Clock clock;
    private final BlockingQueue<Submission> queue;
    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();
    private final Thread writer;
    private volatile boolean running = true;

    public GroupCommitter(RecordStore store, RecordSealer sealer, String origin, int maxGroup, int queueCapacity, Clock clock) {
        this.store = store;
        this.sealer = sealer;
        this.origin = origin;
        this.maxGroup = maxGroup;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        try {
            store.ensureHead(origin);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the chain head of origin " + origin + ": " + e.getMessage(), e);
        }
        this.writer = new Thread(this::run, "record-committer");
        this.writer.start();
    }

    public void addListener(CommitListener l) {
        listeners.add(l);
    }

    /** A listener that must see a group before the others (before the log's consumers are woken). */
    public void addFirstListener(CommitListener l) {
        listeners.add(0, l);
    }

    /** Queues records for the next group; the future completes once they are committed. */
    public CompletableFuture<List<StoredRecord>> submit(List<RecordSealer.Pending> records) {
        CompletableFuture<List<StoredRecord>> done = new CompletableFuture<>();
        if (!running) throw new Problem(Problem.Kind.UNAVAILABLE, "SHUTTING_DOWN", "the node is shutting down; retry on another instance or later");
        if (!queue.offer(new Submission(records, done))) {
            throw new Problem(Problem.Kind.UNAVAILABLE, "OVERLOADED", "the node has " + queue.size()
                    + " batches waiting to be committed; retry after a short pause");
        }
        return done;
    }

    public int queued() { return queue.size(); }

    private void run() {
        List<Submission> group = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Submission first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                group.clear();
                group.add(first);
                int size = first.records().size();
                Submission next;
                while (size < maxGroup && (next = queue.peek()) != null && size + next.records().size() <= maxGroup) {
                    group.add(queue.poll());
                    size += next.records().size();
                }
                commit(group, size);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.error("committer loop error", e);
            }
        }
        Submission left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new Problem(Problem.Kind.UNAVAILABLE, "SHUTTING_DOWN", "the node stopped before committing"));
        }
    }

    private static List<String> revised(List<RecordSealer.Pending> pending) {
        List<String> ids = new ArrayList<>();
        for (RecordSealer.Pending p : pending) if (p.revision() != null) ids.add(p.revision().id());
        return ids;
    }

    private void commit(List<Submission> group, int size) {
        List<RecordSealer.Pending> all = new ArrayList<>(size);
        for (Submission s : group) all.addAll(s.records());
        long started = System.nanoTime();
        long tLocked = started;
        long tSealed = started;
        long tInserted = started;
        CommitGroup sealed;
        try (Connection c = store.database().connection()) {
            c.setAutoCommit(false);
            try {
                OriginHead head = store.lockHead(c, origin);
                String now = OffsetDateTime.now(clock.withZone(CHINA)).truncatedTo(ChronoUnit.MILLIS).format(ISO);
                tLocked = System.nanoTime();
                sealed = sealer.seal(head, all, now, now, store.versionHeads(c, revised(all)));
                tSealed = System.nanoTime();
                if (sealed.batch() != null) store.insertBatch(c, sealed.batch());
                store.insertRecords(c, sealed.records());
                StoredRecord last = sealed.records().get(sealed.records().size() - 1);
                store.updateHead(c, new OriginHead(origin, last.seq(), last.hash()));
                tInserted = System.nanoTime();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            if (group.size() > 1) {
                // One request's records must never fail another's: commit each submission alone, so
                // that only the one the database refuses is refused.
                LOG.warn("commit group of {} submissions failed ({}); committing them one by one", group.size(), describe(e));
                for (Submission s : group) commit(List.of(s), s.records().size());
                return;
            }
            if (e instanceof Problem p) LOG.info("commit of {} records refused: {} {}", size, p.code(), p.getMessage()); // a caller's conflict
            else LOG.error("commit of {} records failed: {}", size, describe(e));
            group.forEach(s -> s.done().completeExceptionally(refusal(e)));
            return;
        }
        long committedAt = System.nanoTime();
        for (CommitListener l : listeners) {
            try {
                l.committed(sealed);
            } catch (Exception e) {
                // The records are committed; the listener (forwarding) must catch up from the store.
                LOG.error("commit listener {} failed for {} records: {}", l, size, e.toString());
            }
        }
        int from = 0;
        for (Submission s : group) {
            int n = s.records().size();
            s.done().complete(sealed.records().subList(from, from + n));
            from += n;
        }
        LOG.debug("committed records={} submissions={} lockUs={} sealUs={} insertUs={} commitUs={} totalUs={}", size, group.size(),
                (tLocked - started) / 1000, (tSealed - tLocked) / 1000, (tInserted - tSealed) / 1000,
                (committedAt - tInserted) / 1000, (System.nanoTime() - started) / 1000);
    }

    /**
     * A data exception (SQLSTATE class 22) is about this request's values: 422, not a node fault.
     * Anything else is the store's: 503, retry later. The database's own message is not passed on:
     * it may quote the values, and those may be personal data.
     */
    static Problem refusal(Exception e) {
        if (e instanceof Problem p) return p; // a revision that no longer builds on the current version
        if (e instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
            return new Problem(Problem.Kind.UNPROCESSABLE, "UNSTORABLE", "the database refused a value of this batch (SQLSTATE "
                    + sql.getSQLState() + "); nothing of it was stored");
        }
        return new Problem(Problem.Kind.UNAVAILABLE, "STORE_UNAVAILABLE", "the records could not be committed ("
                + describe(e) + "); nothing of this batch was stored, retry later");
    }

    /** Names the failure without its message, which may quote stored values. */
    private static String describe(Exception e) {
        if (e instanceof SQLException sql) return "SQLSTATE " + sql.getSQLState() + ", code " + sql.getErrorCode();
        return e.getClass().getSimpleName();
    }

    /** Stops taking submissions, commits what is queued, and waits for the writer to finish. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        writer.join(30_000);
    }
}
