package org.creditnode.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.creditnode.store.AuditLog;
import org.creditnode.store.StoredRecord;
import org.creditnode.workflows.matching.MeasureListPublication;
import org.creditnode.workflows.matching.MeasureLists;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measure lists (/admin/v1/measure-lists): which list is in effect here and which were published
 * from above; publishing this node's list to every node below it. Who may call: operators
 * (auditors read). Logged: a publication as an ADMIN_ACT and a MEASURE_LIST_PUBLISHED entry.
 */
@Path("/admin/v1/measure-lists")
@Produces(MediaType.APPLICATION_JSON)
public final class MeasureListAdminApi {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private final MeasureLists lists;
    private final MeasureListPublication publication;
    private final AuditLog audit;
    private final Clock clock;

    public MeasureListAdminApi(MeasureLists lists, MeasureListPublication publication, AuditLog audit, Clock clock) {
        this.lists = lists;
        this.publication = publication;
        this.audit = audit;
        this.clock = clock;
    }

    @GET
    public Response show() {
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("inEffect", lists.current(today).source());
        out.put("local", lists.local().source());
        List<Map<String, Object>> published = new ArrayList<>();
        for (MeasureLists.Published p : lists.published()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("recordId", p.recordId());
            m.put("origin", p.origin());
            m.put("label", p.label());
            m.put("appliesFrom", p.appliesFrom().toString());
            m.put("state", p.appliesFrom().isAfter(today) ? "WAITING" : lists.inEffect(today).map(e -> e.recordId().equals(p.recordId()))
                    .orElse(false) ? "IN_EFFECT" : "SUPERSEDED");
            published.add(m);
        }
        out.put("published", published);
        return Response.ok(out).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response publish(MeasureListPublication.Request request) throws Exception {
        StoredRecord r = publication.publish(request);
        audit.byAccount("MEASURE_LIST_PUBLISHED", Callers.operator().id(), "OPERATOR", r.id() + ": " + request.label()
                + " from " + request.appliesFrom());
        return Response.status(201).entity(Map.of("recordId", r.id(), "appliesFrom", request.appliesFrom(),
                "travels", "to every node below this one, which applies it from that date")).build();
    }
}
