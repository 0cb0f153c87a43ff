package org.creditnode.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.creditnode.http.Contracts;

/**
 * The contracts, written first (src/main/resources/openapi*.json) and served as they are, so a
 * document cannot drift from what the node serves without a test noticing
 * ({@code ContractTest} pairs every resource method with an operation, both ways):
 * GET /api/openapi.json (department API) and GET /admin/openapi.json (admin API) here; the
 * federation API's at GET /federation/v1/openapi.json on the federation listener.
 */
@Path("/")
public final class OpenApiDocument {
    private final byte[] department = Contracts.load("/openapi.json");

    @GET
    @Path("api/openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        return Response.ok(department).build();
    }
}
