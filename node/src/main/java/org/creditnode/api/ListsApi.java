package org.creditnode.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.creditnode.store.StoredRecord;
import org.creditnode.workflows.lists.ListExits;
import org.creditnode.workflows.lists.Shielding;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Changes of a record's standing made at its origin: list exits (/api/v1/lists/{id}/exit, the
 * deciding authority takes an entry off a list) and temporary shielding (/api/v1/records/{id}/shield
 * and /unshield, citing a court ruling). Who may call: a SUBMITTER account acting for the entry's authority and
 * reporting its category. Logged: each exit and each refusal in the audit log (no personal data).
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public final class ListsApi {
    private final ListExits exits;
    private final Shielding shielding;

    public ListsApi(ListExits exits, Shielding shielding) {
        this.exits = exits;
        this.shielding = shielding;
    }

    @POST
    @Path("/lists/{id}/exit")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response exit(@PathParam("id") String id, ListExits.ExitRequest request) throws Exception {
        return version(exits.exit(Callers.account(), id, request));
    }

    /** 暂时屏蔽: the deciding authority at the origin, citing the court ruling. Audited: RECORD_SHIELDED / SHIELD_REFUSED. */
    @POST
    @Path("/records/{id}/shield")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response shield(@PathParam("id") String id, Shielding.ShieldRequest request) throws Exception {
        return version(shielding.shield(Callers.account(), id, request));
    }

    @POST
    @Path("/records/{id}/unshield")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response unshield(@PathParam("id") String id, Shielding.ShieldRequest request) throws Exception {
        return version(shielding.lift(Callers.account(), id, request));
    }

    private static Response version(StoredRecord next) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", next.id());
        out.put("version", next.version());
        out.put("status", next.status().name());
        out.put("statusLabel", next.status().label());
        out.put("seq", next.seq());
        return Response.ok(out).build();
    }
}
