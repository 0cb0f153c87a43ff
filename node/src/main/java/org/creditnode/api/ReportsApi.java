package org.creditnode.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.creditnode.certs.Pem;
import org.creditnode.problem.Problem;
import org.creditnode.sign.Signer;
import org.creditnode.workflows.grade.Grade;
import org.creditnode.workflows.report.CjkFont;
import org.creditnode.workflows.report.CreditReport;
import org.creditnode.workflows.report.CreditReports;
import org.creditnode.workflows.report.ReportHtml;
import org.creditnode.workflows.report.ReportPdf;
import org.creditnode.workflows.report.ReportSignature;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Credit reports and grades (S15 信用报告下载, S26 公共信用综合评价): a subject's report as HTML or
 * PDF with a detached signature header, its yearly grade, and the node's signing certificate to
 * verify them. Who may call: a department account with the purpose it names in X-Purpose.
 * Logged: each report and grade read in the query log, like any authorised subject read.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public final class ReportsApi {
    private final CreditReports reports;
    private final Optional<ReportPdf> pdf;
    private final Signer signer;
    private final CertificateBook certificates;
    private final ObjectMapper json;

    public ReportsApi(CreditReports reports, Optional<CjkFont> font, Signer signer, CertificateBook certificates, ObjectMapper json) {
        this.reports = reports;
        this.pdf = font.map(ReportPdf::new);
        this.signer = signer;
        this.certificates = certificates;
        this.json = json;
    }

    @GET
    @Path("/subjects/{code}/report")
    @Produces(MediaType.WILDCARD) // the format parameter chooses; errors are JSON
    public Response report(@PathParam("code") String code, @QueryParam("format") @DefaultValue("html") String format,
                           @HeaderParam("X-Purpose") String purpose) throws SQLException, IOException {
        String f = format.trim().toLowerCase(Locale.ROOT);
        if (!f.equals("html") && !f.equals("pdf")) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "BAD_FORMAT", "format: html or pdf, got \"" + format + "\"");
        }
        if (f.equals("pdf") && pdf.isEmpty()) {
            throw new Problem(Problem.Kind.UNAVAILABLE, "REPORT_FONT_MISSING", CjkFont.missingMessage());
        }
        CreditReport report = reports.build(Callers.account(), code, purpose);
        byte[] body = f.equals("pdf") ? pdf.get().render(report) : ReportHtml.render(report);
        return Response.ok(body)
                .type(f.equals("pdf") ? "application/pdf" : "text/html; charset=utf-8")
                .header("Content-Disposition", (f.equals("pdf") ? "attachment" : "inline") + "; filename=\"credit-report-"
                        + report.subject().code() + "." + f + "\"")
                .header(ReportSignature.HEADER, ReportSignature.header(signer, body))
                .header("X-Credit-Report-Id", report.reportId())
                .build();
    }

    @GET
    @Path("/subjects/{code}/grade")
    public Response grade(@PathParam("code") String code, @QueryParam("year") String year, @HeaderParam("X-Purpose") String purpose)
            throws SQLException {
        Integer y = null;
        if (year != null && !year.isBlank()) {
            try {
                y = Integer.parseInt(year.trim());
            } catch (NumberFormatException e) {
                throw new Problem(Problem.Kind.BAD_REQUEST, "BAD_YEAR", "year: a year such as 2026, got \"" + year + "\"");
            }
        }
        CreditReports.GradeView view = reports.grade(Callers.account(), code, purpose, y);
        Grade g = view.grade();
        ObjectNode out = json.createObjectNode();
        out.put("subject", g.subject());
        out.put("purpose", purpose);
        out.put("year", g.year());
        out.put("from", g.from().toString());
        out.put("to", g.to().toString());
        out.put("grade", g.band().name());
        out.put("gradeLabel", g.band().label());
        out.put("score", g.score());
        out.put("rules", g.rules());
        if (g.sample()) out.put("rulesNote", "SAMPLE: configure the grading scheme your platform adopted (config/grades.yaml)");
        if (g.cap() != null) out.put("cappedBy", g.cap().category() + " → at most " + g.cap().atMost());
        ArrayNode counted = out.putArray("counted");
        for (Grade.Contribution c : g.contributions()) {
            ObjectNode n = counted.addObject();
            n.put("recordId", c.recordId());
            n.put("version", c.version());
            n.put("category", c.category());
            if (c.severity() != null) n.put("severity", c.severity());
            n.put("status", c.status().name());
            n.put("statusLabel", c.status().label());
            n.put("decisionDate", c.decisionDate().toString());
            n.put("points", c.points());
        }
        if (!view.withheld().isEmpty()) out.putPOJO("withheld", view.withheld());
        return Response.ok(out).build();
    }

    /** The node's signing certificate and its chain (PEM), to verify reports and signed answers. */
    @GET
    @Path("/certificates/{keyId}")
    public Response certificate(@PathParam("keyId") String keyId) {
        List<X509Certificate> chain = certificates.chainFor(keyId).orElseThrow(() -> new Problem(Problem.Kind.NOT_FOUND,
                "UNKNOWN_KEY", "keyId: this node signs with " + signer.keyId() + ", not " + keyId));
        ObjectNode out = json.createObjectNode();
        out.put("keyId", keyId);
        out.put("alg", signer.algorithm().wireName());
        out.put("certificate", Pem.encode(chain.get(0)));
        ArrayNode rest = out.putArray("chain");
        chain.stream().skip(1).map(Pem::encode).forEach(rest::add);
        return Response.ok(out).build();
    }
}
