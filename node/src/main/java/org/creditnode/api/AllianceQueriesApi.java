package org.creditnode.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.creditnode.alliance.QueryAnswers;
import org.creditnode.federation.CallerIdentity;
import org.creditnode.problem.Problem;

import java.io.IOException;

/**
 * Mutual query (互查) on the federation listener: the caller is the node its TLS client
 * certificate names; {@link QueryAnswers} decides and answers.
 */
@Path("/federation/v1")
@Produces(MediaType.APPLICATION_JSON)
public final class AllianceQueriesApi {
    private final QueryAnswers answers;
    private final ObjectMapper json;

    public AllianceQueriesApi(QueryAnswers answers, ObjectMapper json) {
        this.answers = answers;
        this.json = json;
    }

    @POST
    @Path("/queries")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response query(String body) throws Exception {
        JsonNode parsed;
        try {
            parsed = json.readTree(body);
        } catch (IOException e) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "BAD_QUERY", "the body is not JSON: " + e.getMessage());
        }
        return Response.ok(answers.answer(CallerIdentity.current(), CallerIdentity.chain(), parsed)).build();
    }
}
