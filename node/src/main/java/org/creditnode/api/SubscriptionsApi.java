package org.creditnode.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.creditnode.problem.Problem;
import org.creditnode.store.RecordStore;
import org.creditnode.store.SignBatch;
import org.creditnode.store.StoredRecord;
import org.creditnode.store.Subscriptions;
import org.creditnode.workflows.subscription.SubscriptionService;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * Subscriptions (/api/v1/subscriptions), pulled with a cursor or pushed to a callback. Who may call:
 * department accounts, for a purpose they hold, on their own subscriptions. Logged: each pull's and
 * each push's subjects in the query log.
 */
@Path("/api/v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public final class SubscriptionsApi {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final SubscriptionService subscriptions;
    private final RecordStore store;
    private final RecordView view;
    private final ObjectMapper json;
    private final Clock clock;

    public SubscriptionsApi(SubscriptionService subscriptions, RecordStore store, ObjectMapper json, Clock clock) {
        this.subscriptions = subscriptions;
        this.store = store;
        this.view = new RecordView(json);
        this.json = json;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(SubscriptionService.Request request) throws Exception {
        long cursor = subscriptions.start();
        Subscriptions.Subscription s = subscriptions.create(Callers.account(), request, cursor);
        Map<String, Object> out = new java.util.LinkedHashMap<>(Map.of("id", s.id(), "purpose", s.purpose(), "categories", s.categories(),
                "listTypes", s.listTypes(), "subjects", s.subjectKeys().size(), "cursor", String.valueOf(cursor)));
        if (s.pushed()) out.put("callback", s.callback());
        return Response.status(201).entity(out).build();
    }

    /** The subscription and, when pushed, its push state: ACTIVE, DEAD_LETTER or CANCELLED, cursor, last error, attempts. */
    @GET
    @Path("/{id}")
    public Response status(@PathParam("id") String id) throws Exception {
        return Response.ok(statusBody(subscriptions.status(Callers.account(), id))).build();
    }

    /** A dead-lettered push goes on from its cursor. */
    @POST
    @Path("/{id}/replay")
    public Response replay(@PathParam("id") String id) throws Exception {
        return Response.ok(statusBody(subscriptions.replay(Callers.account(), id))).build();
    }

    /** A record as pulls and pushes carry it. */
    public ObjectNode render(StoredRecord r) throws java.sql.SQLException {
        SignBatch batch = r.batchId() == null ? null : store.batch(r.batchId()).orElse(null);
        return view.render(r, batch, LocalDate.now(clock.withZone(CHINA)));
    }

    private ObjectNode statusBody(SubscriptionService.Status status) {
        Subscriptions.Subscription s = status.subscription();
        ObjectNode out = json.createObjectNode();
        out.put("id", s.id());
        out.put("purpose", s.purpose());
        out.set("categories", json.valueToTree(s.categories()));
        out.set("listTypes", json.valueToTree(s.listTypes()));
        out.put("subjects", s.subjectKeys().size());
        out.put("createdAt", s.createdAt());
        if (s.cancelledAt() != null) out.put("cancelledAt", s.cancelledAt());
        if (!s.pushed()) {
            out.put("state", s.cancelledAt() != null ? "CANCELLED" : "ACTIVE");
            return out;
        }
        out.put("callback", s.callback());
        status.push().ifPresent(p -> {
            out.put("state", s.cancelledAt() != null ? "CANCELLED" : p.state());
            out.put("cursor", String.valueOf(p.cursor()));
            out.put("attempts", p.attempts());
            out.put("lastError", p.lastError());
            out.put("lastAttemptAt", p.lastAttemptAt());
            out.put("lastDeliveryAt", p.lastDeliveryAt());
            if (p.deadLetter() != null) {
                ObjectNode d = out.putObject("deadLetter");
                d.put("fromCursor", String.valueOf(p.deadLetter().from()));
                d.put("toCursor", String.valueOf(p.deadLetter().to()));
                d.put("records", p.deadLetter().records());
                d.put("at", p.deadLetter().at());
            }
        });
        return out;
    }

    @GET
    @Path("/{id}/records")
    public Response pull(@PathParam("id") String id, @QueryParam("cursor") String cursor,
                         @QueryParam("limit") @DefaultValue("500") int limit) throws Exception {
        if (limit < 1 || limit > 1000) throw new Problem(Problem.Kind.BAD_REQUEST, "BAD_LIMIT", "limit: 1 to 1000, got " + limit);
        long from;
        try {
            from = Long.parseLong(cursor == null ? "" : cursor);
        } catch (NumberFormatException e) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "BAD_CURSOR", "cursor: the nextCursor of the previous answer, or the subscription's cursor");
        }
        SubscriptionService.Page page = subscriptions.pull(Callers.account(), id, from, limit);
        ObjectNode out = json.createObjectNode();
        ArrayNode records = out.putArray("records");
        for (StoredRecord r : page.records()) records.add(render(r));
        out.put("nextCursor", String.valueOf(page.nextCursor()));
        out.put("more", page.more());
        return Response.ok(out).build();
    }

    @DELETE
    @Path("/{id}")
    public Response cancel(@PathParam("id") String id) throws Exception {
        subscriptions.cancel(Callers.account(), id);
        return Response.ok(Map.of("id", id, "state", "CANCELLED")).build();
    }
}
