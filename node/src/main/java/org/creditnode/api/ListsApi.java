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

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * List exits (/api/v1/lists/{id}/exit): the deciding authority takes an entry off a list at the
 * entry's origin. Who may call: a SUBMITTER account acting for the entry's authority and
 * reporting its category. Logged: each exit and each refusal in the audit log (no personal data).
 */
@Path("/api/v1/lists")
@Produces(MediaType.APPLICATION_JSON)
public final class ListsApi {
    private final ListExits exits;

    public ListsApi(ListExits exits) {
        this.exits = exits;
    }

    @POST
    @Path("/{id}/exit")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response exit(@PathParam("id") String id, ListExits.ExitRequest request) throws Exception {
        StoredRecord next = exits.exit(Callers.account(), id, request);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", next.id());
        out.put("version", next.version());
        out.put("status", next.status().name());
        out.put("statusLabel", next.status().label());
        out.put("seq", next.seq());
        return Response.ok(out).build();
    }
}
