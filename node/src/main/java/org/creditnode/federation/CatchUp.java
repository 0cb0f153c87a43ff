package org.creditnode.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.creditnode.config.NodeConfig;
import org.creditnode.route.LinkRouter;
import org.creditnode.store.OriginConflicts;
import org.creditnode.store.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Anti-entropy: asks each neighbour what it holds for this node per origin and pulls, in order,
 * whatever is missing here — after an outage, a lost message or a dead-lettered delivery — with
 * no operator action. Pulled records take the same path as pushed ones (verify, store once,
 * forward). Run on a schedule by routes/federation.yaml.
 */
public final class CatchUp {
    private static final Logger LOG = LoggerFactory.getLogger(CatchUp.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PULLS_PER_LINK = 50;

    private final String self;
    private final Iterable<NodeConfig.Link> links;
    private final LinkRouter router;
    private final RecordStore store;
    private final OriginConflicts conflicts;
    private final FederationClient client;
    private final InboundService inbound;
    private final int pageSize;
    private final AtomicLong pulled = new AtomicLong();
    private final Map<String, Map<String, Long>> lastSeen = new HashMap<>();

    public CatchUp(String self, Iterable<NodeConfig.Link> links, LinkRouter router, RecordStore store, OriginConflicts conflicts,
                   FederationClient client, InboundService inbound, int pageSize) {
        this.conflicts = conflicts;
        this.self = self;
        this.links = links;
        this.router = router;
        this.store = store;
        this.client = client;
        this.inbound = inbound;
        this.pageSize = pageSize;
        for (NodeConfig.Link link : links) {
            if (router.roleOf(link.id).orElse(null) == org.creditnode.policy.Role.CHILD && !router.isComplete(link.id)) {
                LOG.warn("catch-up from child {} can fill holes only above the highest record held here: categories {} do not go up, "
                        + "so a record lost in flight below that is not pulled again (set aggregate: true in the catalogue)", link.id,
                        router.notAggregated());
            }
        }
    }

    /** Set at start: with several instances of one node, only the lease holder runs catch-up. */
    private volatile java.util.function.Predicate<String> mayRun = job -> true;

    public void runOnlyWhen(java.util.function.Predicate<String> mayRun) {
        this.mayRun = mayRun;
    }

    /** One scheduled round (routes/federation.yaml), on the instance that holds the job's lease. */
    public long scheduled() {
        return mayRun.test("catch-up") ? run() : 0;
    }

    /** One round over all links; returns the number of records pulled. */
    public synchronized long run() {
        long before = pulled.get();
        Set<String> inConflict;
        try {
            inConflict = conflicts.all().keySet();
        } catch (Exception e) {
            LOG.debug("catch-up skipped, store not readable: {}", e.toString());
            return 0;
        }
        for (NodeConfig.Link link : links) {
            try {
                catchUp(link, inConflict);
            } catch (Exception e) {
                LOG.debug("catch-up from {} not possible now: {}", link.id, e.toString());
            }
        }
        long n = pulled.get() - before;
        if (n > 0) LOG.info("catch-up pulled records={}", n);
        return n;
    }

    private void catchUp(NodeConfig.Link link, Set<String> inConflict) throws Exception {
        FederationClient.Reply w = client.getJson(link.url + "/federation/v1/watermarks");
        if (!w.ok()) throw new IllegalStateException("watermarks: HTTP " + w.status());
        JsonNode origins = JSON.readTree(w.body()).path("origins");
        Map<String, Long> seen = new HashMap<>();
        // Pull only what the neighbour already held at the previous round: newer records are most
        // likely still on their way by push, and pulling them too would only deliver them twice.
        Map<String, Long> before = lastSeen.getOrDefault(link.id, Map.of());
        for (var it = origins.fields(); it.hasNext(); ) {
            var e = it.next();
            String origin = e.getKey();
            long theirs = e.getValue().asLong();
            seen.put(origin, theirs);
            long target = Math.min(theirs, before.getOrDefault(origin, 0L));
            // An origin in conflict would be pulled and refused every round: it waits for an operator.
            if (origin.equals(self) || inConflict.contains(origin)) continue;
            for (int pulls = 0; pulls < MAX_PULLS_PER_LINK; pulls++) {
                long mine = mine(link.id, origin);
                if (mine >= target) break;
                FederationClient.Reply r = client.getJson(link.url + "/federation/v1/origins/" + origin
                        + "/records?fromSeq=" + (mine + 1) + "&limit=" + pageSize);
                if (!r.ok()) throw new IllegalStateException("records: HTTP " + r.status());
                Delivery d = JSON.readValue(r.body(), Delivery.class);
                if (d.records() == null || d.records().isEmpty()) break;
                Receipt receipt = inbound.accept(link.id, d);
                pulled.addAndGet(receipt.accepted().size());
                if (mine(link.id, origin) <= mine) break; // no progress (refused or broken chain): audited, stop
            }
        }
        lastSeen.put(link.id, seen);
    }

    /**
     * Where to continue an origin from this link: past the watermark on a link that carries the
     * whole origin log (so holes are real gaps), past the highest record held otherwise.
     */
    private long mine(String link, String origin) throws Exception {
        for (RecordStore.OriginState s : store.origins()) {
            if (s.origin().equals(origin)) return router.isComplete(link) ? s.watermark() : s.highestSeq();
        }
        return 0;
    }

    /** What each neighbour said it holds for this node at the last round: origin → highest seq. */
    public synchronized Map<String, Map<String, Long>> lastSeen() {
        return Map.copyOf(lastSeen);
    }
}
