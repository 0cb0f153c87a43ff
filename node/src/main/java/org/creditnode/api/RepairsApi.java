package org.creditnode.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.creditnode.workflows.repair.RepairService;

/**
 * Credit repair (/api/v1/repairs, 信用修复). Who may call: asking needs an account granted the
 * REPAIR category (a 受理窗口 or the portal acting for the subject); deciding needs the record's
 * deciding authority at the record's origin; reading a request's state (no commitment text, no
 * subject data) any account of the node. Logged: each request, decision and refusal in the audit log.
 */
@Path("/api/v1/repairs")
@Produces(MediaType.APPLICATION_JSON)
public final class RepairsApi {
    private final RepairService repairs;

    public RepairsApi(RepairService repairs) {
        this.repairs = repairs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response request(RepairService.Request request) throws Exception {
        return Response.status(202).entity(repairs.request(Callers.account(), request)).build();
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) throws Exception {
        Callers.account();
        return Response.ok(repairs.get(id)).build();
    }

    @POST
    @Path("/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response decide(@PathParam("id") String id, RepairService.DecisionRequest request) throws Exception {
        return Response.ok(repairs.decide(Callers.account(), id, request)).build();
    }
}
