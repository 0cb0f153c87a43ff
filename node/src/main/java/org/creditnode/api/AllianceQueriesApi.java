package org.creditnode.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.creditnode.alliance.QueryAnswers;
import org.creditnode.federation.CallerIdentity;

/**
 * Mutual query (互查) on the federation listener: the caller is the node its TLS client
 * certificate names; {@link QueryAnswers} decides and answers.
 */
@Path("/federation/v1")
@Produces(MediaType.APPLICATION_JSON)
public final class AllianceQueriesApi {
    private final QueryAnswers answers;

    public AllianceQueriesApi(QueryAnswers answers) {
        this.answers = answers;
    }

    @POST
    @Path("/queries")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response query(String body) throws Exception {
        // parsed by the service, so that a malformed query is audited like any refusal
        return Response.ok(answers.answer(CallerIdentity.current(), CallerIdentity.chain(), body)).build();
    }
}
