package org.creditnode.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.creditnode.problem.Problem;
import org.creditnode.workflows.matching.MatchingService;

import java.util.ArrayList;
import java.util.List;

/**
 * Automatic matching, {@code POST /api/v1/checks}: {@code {"subject", "purpose"}} or
 * {@code {"subjects": [...], "purpose"}} (at most 1,000). Who may call: department accounts, for a
 * purpose they hold. Logged: one query-log entry per subject with the check token.
 */
@Path("/api/v1/checks")
@Produces(MediaType.APPLICATION_JSON)
public final class ChecksApi {
    private final MatchingService matching;

    public ChecksApi(MatchingService matching) {
        this.matching = matching;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response check(JsonNode body) throws Exception {
        if (body == null || !body.isObject()) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "NOT_A_CHECK", "send {\"subject\", \"purpose\"} or {\"subjects\": [...], \"purpose\"}");
        }
        String purpose = body.path("purpose").isTextual() ? body.get("purpose").asText() : null;
        boolean batch = body.has("subjects");
        List<String> subjects = new ArrayList<>();
        if (batch) {
            if (!body.get("subjects").isArray()) throw new Problem(Problem.Kind.BAD_REQUEST, "NOT_A_CHECK", "subjects: an array of codes");
            body.get("subjects").forEach(s -> subjects.add(s.isTextual() ? s.asText() : null));
        } else if (body.path("subject").isTextual()) {
            subjects.add(body.get("subject").asText());
        }
        return Response.ok(matching.check(Callers.account(), subjects, purpose, batch)).build();
    }
}
