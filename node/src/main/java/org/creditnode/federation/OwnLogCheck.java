package org.creditnode.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.creditnode.config.NodeConfig;
import org.creditnode.store.OriginHead;
import org.creditnode.store.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure this node never issues one sequence number for two different records. Nothing
 * acknowledged is lost when the process is killed (every commit is written before the answer),
 * but a power cut may lose the last commits and an operator may restore an older backup: the node
 * would then number new records from an earlier head, while its neighbours already hold other
 * records under those numbers.
 *
 * <p>So at every start, before new records are taken, the node asks its neighbours what they hold
 * of its own log; if one holds more, it takes those records back (they carry its own signature)
 * and continues after them. Until one neighbour has answered, or {@code federation.ownLogCheckMs}
 * has passed, department batches get 503 RECOVERING. What happened is logged either way. A clean
 * stop does not excuse the check: a backup of a cleanly stopped node, restored later, looks
 * exactly like a clean stop from inside; only the neighbours know better.
 */
public final class OwnLogCheck implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OwnLogCheck.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum State { NOT_NEEDED, CHECKING, CONFIRMED, RECOVERED, UNCONFIRMED }

    private final String self;
    private final List<NodeConfig.Link> links;
    private final RecordStore store;
    private final FederationClient client;
    private final InboundService inbound;
    private final int pageSize;
    private volatile State state = State.NOT_NEEDED;
    private volatile String detail = "no neighbour to ask; the node's own data is all there is";
    private Thread worker;
    private volatile boolean stopping;

    OwnLogCheck(String self, List<NodeConfig.Link> links, RecordStore store, FederationClient client, InboundService inbound, int pageSize) {
        this.self = self;
        this.links = links;
        this.store = store;
        this.client = client;
        this.inbound = inbound;
        this.pageSize = pageSize;
    }

    /** Starts the check in the background, unless there is no neighbour to ask. */
    public void start(boolean cleanStop, Duration wait) {
        String previous = cleanStop ? "a clean stop" : "an unclean stop (or on data without a clean-stop marker)";
        if (links.isEmpty()) {
            if (!cleanStop) LOG.warn("own log: started after {} and has no neighbour to confirm its end with", previous);
            return;
        }
        if (wait.isZero()) {
            state = State.UNCONFIRMED;
            detail = "federation.ownLogCheckMs is 0: numbering continues from this node's own data unchecked";
            LOG.warn("own log: started after {}; not confirmed with neighbours (federation.ownLogCheckMs is 0)", previous);
            return;
        }
        state = State.CHECKING;
        detail = "asking neighbours what they hold of this node's log before numbering new records";
        LOG.info("own log: started after {}; asking neighbours {} what they hold of it before taking new records (up to {} ms)",
                previous, links.stream().map(l -> l.id).toList(), wait.toMillis());
        worker = new Thread(() -> run(System.nanoTime() + wait.toNanos()), "own-log-check");
        worker.setDaemon(true);
        worker.start();
    }

    private void run(long deadline) {
        try {
            while (System.nanoTime() < deadline && !stopping) {
                for (NodeConfig.Link link : links) {
                    if (ask(link)) return;
                }
                TimeUnit.MILLISECONDS.sleep(500); // neighbours unreachable: try again until the deadline
            }
            state = State.UNCONFIRMED;
            detail = "no neighbour answered in time; numbering continues from this node's own data";
            LOG.warn("own log: no neighbour answered; continuing from own head — if this node's data was restored from "
                    + "a backup, neighbours will report CONFLICT for reused numbers");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True when the neighbour answered (and anything it held beyond this node's head is back). */
    private boolean ask(NodeConfig.Link link) {
        try {
            FederationClient.Reply r = client.getJson(link.url + "/federation/v1/origins/" + self + "/held");
            if (!r.ok()) return false;
            JsonNode held = JSON.readTree(r.body());
            long theirs = held.path("highestSeq").asLong();
            long mine = head();
            if (theirs <= mine) {
                state = State.CONFIRMED;
                detail = link.id + " holds up to seq " + theirs + ", this node's head is " + mine;
                LOG.info("own log: confirmed by {}: it holds up to seq {}, own head is {}", link.id, theirs, mine);
                return true;
            }
            LOG.warn("own log: {} holds this node's records up to seq {} but own data ends at {}: taking them back", link.id, theirs, mine);
            long from = mine;
            while (head() < theirs) {
                FederationClient.Reply page = client.getJson(link.url + "/federation/v1/origins/" + self
                        + "/records?fromSeq=" + (head() + 1) + "&limit=" + pageSize);
                if (!page.ok()) return false;
                Delivery d = JSON.readValue(page.body(), Delivery.class);
                if (d.records() == null || d.records().isEmpty()) break;
                long before = head();
                inbound.restoreOwn(link.id, d);
                if (head() <= before) break; // a hole (a category the link does not carry) or a refusal (audited)
            }
            if (head() < theirs) {
                // Records this neighbour never carried leave holes that no one can fill: numbering must
                // still continue after the highest number anyone holds, linked to that record's hash.
                String hash = held.path("hash").asText(null);
                if (hash == null) return false;
                store.raiseHead(self, theirs, hash);
            }
            state = State.RECOVERED;
            detail = "took back seq " + (from + 1) + ".." + head() + " from " + link.id;
            LOG.warn("own log: recovered seq {}..{} from {}; new records are numbered from {}", from + 1, head(), link.id, head() + 1);
            return true;
        } catch (Exception e) {
            LOG.debug("own log: {} not reachable now: {}", link.id, e.toString());
            return false;
        }
    }

    private long head() throws java.sql.SQLException {
        return store.head(self).map(OriginHead::lastSeq).orElse(0L);
    }

    /** Why new records must wait, while the check runs. */
    public Optional<String> refusal() {
        return state == State.CHECKING ? Optional.of(detail + "; retry in a few seconds") : Optional.empty();
    }

    public State state() { return state; }

    public String detail() { return detail; }

    @Override
    public void close() throws InterruptedException {
        // No interrupt: an interrupted thread inside H2's file I/O closes the whole database.
        stopping = true;
        if (worker != null) worker.join(5_000);
    }
}
