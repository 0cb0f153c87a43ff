package org.creditnode.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.creditnode.policy.PolicyEngine;
import org.creditnode.policy.PublicView;
import org.creditnode.policy.Scope;
import org.creditnode.privacy.Masking;
import org.creditnode.record.Catalogue;
import org.creditnode.record.CategorySpec;
import org.creditnode.record.FieldSpec;
import org.creditnode.record.RecordStatus;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/**
 * The public view (信用公示), served without credentials: a subject's records that are in their
 * publicity period and not shielded (ACTIVE only: disputed, repaired, revoked and expired records
 * are not shown), with a natural person's name and ID number and every personal field masked.
 * Nothing here is logged per subject: the public view reveals nothing an authorised read would.
 */
@Path("/public/v1")
@Produces(MediaType.APPLICATION_JSON)
public final class PublicApi {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final int MAX_RECORDS = 200;

    private final RecordStore store;
    private final Catalogue catalogue;
    private final PolicyEngine policies;
    private final ObjectMapper json;
    private final Clock clock;

    public PublicApi(RecordStore store, Catalogue catalogue, PolicyEngine policies, ObjectMapper json, Clock clock) {
        this.store = store;
        this.catalogue = catalogue;
        this.policies = policies;
        this.json = json;
        this.clock = clock;
    }

    @GET
    @Path("/subjects/{code}/records")
    public Response subjectRecords(@PathParam("code") String code) throws SQLException {
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        ObjectNode out = json.createObjectNode();
        ArrayNode items = out.putArray("records");
        for (StoredRecord r : store.currentBySubject(code.trim().toUpperCase(Locale.ROOT), MAX_RECORDS)) {
            if (!catalogue.category(r.category()).map(CategorySpec::isPublished).orElse(false)) continue;
            if (!policies.evaluate(Scope.PUBLIC_VIEW, new PublicView(r.id(), r.status(), r.publicityUntil(), today), today).permitted()) {
                continue;
            }
            items.add(render(r));
        }
        return Response.ok(out).build();
    }

    private ObjectNode render(StoredRecord r) {
        JsonNode full;
        try {
            full = json.readTree(r.canonical());
        } catch (IOException e) {
            throw new IllegalStateException("stored record " + r.id() + " is not JSON", e);
        }
        ObjectNode out = json.createObjectNode();
        out.put("id", r.id());
        out.put("category", r.category());
        CategorySpec spec = catalogue.category(r.category()).orElse(null);
        if (spec != null) out.put("categoryLabel", spec.name());
        ObjectNode subject = out.putObject("subject");
        boolean person = "PERSON".equals(full.path("subject").path("kind").asText());
        subject.put("kind", full.path("subject").path("kind").asText());
        String subjectCode = full.path("subject").path("code").asText();
        String name = full.path("subject").path("name").asText();
        subject.put("code", person ? Masking.maskIdNumber(subjectCode) : subjectCode);
        subject.put("name", person ? Masking.maskName(name) : name);
        out.set("authority", full.path("authority"));
        out.put("decisionDate", full.path("decisionDate").asText());
        if (r.publicityUntil() != null) out.put("publicityUntil", r.publicityUntil().toString());
        out.put("status", RecordStatus.ACTIVE.name());
        out.put("statusLabel", RecordStatus.ACTIVE.label());
        ObjectNode fields = out.putObject("fields");
        Map<String, FieldSpec> specs = spec == null ? Map.of() : spec.fields();
        full.path("fields").fields().forEachRemaining(f -> {
            FieldSpec fs = specs.get(f.getKey());
            boolean personal = fs == null || fs.isPersonal(); // a field the catalogue no longer knows is not shown in clear
            if (personal && f.getValue().isTextual()) fields.put(f.getKey(), Masking.maskIdNumber(f.getValue().asText()));
            else if (!personal) fields.set(f.getKey(), f.getValue());
        });
        return out;
    }
}
