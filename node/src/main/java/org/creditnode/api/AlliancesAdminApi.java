package org.creditnode.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.creditnode.alliance.AllianceView;
import org.creditnode.alliance.PartnerQueries;
import org.creditnode.problem.Problem;

import java.io.IOException;

/** Operators' view of the alliances, and a mutual query asked of a partner (answer verified before it is shown). */
@Path("/admin/v1/alliances")
@Produces(MediaType.APPLICATION_JSON)
public final class AlliancesAdminApi {
    private final AllianceView view;
    private final PartnerQueries queries;
    private final ObjectMapper json;

    public AlliancesAdminApi(AllianceView view, PartnerQueries queries, ObjectMapper json) {
        this.view = view;
        this.queries = queries;
        this.json = json;
    }

    @GET
    public Response alliances() {
        return Response.ok(view.render()).build();
    }

    @POST
    @Path("/{alliance}/queries")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response ask(@PathParam("alliance") String alliance, String body) {
        JsonNode parsed;
        try {
            parsed = json.readTree(body);
        } catch (IOException e) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "BAD_QUERY", "the body is not JSON: " + e.getMessage());
        }
        return Response.ok(queries.ask(alliance, parsed)).build();
    }
}
