package org.creditnode.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.creditnode.problem.Problem;
import org.creditnode.workflows.jointaction.JointActionService;
import org.creditnode.workflows.jointaction.JointActionStatistics;

import java.util.Map;

/**
 * Joint reward and punishment (/api/v1/joint-actions): 发起 → 响应 → 反馈 and 跟踪问效.
 * Who may call: initiating needs an account granted the JOINT_ACTION category; responding and
 * feedback need an account the action names (by authority, or by department type and node);
 * reading needs to be the initiator, an implementer, or a purpose that sees JOINT_ACTION
 * (X-Purpose: JOINT_ACTION_TRACKING). Logged: each step and each refusal in the audit log, each
 * read in the query log.
 */
@Path("/api/v1/joint-actions")
@Produces(MediaType.APPLICATION_JSON)
public final class JointActionsApi {
    private static final String CSV = "text/csv; charset=UTF-8";
    private final JointActionService service;

    public JointActionsApi(JointActionService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response initiate(JointActionService.InitiateRequest request) throws Exception {
        return Response.status(201).entity(service.initiate(Callers.account(), request)).build();
    }

    @GET
    public Response list(@QueryParam("assignedTo") String assignedTo, @QueryParam("initiatedBy") String initiatedBy,
                         @QueryParam("limit") @DefaultValue("100") int limit, @HeaderParam("X-Purpose") String purpose) throws Exception {
        return Response.ok(Map.of("actions", service.list(Callers.account(), assignedTo, initiatedBy, purpose,
                Math.max(1, Math.min(limit, 1000))))).build();
    }

    @GET
    @Path("/statistics")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response statistics(@QueryParam("format") @DefaultValue("json") String format,
                               @QueryParam("table") @DefaultValue("departments") String table, @HeaderParam("X-Purpose") String purpose)
            throws Exception {
        JointActionStatistics.Table t = switch (table) {
            case "departments" -> JointActionStatistics.Table.DEPARTMENTS;
            case "measures" -> JointActionStatistics.Table.MEASURES;
            case "missing" -> JointActionStatistics.Table.MISSING;
            default -> throw new Problem(Problem.Kind.BAD_REQUEST, "BAD_TABLE", "table: departments, measures or missing, got " + table);
        };
        if (!format.equals("json") && !format.equals("csv")) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "BAD_FORMAT", "format: json or csv, got " + format);
        }
        JointActionStatistics.Figures figures = service.statistics(Callers.account(), purpose);
        if (format.equals("json")) return Response.ok(figures, MediaType.APPLICATION_JSON).build();
        return Response.ok(JointActionStatistics.csv(figures, t), CSV).header("Content-Disposition",
                "attachment; filename=\"joint-actions-" + table + "-" + figures.asOf() + ".csv\"").build();
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id, @HeaderParam("X-Purpose") String purpose) throws Exception {
        return Response.ok(service.get(Callers.account(), id, purpose)).build();
    }

    @POST
    @Path("/{id}/responses")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response respond(@PathParam("id") String id, JointActionService.ResponseRequest request) throws Exception {
        return Response.status(201).entity(service.respond(Callers.account(), id, request)).build();
    }

    @POST
    @Path("/{id}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response feedback(@PathParam("id") String id, JointActionService.FeedbackRequest request) throws Exception {
        return Response.status(201).entity(service.feedback(Callers.account(), id, request)).build();
    }
}
