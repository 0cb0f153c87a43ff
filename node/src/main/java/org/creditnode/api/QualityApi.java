package org.creditnode.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.creditnode.problem.Problem;
import org.creditnode.workflows.quality.QualityCsv;
import org.creditnode.workflows.quality.QualityFigures;
import org.creditnode.workflows.quality.QualityService;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Timeliness and data quality (/api/v1/quality: 迟报率、错误率、漏报率, 周监测、月通报、季评估).
 * Who may call: any department account for its own authorities (no X-Purpose); a purpose that sees
 * QUALITY_STATISTICS (X-Purpose: QUALITY_SUPERVISION 数据质量监测) for every authority of this node
 * and of every node below it. Declaring a month's total needs an account that reports for the
 * authority and the category. Logged: each read in the query log (the authorities returned), each
 * declaration and each refusal in the audit log.
 */
@Path("/api/v1/quality")
@Produces(MediaType.APPLICATION_JSON)
public final class QualityApi {
    private static final String CSV = "text/csv; charset=UTF-8";
    private final QualityService service;

    public QualityApi(QualityService service) {
        this.service = service;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response figures(@QueryParam("period") @DefaultValue("month") String period, @QueryParam("from") String from,
                            @QueryParam("to") String to, @QueryParam("format") @DefaultValue("json") String format,
                            @QueryParam("table") @DefaultValue("rows") String table, @HeaderParam("X-Purpose") String purpose) throws Exception {
        QualityCsv.Table t = switch (table) {
            case "rows" -> QualityCsv.Table.ROWS;
            case "ranking" -> QualityCsv.Table.RANKING;
            default -> throw new Problem(Problem.Kind.BAD_REQUEST, "BAD_TABLE", "table: rows or ranking, got " + table);
        };
        if (!format.equals("json") && !format.equals("csv")) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "BAD_FORMAT", "format: json or csv, got " + format);
        }
        QualityFigures.Figures f = service.figures(Callers.account(), purpose, period, from, to);
        if (format.equals("csv")) {
            return Response.ok(QualityCsv.csv(f, t), CSV).header("Content-Disposition",
                    "attachment; filename=\"quality-" + t.name().toLowerCase() + "-" + f.period() + "-" + f.from() + "-" + f.to() + ".csv\"").build();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node", service.node());
        out.put("period", f.period());
        out.put("from", f.from());
        out.put("to", f.to());
        out.put("scope", purpose == null || purpose.isBlank() ? "OWN_AUTHORITIES" : "ALL");
        out.put("lateAfterWorkingDays", service.lateAfterWorkingDays());
        out.put("rows", f.rows());
        out.put("ranking", f.ranking());
        return Response.ok(out, MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("/declarations")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response declare(QualityService.Declaration declaration) throws Exception {
        return Response.status(201).entity(service.declare(Callers.account(), declaration)).build();
    }
}
