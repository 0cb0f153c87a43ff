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
import java.util.Optional;
import java.util.function.Supplier;

/** GET /health: UP only when every registered check is; 503 otherwise. */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthApi {
    private final ObjectMapper json;
    /** Each check answers the reason it is down, or empty when it is up. */
    private final Map<String, Supplier<Optional<String>>> checks = new LinkedHashMap<>();
    private final Map<String, Supplier<Object>> details = new LinkedHashMap<>();

    public HealthApi(ObjectMapper json) {
        this.json = json;
    }

    public HealthApi check(String name, Supplier<Boolean> check) {
        checks.put(name, () -> Boolean.TRUE.equals(check.get()) ? Optional.empty() : Optional.of(name + " is not available"));
        return this;
    }

    /** A check that says why it is down (shown under "reasons"). */
    public HealthApi checkWithReason(String name, Supplier<Optional<String>> problem) {
        checks.put(name, problem);
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
        ObjectNode reasons = json.createObjectNode();
        for (var e : checks.entrySet()) {
            Optional<String> problem;
            try {
                problem = e.getValue().get();
            } catch (RuntimeException ex) {
                problem = Optional.of(e.getKey() + " check failed: " + ex.getMessage());
            }
            c.put(e.getKey(), problem.isEmpty() ? "UP" : "DOWN");
            problem.ifPresent(p -> reasons.put(e.getKey(), p));
        }
        out.put("status", reasons.isEmpty() ? "UP" : "DOWN");
        out.set("checks", c);
        if (!reasons.isEmpty()) out.set("reasons", reasons);
        if (!details.isEmpty()) {
            ObjectNode d = out.putObject("details");
            details.forEach((k, v) -> d.set(k, json.valueToTree(v.get())));
        }
        return Response.status(reasons.isEmpty() ? 200 : 503).entity(out).build();
    }
}
