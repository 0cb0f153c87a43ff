package org.creditnode.route;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.main.Main;
import org.creditnode.node.TestNodes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The repository's route files as Camel loads them: the link template makes a route that keeps
 * calling the links bean for its link, and the catch-up route calls the lease-aware entry point.
 * The beans here only record the calls: what they do is tested with the real node elsewhere.
 */
class RouteFilesTest {
    public static final class RecordingLinks {
        final List<String> calls = new CopyOnWriteArrayList<>();

        public int deliverNext(String link, int maxAttempts, long retryInitialDelayMs, long retryMaxDelayMs) {
            calls.add(link + " " + maxAttempts + " " + retryInitialDelayMs + " " + retryMaxDelayMs);
            return 0;
        }
    }

    public static final class RecordingCatchUp {
        final List<String> calls = new CopyOnWriteArrayList<>();

        public long scheduled() {
            calls.add("scheduled");
            return 0;
        }

        public long run() {
            calls.add("run");
            return 0;
        }
    }

    public static final class NoIngest {
        public Object ingest(Object body) {
            return body;
        }
    }

    @Test
    void theLinkTemplateDeliversRoundAfterRoundForItsLinkAndCatchUpAsksForItsLease() throws Exception {
        RecordingLinks links = new RecordingLinks();
        RecordingCatchUp catchUp = new RecordingCatchUp();
        Main main = new Main();
        main.bind("links", links);
        main.bind("catchUp", catchUp);
        main.bind("ingestService", new NoIngest());
        main.configure().setJmxEnabled(false);
        main.configure().setRoutesIncludePattern("file:" + TestNodes.ROUTES_DIR + "/*.yaml");
        main.start();
        try {
            CamelContext ctx = main.getCamelContext();
            NotifyBuilder rounds = new NotifyBuilder(ctx).fromRoute("link-360400-1").whenCompleted(20).create();
            TemplatedRouteBuilder.builder(ctx, "federation-link").routeId("link-360400-1")
                    .parameter("link", "360400").parameter("worker", "1").parameter("maxAttempts", "7")
                    .parameter("retryInitialDelayMs", "250").parameter("retryMaxDelayMs", "9000").add();
            assertTrue(rounds.matches(10, TimeUnit.SECONDS), "the link route keeps delivering round after round");
            assertTrue(links.calls.stream().allMatch("360400 7 250 9000"::equals), "its link and retry policy: " + links.calls);

            NotifyBuilder catchUpRound = new NotifyBuilder(ctx).fromRoute("federation-catch-up").whenCompleted(1).create();
            assertTrue(catchUpRound.matches(15, TimeUnit.SECONDS), "catch-up runs on its schedule");
            assertEquals("scheduled", catchUp.calls.get(0), "through the entry point that checks the job's lease");
        } finally {
            main.stop();
        }
    }
}
