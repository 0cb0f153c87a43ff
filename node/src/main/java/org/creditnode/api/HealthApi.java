package org.creditnode.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** GET /health: UP only when every registered check is; 503 otherwise. */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthApi {
    private final ObjectMapper json;
    private final Map<String, Supplier<Boolean>> checks = new LinkedHashMap<>();
    private final Map<String, Supplier<Object>> details = new LinkedHashMap<>();

    public HealthApi(ObjectMapper json) {
        this.json = json;
    }

    public HealthApi check(String name, Supplier<Boolean> check) {
        checks.put(name, check);
        return this;
    }

    /** Figures shown with the health answer that do not decide it (queue depths, counts). */
    public HealthApi detail(String name, Supplier<Object> value) {
        details.put(name, value);
        return this;
    }

    @GET
    public Response health() {
        ObjectNode out = json.createObjectNode();
        ObjectNode c = json.createObjectNode();
        boolean up = true;
        for (var e : checks.entrySet()) {
            boolean ok;
            try {
                ok = Boolean.TRUE.equals(e.getValue().get());
            } catch (RuntimeException ex) {
                ok = false;
            }
            up &= ok;
            c.put(e.getKey(), ok ? "UP" : "DOWN");
        }
        out.put("status", up ? "UP" : "DOWN");
        out.set("checks", c);
        if (!details.isEmpty()) {
            ObjectNode d = out.putObject("details");
            details.forEach((k, v) -> d.set(k, json.valueToTree(v.get())));
        }
        return Response.status(up ? 200 : 503).entity(out).build();
    }
}
