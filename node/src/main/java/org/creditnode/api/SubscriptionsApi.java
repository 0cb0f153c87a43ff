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
 * Subscriptions (/api/v1/subscriptions), pulled with a cursor. Who may call: department accounts,
 * for a purpose they hold, on their own subscriptions. Logged: each pull's subjects in the query log.
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
        Subscriptions.Subscription s = subscriptions.create(Callers.account(), request);
        return Response.status(201).entity(Map.of("id", s.id(), "purpose", s.purpose(), "categories", s.categories(),
                "listTypes", s.listTypes(), "subjects", s.subjectKeys().size(), "cursor", String.valueOf(cursor))).build();
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
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        ObjectNode out = json.createObjectNode();
        ArrayNode records = out.putArray("records");
        for (StoredRecord r : page.records()) {
            SignBatch batch = r.batchId() == null ? null : store.batch(r.batchId()).orElse(null);
            records.add(view.render(r, batch, today));
        }
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
