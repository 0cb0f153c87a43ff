package org.creditnode.api;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.creditnode.ingest.ReviewService;
import org.creditnode.problem.Problem;
import org.creditnode.store.PendingReviews;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Four eyes (/api/v1/reviews): a reviewer account lists the records of its authorities that wait
 * for review and approves or rejects them. Who may call: accounts holding REVIEWER, for their
 * authorities, never on their own submissions. Decisions are audited.
 */
@Path("/api/v1/reviews")
@Produces(MediaType.APPLICATION_JSON)
public final class ReviewsApi {
    public record DecisionRequest(String decision, String reason) {
    }

    private final ReviewService reviews;
    private final ObjectMapper json;

    public ReviewsApi(ReviewService reviews, ObjectMapper json) {
        this.reviews = reviews;
        this.json = json;
    }

    @GET
    public Response list(@QueryParam("status") @DefaultValue("PENDING") String status,
                         @QueryParam("limit") @DefaultValue("100") int limit) throws Exception {
        List<Map<String, Object>> out = reviews.list(Callers.account(), status, Math.max(1, Math.min(limit, 500))).stream()
                .map(this::view).toList();
        return Response.ok(Map.of("reviews", out)).build();
    }

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response decide(@PathParam("id") String id, DecisionRequest request) throws Exception {
        if (request == null) throw new Problem(Problem.Kind.BAD_REQUEST, "BAD_DECISION", "send {\"decision\": \"APPROVE\" | \"REJECT\", \"reason\"}");
        return Response.ok(reviews.decide(Callers.account(), id, request.decision(), request.reason())).build();
    }

    private Map<String, Object> view(PendingReviews.Pending p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("status", p.status());
        m.put("submittedBy", p.account());
        m.put("submittedAt", p.submittedAt());
        m.put("authority", p.authority());
        m.put("category", p.category());
        try {
            m.put("record", json.readTree(p.body()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("review " + p.id() + " holds no JSON", e);
        }
        if (p.decidedBy() != null) m.put("decidedBy", p.decidedBy());
        if (p.reason() != null) m.put("reason", p.reason());
        if (p.recordId() != null) m.put("recordId", p.recordId());
        return m;
    }
}
