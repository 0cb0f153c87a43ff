package org.creditnode.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.creditnode.http.Contracts;

/** The admin API's contract, GET /admin/openapi.json on the admin listener (no token needed to read it). */
@Path("/")
public final class AdminOpenApiDocument {
    private final byte[] admin = Contracts.load("/openapi-admin.json");

    @GET
    @Path("admin/openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        return Response.ok(admin).build();
    }
}
