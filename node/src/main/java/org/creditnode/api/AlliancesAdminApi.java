package org.creditnode.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.creditnode.alliance.Alliance;
import org.creditnode.alliance.AllianceView;
import org.creditnode.alliance.Alliances;
import org.creditnode.alliance.Recognition;
import org.creditnode.store.AuditLog;
import org.creditnode.alliance.PartnerQueries;
import org.creditnode.problem.Problem;

import java.io.IOException;

/** Operators' view of the alliances, and a mutual query asked of a partner (answer verified before it is shown). */
@Path("/admin/v1/alliances")
@Produces(MediaType.APPLICATION_JSON)
public final class AlliancesAdminApi {
    private final AllianceView view;
    private final PartnerQueries queries;
    private final ObjectMapper json;
    private final Alliances alliances;
    private final Recognition recognition;
    private final AuditLog audit;

    public AlliancesAdminApi(AllianceView view, PartnerQueries queries, ObjectMapper json, Alliances alliances, Recognition recognition,
                             AuditLog audit) {
        this.view = view;
        this.queries = queries;
        this.json = json;
        this.alliances = alliances;
        this.recognition = recognition;
        this.audit = audit;
    }

    public record Switch(String partner, String category, Boolean enabled) {
    }

    /**
     * Recognition (互认) of a category from a partner switched off — or on again — at once, in
     * every later matching answer; the alliance file stays the default at the next start.
     * Who may call: OPERATOR. Audited: RECOGNITION_SWITCHED.
     */
    @POST
    @Path("/{alliance}/recognition")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response recognition(@PathParam("alliance") String alliance, Switch s) {
        Alliance a = alliances.byId(alliance).orElseThrow(() -> new Problem(Problem.Kind.NOT_FOUND, "UNKNOWN_ALLIANCE",
                "this node is in no alliance " + alliance));
        if (s == null || s.enabled() == null) throw new Problem(Problem.Kind.BAD_REQUEST, "BAD_SWITCH", "send {\"partner\", \"category\", \"enabled\": true | false}");
        if (s.partner() == null || !a.names(s.partner()) || s.partner().equals(alliances.self())) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "BAD_SWITCH", "partner: " + s.partner() + " is not a partner in " + alliance);
        }
        if (s.category() == null || !a.recognise().containsKey(s.category())) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "BAD_SWITCH", "category: " + alliance + " recognises " + a.recognise().keySet()
                    + ", not " + s.category());
        }
        String by = Callers.operator().id();
        try {
            recognition.set(alliance, s.partner(), s.category(), s.enabled(), by);
        } catch (java.sql.SQLException e) {
            throw new Problem(Problem.Kind.UNAVAILABLE, "STORE_UNAVAILABLE", "the switch was not kept; try again: " + e.getMessage());
        }
        audit.byAccount("RECOGNITION_SWITCHED", by, s.enabled() ? "ON" : "OFF", alliance + ": " + s.category() + " from " + s.partner());
        return Response.ok(java.util.Map.of("switchedOff", recognition.switchedOffList())).build();
    }

    @GET
    public Response alliances() {
        return Response.ok(view.render()).build();
    }

    @POST
    @Path("/{alliance}/queries")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response ask(@PathParam("alliance") String alliance, String body) {
        JsonNode parsed;
        try {
            parsed = json.readTree(body);
        } catch (IOException e) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "BAD_QUERY", "the body is not JSON: " + e.getMessage());
        }
        return Response.ok(queries.ask(alliance, parsed)).build();
    }
}
