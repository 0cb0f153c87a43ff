package org.creditnode.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.creditnode.store.SubscriptionPushes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Operators' view of push subscriptions (/admin/v1/subscriptions): which are dead-lettered or
 * failing, and whose. Subjects and records are not shown; replay is the owning account's.
 */
@Path("/admin/v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public final class SubscriptionsAdminApi {
    private final SubscriptionPushes pushes;

    public SubscriptionsAdminApi(SubscriptionPushes pushes) {
        this.pushes = pushes;
    }

    @GET
    public Response pushed() throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SubscriptionPushes.Overview o : pushes.all()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", o.id());
            m.put("account", o.account());
            m.put("purpose", o.purpose());
            m.put("callback", o.callback());
            SubscriptionPushes.State p = o.push();
            m.put("state", o.cancelledAt() != null ? "CANCELLED" : p == null ? "?" : p.state());
            if (p != null) {
                m.put("cursor", String.valueOf(p.cursor()));
                m.put("attempts", p.attempts());
                m.put("lastError", p.lastError());
                m.put("lastDeliveryAt", p.lastDeliveryAt());
            }
            out.add(m);
        }
        return Response.ok(Map.of("subscriptions", out)).build();
    }
}
