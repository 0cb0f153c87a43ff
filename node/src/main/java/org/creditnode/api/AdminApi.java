package org.creditnode.api;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.creditnode.federation.Federation;
import org.creditnode.federation.LinkForwarder;
import org.creditnode.problem.Problem;
import org.creditnode.store.AuditLog;
import org.creditnode.store.OriginConflicts;
import org.creditnode.store.RecordStore;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Operator API (/admin/v1), served on the node's HTTP listener — bind that to loopback or an
 * operator network only. The {@code credit-node admin} command is its client.
 */
@Path("/admin/v1")
@Produces(MediaType.APPLICATION_JSON)
public final class AdminApi {
    private final Federation federation;
    private final RecordStore store;
    private final AuditLog audit;

    public AdminApi(Federation federation, RecordStore store, AuditLog audit) {
        this.federation = federation;
        this.store = store;
        this.audit = audit;
    }

    @GET
    @Path("/links")
    public Response links() {
        return Response.ok(Map.of("links", federation.linkStates())).build();
    }

    @POST
    @Path("/links/{id}/pause")
    public Response pause(@PathParam("id") String id) throws Exception {
        link(id).pause();
        audit.record("LINK_PAUSED", id, null, "OPERATOR", "link " + id + " paused by an operator; kept until resumed");
        return Response.ok(link(id).state()).build();
    }

    @POST
    @Path("/links/{id}/resume")
    public Response resume(@PathParam("id") String id) throws Exception {
        link(id).resume();
        audit.record("LINK_RESUMED", id, null, "OPERATOR", "link " + id + " resumed by an operator");
        return Response.ok(link(id).state()).build();
    }

    @GET
    @Path("/links/{id}/dlq")
    public Response deadLetters(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("50") int limit) throws Exception {
        link(id);
        return Response.ok(Map.of("link", id, "deadLetters", federation.queues().browseDeadLetters(id, limit))).build();
    }

    @POST
    @Path("/links/{id}/dlq/replay")
    public Response replay(@PathParam("id") String id) throws Exception {
        link(id);
        return Response.ok(Map.of("link", id, "replayed", federation.queues().replayDeadLetters(id))).build();
    }

    /** Per origin: watermark (held without gaps, chain checked), highest sequence held, records held. */
    @GET
    @Path("/origins")
    public Response origins() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, OriginConflicts.Conflict> conflicts = federation.conflicts().all();
        for (RecordStore.OriginState s : store.origins()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("origin", s.origin());
            o.put("watermark", s.watermark());
            o.put("highestSeq", s.highestSeq());
            o.put("records", s.records());
            OriginConflicts.Conflict c = conflicts.get(s.origin());
            o.put("state", c == null ? "OK" : c.state());
            if (c != null) o.put("conflict", c);
            out.put(s.origin(), o);
        }
        return Response.ok(Map.of("origins", out)).build();
    }

    /** After the operator has dealt with an equivocating origin: catch-up and the watermark resume. */
    @DELETE
    @Path("/origins/{origin}/conflict")
    public Response clearConflict(@PathParam("origin") String origin) throws Exception {
        if (!federation.conflicts().clear(origin)) {
            throw new Problem(Problem.Kind.NOT_FOUND, "NOT_FOUND", "origin " + origin + " has no conflict recorded");
        }
        audit.record("CONFLICT_CLEARED", null, null, "OPERATOR", "conflict of origin " + origin + " cleared by an operator");
        return Response.ok(Map.of("origin", origin, "state", "OK")).build();
    }

    @POST
    @Path("/catch-up")
    public Response catchUp() {
        return Response.ok(Map.of("pulled", federation.catchUp().run())).build();
    }

    @GET
    @Path("/audit")
    public Response audit(@QueryParam("limit") @DefaultValue("50") int limit) throws Exception {
        return Response.ok(Map.of("events", audit.recent(Math.max(1, Math.min(limit, 1000))))).build();
    }

    private LinkForwarder link(String id) {
        return federation.link(id).orElseThrow(() -> new Problem(Problem.Kind.NOT_FOUND, "NOT_FOUND", "no link " + id + " in this node's configuration"));
    }
}
