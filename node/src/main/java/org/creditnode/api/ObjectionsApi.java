package org.creditnode.api;

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
import org.creditnode.workflows.objection.ObjectionService;

import java.util.Map;

/**
 * Objections (/api/v1/objections, 异议). Who may call: raising needs an account granted the
 * OBJECTION category (a 受理窗口 or the portal acting for the subject); deciding needs the
 * record's deciding authority at the record's origin; reading an objection's state (no statement,
 * no subject data) any account of the node. Logged: each objection, decision and refusal in the
 * audit log.
 */
@Path("/api/v1/objections")
@Produces(MediaType.APPLICATION_JSON)
public final class ObjectionsApi {
    private final ObjectionService objections;

    public ObjectionsApi(ObjectionService objections) {
        this.objections = objections;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response raise(ObjectionService.RaiseRequest request) throws Exception {
        return Response.status(202).entity(objections.raise(Callers.account(), request)).build();
    }

    @GET
    public Response open(@QueryParam("overdue") @DefaultValue("false") boolean overdue, @QueryParam("limit") @DefaultValue("100") int limit)
            throws Exception {
        Callers.account();
        return Response.ok(Map.of("objections", objections.open(overdue, Math.max(1, Math.min(limit, 1000))))).build();
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) throws Exception {
        Callers.account();
        return Response.ok(objections.get(id)).build();
    }

    @POST
    @Path("/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response decide(@PathParam("id") String id, ObjectionService.DecisionRequest request) throws Exception {
        return Response.ok(objections.decide(Callers.account(), id, request)).build();
    }
}
