package org.creditnode.federation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.creditnode.http.ApiError;
import org.creditnode.http.Contracts;
import org.creditnode.policy.Role;
import org.creditnode.route.LinkRouter;
import org.creditnode.store.AuditLog;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The federation API between nodes (mutual TLS only): deliveries in, and the two reads a
 * neighbour uses to catch up — what this node holds for it per origin, and records in order.
 * Every answer depends on who the authenticated caller is and in which role this node knows it.
 */
@Path("/federation/v1")
@Produces(MediaType.APPLICATION_JSON)
public final class FederationApi {
    private static final int MAX_READ = 5000;

    private final CallerPolicy policy;
    private final LinkRouter router;
    private final InboundService inbound;
    private final RecordStore store;
    private final DeliveryBuilder builder;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final List<java.security.cert.X509Certificate> nationalTls;
    private final Map<String, List<java.security.cert.X509Certificate>> memberAnchors;
    private final Set<String> revokedTls;

    public FederationApi(CallerPolicy policy, LinkRouter router, InboundService inbound, RecordStore store,
                         DeliveryBuilder builder, AuditLog audit, ObjectMapper json) {
        this(policy, router, inbound, store, builder, audit, json, List.of(), Map.of(), Set.of());
    }

    /**
     * @param nationalTls   the national TLS roots: when alliances add foreign roots to the handshake, a
     *                      neighbour's certificate must still chain to these (empty: no such check)...
     * @param memberAnchors ...or to the roots an alliance names for that very member, which may then be
     *                      a peer when this node's configuration makes it one (a partner region's link)
     * @param revokedTls    fingerprints of TLS certificates an alliance revoked: refused here as for queries
     */
    public FederationApi(CallerPolicy policy, LinkRouter router, InboundService inbound, RecordStore store,
                         DeliveryBuilder builder, AuditLog audit, ObjectMapper json, List<java.security.cert.X509Certificate> nationalTls,
                         Map<String, List<java.security.cert.X509Certificate>> memberAnchors, Set<String> revokedTls) {
        this.revokedTls = Set.copyOf(revokedTls);
        this.nationalTls = List.copyOf(nationalTls);
        this.memberAnchors = Map.copyOf(memberAnchors);
        this.policy = policy;
        this.router = router;
        this.inbound = inbound;
        this.store = store;
        this.builder = builder;
        this.audit = audit;
        this.json = json;
    }

    private static final byte[] CONTRACT = Contracts.load("/openapi-federation.json");

    /** This API's contract; any federation member may read it. */
    @GET
    @Path("/openapi.json")
    public Response contract() {
        return Response.ok(CONTRACT).build();
    }

    @POST
    @Path("/batches")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response deliver(String body) throws Exception {
        String caller = authorise("batches");
        Delivery d;
        try {
            d = json.readValue(body, Delivery.class);
        } catch (IOException e) {
            return ApiError.response(400, "MALFORMED_DELIVERY", "the body is not a delivery: " + e.getMessage());
        }
        if (d.from() != null && !d.from().equals(caller)) {
            audit.record("CALLER_REFUSED", caller, null, "SENDER_MISMATCH", "delivery claims to come from " + d.from());
            return ApiError.response(403, "FORBIDDEN", "the delivery says it comes from " + d.from()
                    + " but the TLS certificate is " + caller + "'s");
        }
        return Response.ok(inbound.accept(caller, d)).build();
    }

    @GET
    @Path("/watermarks")
    public Response watermarks() throws Exception {
        String caller = authorise("watermarks");
        Map<String, Long> available = new TreeMap<>();
        for (RecordStore.SeqGroup g : store.seqGroups()) {
            if (g.origin().equals(caller) || !router.destinations(g.category(), g.via()).contains(caller)) continue;
            available.merge(g.origin(), g.maxSeq(), Math::max);
        }
        ObjectNode out = json.createObjectNode();
        ObjectNode origins = out.putObject("origins");
        available.forEach(origins::put);
        return Response.ok(out).build();
    }

    /**
     * What this node holds of the caller's own log: its highest sequence number and that record's
     * hash. A node that starts on data ending earlier (a restored backup, a tail lost in a power
     * cut) asks this before it numbers new records, so that it never issues a number twice.
     */
    @GET
    @Path("/origins/{origin}/held")
    public Response held(@PathParam("origin") String origin) throws Exception {
        String caller = authorise("held");
        if (!origin.equals(caller)) {
            audit.record("CALLER_REFUSED", caller, null, "NOT_OWN_LOG", "asked what is held of origin " + origin);
            return ApiError.response(403, "FORBIDDEN", "a node may ask only what is held of its own log");
        }
        long highest = 0;
        for (RecordStore.OriginState s : store.origins()) if (s.origin().equals(origin)) highest = s.highestSeq();
        ObjectNode out = json.createObjectNode().put("origin", origin).put("highestSeq", highest);
        if (highest > 0) store.byOriginRange(origin, highest, highest).stream().findFirst().ifPresent(r -> out.put("hash", r.hash()));
        return Response.ok(out).build();
    }

    @GET
    @Path("/origins/{origin}/records")
    public Response records(@PathParam("origin") String origin, @QueryParam("fromSeq") @DefaultValue("1") long fromSeq,
                            @QueryParam("limit") @DefaultValue("1000") int limit) throws Exception {
        String caller = authorise("records");
        int n = Math.max(1, Math.min(limit, MAX_READ));
        List<StoredRecord> visible = new ArrayList<>();
        long from = fromSeq;
        // Filtered categories leave holes in the sequence: read on until the page is full or the log ends.
        while (visible.size() < n) {
            List<StoredRecord> page = store.byOrigin(origin, from, n);
            if (page.isEmpty()) break;
            for (StoredRecord r : page) {
                // The caller's own records go back to it only when it asks for them (recovering its log).
                boolean mayHave = origin.equals(caller) || router.destinations(r.category(), r.via()).contains(caller);
                if (visible.size() < n && mayHave) visible.add(r);
            }
            from = page.get(page.size() - 1).seq() + 1;
            if (page.size() < n) break;
        }
        return Response.ok(builder.build(visible)).build();
    }

    private String authorise(String operation) {
        String caller = CallerIdentity.current();
        if (!nationalTls.isEmpty() && caller != null && !ChainAnchor.endsAt(CallerIdentity.chain(), nationalTls)
                && !ChainAnchor.endsAt(CallerIdentity.chain(), memberAnchors.getOrDefault(caller, List.of()))) {
            // A root an alliance names vouches for that member alone: it may ask mutual queries, and be a
            // peer if configured as one (the role check below), never vouch for another node id.
            audit.record("CALLER_REFUSED", caller, null, "FOREIGN_ROOT", "certificate outside the national PKI and its alliance's roots called " + operation);
            throw new CallerRefused("node " + caller + "'s certificate does not chain to the national root; it may only ask alliance queries");
        }
        List<java.security.cert.X509Certificate> chain = CallerIdentity.chain();
        if (!revokedTls.isEmpty() && caller != null && !chain.isEmpty() && revokedTls.contains(ChainAnchor.fingerprint(chain.get(0)))) {
            audit.record("CALLER_REFUSED", caller, null, "REVOKED", "a TLS certificate an alliance file revokes called " + operation);
            throw new CallerRefused("node " + caller + "'s TLS certificate is revoked (revokedCertificates in an alliance file)");
        }
        try {
            return policy.require(caller, operation, Role.PARENT, Role.CHILD, Role.PEER);
        } catch (CallerRefused e) {
            audit.record("CALLER_REFUSED", caller, null, "FORBIDDEN", e.getMessage());
            throw e;
        }
    }
}
