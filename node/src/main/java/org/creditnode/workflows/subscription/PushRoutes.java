package org.creditnode.workflows.subscription;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.creditnode.config.ConfigException;
import org.creditnode.config.NodeConfig;
import org.creditnode.store.Subscriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A route per push subscription (id push-&lt;subscription&gt;), made from the template in
 * routes/subscription-push.yaml, following the database: created at start for every subscription
 * with a callback, added or removed when one is created or cancelled here, and re-read every few
 * seconds for those created or cancelled through another instance. Every instance has the routes;
 * the lease in subscription_push lets one of them push each subscription at a time.
 */
public final class PushRoutes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PushRoutes.class);
    public static final String TEMPLATE = "subscription-push";
    public static final String BEAN = "subscriptionPush";
    private static final String PREFIX = "push-";

    private final CamelContext ctx;
    private final Subscriptions subscriptions;
    private final NodeConfig.Subscriptions settings;
    private final ScheduledExecutorService sync = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "subscription-routes");
        t.setDaemon(true);
        return t;
    });

    private final SubscriptionPush push;

    private PushRoutes(CamelContext ctx, SubscriptionPush push, Subscriptions subscriptions, NodeConfig.Subscriptions settings) {
        this.ctx = ctx;
        this.push = push;
        this.subscriptions = subscriptions;
        this.settings = settings;
    }

    /** Binds the route's bean, creates the routes of the stored push subscriptions, and keeps following them. */
    public static PushRoutes start(CamelContext ctx, SubscriptionService service, SubscriptionPush push, Subscriptions subscriptions,
                                   NodeConfig.Subscriptions settings) throws Exception {
        if (((ModelCamelContext) ctx).getRouteTemplateDefinition(TEMPLATE) == null) {
            throw new ConfigException("no route template " + TEMPLATE + " in the routes folder; routes/subscription-push.yaml must define it");
        }
        ctx.getRegistry().bind(BEAN, push);
        PushRoutes routes = new PushRoutes(ctx, push, subscriptions, settings);
        routes.sync();
        service.onChange(() -> routes.sync.execute(routes::syncQuietly));
        routes.sync.scheduleWithFixedDelay(routes::syncQuietly, 5, 5, TimeUnit.SECONDS);
        return routes;
    }

    synchronized void sync() throws Exception {
        List<String> wanted = subscriptions.pushedIds();
        for (String id : wanted) {
            if (ctx.getRoute(PREFIX + id) != null) continue;
            TemplatedRouteBuilder.builder(ctx, TEMPLATE).routeId(PREFIX + id).parameter("subscription", id)
                    .parameter("batchSize", String.valueOf(settings.batchSize))
                    .parameter("maxAttempts", String.valueOf(settings.maxAttempts))
                    .parameter("retryInitialDelayMs", String.valueOf(settings.retryInitialDelayMs))
                    .parameter("retryMaxDelayMs", String.valueOf(settings.retryMaxDelayMs)).add();
            LOG.info("push route {} started", PREFIX + id);
        }
        for (Route r : List.copyOf(ctx.getRoutes())) {
            String id = r.getRouteId();
            if (id.startsWith(PREFIX) && !wanted.contains(id.substring(PREFIX.length()))) {
                push.stopping(id.substring(PREFIX.length()), true); // a round waiting for records ends now
                ctx.getRouteController().stopRoute(id, 5, TimeUnit.SECONDS);
                ctx.removeRoute(id);
                push.stopping(id.substring(PREFIX.length()), false);
                LOG.info("push route {} removed (subscription cancelled)", id);
            }
        }
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (Exception e) {
            LOG.warn("push routes not brought up to date (next try in 5 s): {}", e.toString());
        }
    }

    /** Stops the push routes (a batch in flight ends first), then gives their leases up. */
    @Override
    public void close() {
        sync.shutdownNow();
        push.stopping("*", true);
        for (Route r : List.copyOf(ctx.getRoutes())) {
            if (!r.getRouteId().startsWith(PREFIX)) continue;
            try {
                ctx.getRouteController().stopRoute(r.getRouteId(), 15, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.info("push route {} not stopped cleanly: {}", r.getRouteId(), e.toString());
            }
        }
        push.releaseLeases();
    }
}
