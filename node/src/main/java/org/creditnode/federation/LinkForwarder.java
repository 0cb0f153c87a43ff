package org.creditnode.federation;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.creditnode.config.NodeConfig;
import org.creditnode.store.AuditLog;
import org.creditnode.store.LinkStates;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers one link's queue to the neighbour: takes messages, loads their records, posts them
 * over mutual TLS and acknowledges only after a genuine signed receipt. A failed delivery is
 * retried in place with exponential back-off; after the configured
 * number of attempts the messages go to the link's dead-letter queue. A crash before the
 * acknowledgement leaves the messages on the queue for the next start.
 */
public final class LinkForwarder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkForwarder.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NodeConfig.Link link;
    private final NodeConfig.Federation settings;
    private final LinkQueues queues;
    private final RecordStore store;
    private final DeliveryBuilder builder;
    private final FederationClient client;
    private final ReceiptCheck receipts;
    private final AuditLog audit;
    private volatile boolean running = true;
    private volatile boolean paused;
    private volatile long pauseCheckedAt = System.nanoTime();
    private final LinkStates states;

    private final AtomicLong delivered = new AtomicLong();
    private volatile Instant lastSuccess;
    private volatile Instant lastFailure;
    private volatile String lastError;
    private volatile int failingAttempts;

    public LinkForwarder(NodeConfig.Link link, NodeConfig.Federation settings, LinkQueues queues, RecordStore store,
                         DeliveryBuilder builder, FederationClient client, ReceiptCheck receipts, AuditLog audit,
                         LinkStates states) throws java.sql.SQLException {
        this.states = states;
        this.paused = states.isPaused(link.id);
        if (paused) LOG.warn("link {} starts paused, as an operator left it; admin resume {} delivers again", link.id, link.id);
        this.link = link;
        this.settings = settings;
        this.queues = queues;
        this.store = store;
        this.builder = builder;
        this.client = client;
        this.receipts = receipts;
        this.audit = audit;
        // Several deliveries in flight keep both ends busy: while the neighbour verifies and stores
        // one, the next is loaded and sent. Each is a route of its own (federation.parallelDeliveries
        // instances of the link's route template), each with its own session. Order between them is
        // not kept; the receiver stores out-of-order records and advances its watermark once the gap closes.
    }

    public String id() { return link.id; }

    /** Kept in the database: the link stays paused across restarts, on every instance, until resumed. */
    public void pause() throws java.sql.SQLException {
        states.setPaused(link.id, true);
        paused = true;
        LOG.info("link paused link={}", link.id);
    }

    public void resume() throws java.sql.SQLException {
        states.setPaused(link.id, false);
        paused = false;
        LOG.info("link resumed link={}", link.id);
    }

    /** Another instance of this node may have paused or resumed the link: look at most every 2 s. */
    private void refreshPause() {
        long now = System.nanoTime();
        if (now - pauseCheckedAt < 2_000_000_000L) return;
        pauseCheckedAt = now;
        try {
            paused = states.isPaused(link.id);
        } catch (java.sql.SQLException e) {
            LOG.debug("link {}: pause state not readable now: {}", link.id, e.toString());
        }
    }

    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("link", link.id);
        s.put("url", link.url);
        s.put("state", paused ? "PAUSED" : failingAttempts > 0 ? "RETRYING" : "UP");
        s.put("queueDepth", queues.depth(LinkQueues.queue(link.id)));
        s.put("deadLetters", queues.depth(LinkQueues.deadLetters(link.id)));
        s.put("recordsDelivered", delivered.get());
        s.put("lastSuccess", lastSuccess == null ? null : lastSuccess.toString());
        s.put("lastFailure", lastFailure == null ? null : lastFailure.toString());
        s.put("lastError", lastError);
        s.put("failingAttempts", failingAttempts);
        return s;
    }

    /** One Artemis session per delivering thread: sessions are not thread-safe. */
    private final class Worker implements AutoCloseable {
        final ClientSession session;
        final ClientConsumer consumer;
        final ClientProducer producer;

        Worker() throws Exception {
            session = queues.newSession();
            session.start();
            consumer = session.createConsumer(LinkQueues.queue(link.id));
            producer = session.createProducer();
        }

        @Override
        public void close() throws Exception {
            consumer.close();
            producer.close();
            session.close();
        }
    }

    private final ThreadLocal<Worker> worker = new ThreadLocal<>();
    private final List<Worker> allWorkers = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** How a route retries a failed delivery: attempts before the dead-letter queue, and the back-off. */
    public record Retry(int maxAttempts, long initialDelayMs, long maxDelayMs) {
    }

    /**
     * One round of the link, called over and over by its Camel route (routes/federation-link.yaml):
     * waits up to half a second for queued records, delivers up to recordsPerDelivery of them and
     * acknowledges them only after a genuine signed receipt, retrying with back-off and moving them
     * to the dead-letter queue after {@code retry.maxAttempts()}. Returns the number of records delivered.
     */
    public int deliverNext(Retry retry) {
        if (!running) return 0;
        refreshPause();
        if (paused) {
            waitWhilePaused();
            return 0;
        }
        Worker w = worker.get();
        try {
            if (w == null) {
                w = new Worker();
                worker.set(w);
                allWorkers.add(w);
            }
            List<ClientMessage> taken = take(w.consumer);
            if (taken.isEmpty()) return 0;
            return deliverOrDeadLetter(w.session, w.producer, taken, retry);
        } catch (Exception e) {
            if (!running) return 0;
            lastError = e.toString();
            LOG.warn("link {} consumer error, reopening its session: {}", link.id, e.toString());
            if (w != null) {
                worker.remove();
                allWorkers.remove(w);
                try {
                    w.close();
                } catch (Exception ignored) {
                    // the session is broken anyway
                }
            }
            sleep(1000);
            return 0;
        }
    }

    /** Up to recordsPerDelivery records' worth of messages, waiting briefly for the first. */
    private List<ClientMessage> take(ClientConsumer consumer) throws Exception {
        List<ClientMessage> out = new ArrayList<>();
        ClientMessage m = consumer.receive(500);
        int records = 0;
        while (m != null) {
            out.add(m);
            records += m.getIntProperty("records");
            if (records >= settings.recordsPerDelivery) break;
            m = consumer.receiveImmediate();
        }
        return out;
    }

    private int deliverOrDeadLetter(ClientSession session, ClientProducer producer, List<ClientMessage> taken, Retry retry) throws Exception {
        List<StoredRecord> records = load(taken);
        long delay = retry.initialDelayMs();
        for (int attempt = 1; running; attempt++) {
            String error = attemptDelivery(records);
            if (error == null) {
                for (ClientMessage m : taken) m.acknowledge();
                session.commit();
                delivered.addAndGet(records.size());
                lastSuccess = Instant.now();
                failingAttempts = 0;
                return records.size();
            }
            failingAttempts = attempt;
            lastFailure = Instant.now();
            lastError = error;
            if (attempt >= retry.maxAttempts()) {
                LOG.error("link {}: {} records to the dead-letter queue after {} attempts: {}", link.id, records.size(), attempt, error);
                for (ClientMessage m : taken) {
                    ClientMessage dead = session.createMessage(true);
                    m.getBodyBuffer().resetReaderIndex();
                    byte[] body = new byte[m.getBodyBuffer().readableBytes()];
                    m.getBodyBuffer().readBytes(body);
                    dead.writeBodyBufferBytes(body);
                    dead.putIntProperty("records", m.getIntProperty("records"));
                    dead.putStringProperty("error", error.length() > 500 ? error.substring(0, 500) : error);
                    dead.putStringProperty("failedAt", Instant.now().toString());
                    producer.send(LinkQueues.deadLetters(link.id), dead);
                    m.acknowledge();
                }
                session.commit();
                failingAttempts = 0;
                return 0;
            }
            if (attempt == 1 || attempt % 10 == 0) LOG.warn("link {} delivery failed (attempt {}): {}", link.id, attempt, error);
            sleep(delay);
            delay = Math.min(delay * 2, retry.maxDelayMs());
            while (paused && running) waitWhilePaused();
        }
        session.rollback(); // stopping: the messages stay queued for the next start
        return 0;
    }

    /** Null on success, else why the attempt failed. */
    private String attemptDelivery(List<StoredRecord> records) {
        try {
            if (records.isEmpty()) return null;
            byte[] body = JSON.writeValueAsBytes(builder.build(records));
            FederationClient.Reply reply = client.postJson(link.url + "/federation/v1/batches", body);
            if (!reply.ok()) return "HTTP " + reply.status() + ": " + abbreviate(reply.body());
            Receipt receipt = JSON.readValue(reply.body(), Receipt.class);
            var problem = receipts.problem(receipt, link.id);
            if (problem.isPresent()) return "bad receipt: " + problem.get();
            for (Receipt.RefusedRecord r : receipt.refused()) {
                // A refusal is final (the record fails the neighbour's checks); retrying cannot change it.
                audit.record("REFUSED_BY_NEIGHBOUR", link.id, r.id(), r.code(), r.message());
            }
            return null;
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private List<StoredRecord> load(List<ClientMessage> taken) throws Exception {
        List<StoredRecord> out = new ArrayList<>();
        for (ClientMessage m : taken) {
            for (LinkQueues.Ref ref : LinkQueues.parseRefs(m)) {
                Set<Long> wanted = new HashSet<>(ref.seqs());
                long min = ref.seqs().stream().mapToLong(Long::longValue).min().orElse(0);
                long max = ref.seqs().stream().mapToLong(Long::longValue).max().orElse(-1);
                for (StoredRecord r : store.byOriginRange(ref.origin(), min, max)) {
                    if (wanted.contains(r.seq())) out.add(r);
                }
            }
        }
        return out;
    }

    /** A resume may come from another instance of this node: it is read from the database, too. */
    private void waitWhilePaused() {
        sleep(200);
        refreshPause();
    }

    /** Sleeps in short steps, so that a stop does not wait for a long back-off. */
    private void sleep(long ms) {
        long end = System.nanoTime() + ms * 1_000_000;
        try {
            while (running && System.nanoTime() < end) Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    /** Stops delivering: a round in progress gives up its wait or retry and leaves its messages queued. */
    public void stop() {
        running = false;
    }

    /** Called after the link's routes have stopped: no thread delivers any more. */
    @Override
    public void close() {
        running = false;
        for (Worker w : allWorkers) {
            try {
                w.close();
            } catch (Exception e) {
                LOG.debug("link {}: session close: {}", link.id, e.toString());
            }
        }
        allWorkers.clear();
    }
}
