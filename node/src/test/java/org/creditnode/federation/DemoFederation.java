package org.creditnode.federation;

import com.fasterxml.jackson.databind.JsonNode;
import org.creditnode.certs.FederationPki;
import org.creditnode.certs.KeyAlgorithm;
import org.creditnode.node.Http;
import org.creditnode.node.NodeProcess;
import org.creditnode.node.TestNodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Four node processes — national 100000, province 360000, city 360400, county 360404 — on loopback
 * ports with one development PKI, started the way operators start them.
 */
final class DemoFederation implements AutoCloseable {
    static final List<String> CHAIN = List.of("100000", "360000", "360400", "360404");
    static final char[] PASSWORD = "changeit".toCharArray();

    final Path dir;
    final Path pki;
    final Map<String, Integer> httpPorts = new LinkedHashMap<>();
    final Map<String, Integer> fedPorts = new LinkedHashMap<>();
    final Map<String, NodeProcess> nodes = new LinkedHashMap<>();

    DemoFederation(Path dir) throws Exception {
        this.dir = dir;
        this.pki = dir.resolve("pki");
        new FederationPki(pki, KeyAlgorithm.SM2, PASSWORD).createFederation(CHAIN);
        for (String id : CHAIN) {
            httpPorts.put(id, TestNodes.freePort());
            fedPorts.put(id, TestNodes.freePort());
        }
        for (String id : CHAIN) writeConfig(id);
        for (String id : CHAIN) start(id);
        for (String id : CHAIN) nodes.get(id).awaitHealthy(Duration.ofSeconds(90));
    }

    private void writeConfig(String id) throws Exception {
        int i = CHAIN.indexOf(id);
        String parent = i == 0 ? "" : "  parent: { id: \"%s\", url: \"https://127.0.0.1:%d\" }\n".formatted(CHAIN.get(i - 1), fedPorts.get(CHAIN.get(i - 1)));
        String children = i == CHAIN.size() - 1 ? "  children: []\n"
                : "  children:\n    - { id: \"%s\", url: \"https://127.0.0.1:%d\" }\n".formatted(CHAIN.get(i + 1), fedPorts.get(CHAIN.get(i + 1)));
        String level = List.of("national", "province", "city", "county").get(i);
        Path cfgDir = dir.resolve(id);
        Files.createDirectories(cfgDir);
        Files.writeString(cfgDir.resolve(id + ".yaml"), """
                node:
                  id: "%s"
                  name: test %s
                  level: %s
                %s%s
                data: %s
                keys: { pki: %s }
                http: { host: 127.0.0.1, port: %d }
                federation: { port: %d, retryInitialDelayMs: 100, retryMaxDelayMs: 1000, maxAttempts: 1000 }
                catalogue: %s
                regions: %s
                holidays: %s
                routes: %s
                """.formatted(id, id, level, parent, children, cfgDir.resolve("data"), pki, httpPorts.get(id), fedPorts.get(id),
                TestNodes.CONFIG_DIR.resolve("catalog.yaml"), TestNodes.CONFIG_DIR.resolve("regions.yaml"),
                TestNodes.CONFIG_DIR.resolve("holidays.yaml"), TestNodes.ROUTES_DIR));
    }

    NodeProcess start(String id) throws Exception {
        NodeProcess p = NodeProcess.start(dir.resolve(id).resolve(id + ".yaml"), httpPorts.get(id), dir.resolve(id + ".log"));
        nodes.put(id, p);
        return p;
    }

    Http http(String id) {
        return new Http("http://127.0.0.1:" + httpPorts.get(id) + "/");
    }

    String fedUrl(String id) {
        return "https://127.0.0.1:" + fedPorts.get(id);
    }

    /** Records of {@code origin} held by node {@code at}, from its admin API. */
    long records(String at, String origin) throws Exception {
        JsonNode o = http(at).get("/admin/v1/origins").json().path("origins").path(origin);
        return o.path("records").asLong(0);
    }

    long watermark(String at, String origin) throws Exception {
        return http(at).get("/admin/v1/origins").json().path("origins").path(origin).path("watermark").asLong(0);
    }

    JsonNode audit(String at) throws Exception {
        return http(at).get("/admin/v1/audit?limit=200").json().get("events");
    }

    /** Polls a condition until it holds; fails with the nodes' state if it does not in time. */
    void await(String what, Duration timeout, Check condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.holds()) return;
            } catch (java.io.IOException notReachable) {
                // a node is restarting
            }
            Thread.sleep(200); // polling another process; the condition is what is awaited
        }
        StringBuilder state = new StringBuilder();
        for (String id : CHAIN) {
            try {
                state.append(id).append(": ").append(http(id).get("/admin/v1/links").body()).append('\n');
            } catch (Exception e) {
                state.append(id).append(": unreachable\n");
            }
        }
        throw new AssertionError("timed out waiting for " + what + "\n" + state);
    }

    interface Check {
        boolean holds() throws Exception;
    }

    @Override
    public void close() {
        nodes.values().forEach(NodeProcess::close);
    }
}
