package org.creditnode.api;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.creditnode.store.AuditLog;
import org.creditnode.workflows.quality.QualityService;

import java.util.Map;

/**
 * Sending this node's timeliness and data-quality figures up now (/admin/v1/quality/statistics),
 * rather than at the daily job: QUALITY_STATISTICS records signed by this node for every
 * authority whose figures changed. Who may call: operators. Logged: an audit entry naming the
 * operator and the records made.
 */
@Path("/admin/v1/quality/statistics")
@Produces(MediaType.APPLICATION_JSON)
public final class QualityAdminApi {
    private final QualityService service;
    private final AuditLog audit;

    public QualityAdminApi(QualityService service, AuditLog audit) {
        this.service = service;
        this.audit = audit;
    }

    @POST
    public Response publish() throws Exception {
        Map<String, Object> out = service.publish();
        audit.byAccount("QUALITY_STATISTICS_SENT", Callers.operator().id(), "OPERATOR", "records " + out.get("records"));
        return Response.ok(out).build();
    }
}
