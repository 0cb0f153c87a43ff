package org.creditnode.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.creditnode.certs.FederationPki;
import org.creditnode.certs.KeyAlgorithm;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Node processes on loopback — a chain (national → province → city → county) or any tree —
 * with one development PKI and free ports: what the federation tests and the federation benchmark
 * run. Each node is a separate JVM started as operators start it (NodeMain --config).
 */
public final class LocalFederation implements AutoCloseable {
    public static final char[] PASSWORD = "changeit".toCharArray();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    public static final String DEFAULT_NODE_JVM_OPTS = "-XX:TieredStopAtLevel=1 -XX:+UseParallelGC";

    private final List<String> chain;
    private final Map<String, String> parentOf;
    private final Path dir;
    private final Path pki;
    private final Path configDir;
    private final String extraYaml;
    private final Map<String, Integer> httpPorts = new LinkedHashMap<>();
    private final Map<String, Integer> fedPorts = new LinkedHashMap<>();
    private final Map<String, Integer> adminPorts = new LinkedHashMap<>();
    private final Map<String, String> departmentKeys = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, String> nodeLines = new LinkedHashMap<>();
    private final Map<String, Path> ownPki = new LinkedHashMap<>();

    /**
     * @param chain     node ids from national down, e.g. 100000, 360000, 360400, 360404
     * @param configDir the repository's config/ folder (catalogue, regions, holidays; routes beside it)
     * @param extraYaml appended to every node's configuration (e.g. an ingest: block)
     */
    public LocalFederation(List<String> chain, Path dir, Path configDir, String extraYaml) throws Exception {
        this(linked(chain), dir, configDir, extraYaml);
    }

    /**
     * A tree of nodes: each node id mapped to its parent's (null for the top), parents before
     * their children, e.g. a city with two counties.
     */
    public LocalFederation(Map<String, String> parentOf, Path dir, Path configDir, String extraYaml) throws Exception {
        this.parentOf = new LinkedHashMap<>(parentOf);
        this.chain = List.copyOf(parentOf.keySet());
        this.dir = dir;
        this.pki = dir.resolve("pki");
        this.configDir = configDir.toAbsolutePath().normalize();
        this.extraYaml = extraYaml;
        new FederationPki(pki, KeyAlgorithm.SM2, PASSWORD).createFederation(chain);
        for (String id : chain) {
            httpPorts.put(id, freePort());
            fedPorts.put(id, freePort());
            adminPorts.put(id, freePort());
        }
        for (String id : chain) writeConfig(id);
    }

    public Path pki() { return pki; }

    /**
     * Gives one node extra lines in its {@code node:} block (e.g. {@code "  alliances: [yrd]\n"})
     * and, unless null, a PKI folder of its own instead of the shared one (a member outside the
     * national PKI, such as Hong Kong); rewrites its configuration. Call before starting it.
     */
    public void configure(String id, String nodeBlockLines, Path pkiOfItsOwn) throws IOException {
        nodeLines.put(id, nodeBlockLines == null ? "" : nodeBlockLines);
        if (pkiOfItsOwn != null) ownPki.put(id, pkiOfItsOwn);
        writeConfig(id);
    }

    public List<String> chain() { return chain; }

    public String apiUrl(String id) { return "http://127.0.0.1:" + httpPorts.get(id); }

    public String adminUrl(String id) { return "http://127.0.0.1:" + adminPorts.get(id); }

    public Path dataDir(String id) { return dir.resolve(id).resolve("data"); }

    public String federationUrl(String id) { return "https://127.0.0.1:" + fedPorts.get(id); }

    public Process process(String id) { return processes.get(id); }

    /** Starts every node and waits until all are healthy; returns the time that took. */
    public Duration startAll(Duration timeout) throws Exception {
        long t0 = System.nanoTime();
        for (String id : chain) start(id);
        for (String id : chain) awaitHealthy(id, timeout);
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    public void start(String id) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m"));
        // Several node JVMs on two cores: C2 compilation alone took ~45 CPU-seconds per node in a
        // one-minute run and was never paid back; C1 only gave 30-40 % more end to end (fedbench).
        // The parallel collector has no concurrent work and no humongous-object cycles (deliveries
        // are megabytes): catch-up of 600,000 records 5,577 against 4,520-5,059 records/s with G1.
        // CREDIT_NODE_JVM_OPTS replaces this, e.g. "-XX:StartFlightRecording=filename=/tmp/{id}.jfr".
        String extra = System.getenv().getOrDefault("CREDIT_NODE_JVM_OPTS", DEFAULT_NODE_JVM_OPTS);
        if (!extra.isBlank()) cmd.addAll(List.of(extra.replace("{id}", id).trim().split("\\s+")));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), NodeMain.class.getName(), "--config", config(id).toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(id + ".log").toFile())).start();
        processes.put(id, p);
    }

    public Duration awaitHealthy(String id, Duration timeout) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Process p = processes.get(id);
            if (p != null && !p.isAlive()) {
                throw new IllegalStateException("node " + id + " exited with " + p.exitValue() + "; see " + dir.resolve(id + ".log"));
            }
            try {
                HttpResponse<String> h = get(id, "/health");
                // Healthy, and done confirming its own log with its neighbours (until then it refuses new records).
                if (h.statusCode() == 200 && !h.body().contains("\"CHECKING\"")) return Duration.ofNanos(System.nanoTime() - t0);
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100); // polling another process
        }
        throw new IllegalStateException("node " + id + " not healthy within " + timeout + "; see " + dir.resolve(id + ".log"));
    }

    /** SIGTERM, and the exit code. */
    public int stop(String id) throws InterruptedException {
        Process p = processes.get(id);
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return p.exitValue();
    }

    /** kill -9. */
    public void kill(String id) throws InterruptedException {
        processes.get(id).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** Per origin: records held, watermark, highest seq, from the node's admin API. */
    public JsonNode origins(String id) throws Exception {
        return JSON.readTree(get(id, "/admin/v1/origins").body()).path("origins");
    }

    public long records(String at, String origin) throws Exception {
        return origins(at).path(origin).path("records").asLong(0);
    }

    public long watermark(String at, String origin) throws Exception {
        return origins(at).path(origin).path("watermark").asLong(0);
    }

    /** GET on the listener the path belongs to (/admin/ on the admin listener), with the credentials it needs. */
    public HttpResponse<String> get(String id, String path) throws IOException, InterruptedException {
        return HTTP.send(request(id, path).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String id, String path, String json) throws IOException, InterruptedException {
        return HTTP.send(request(id, path).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> delete(String id, String path) throws IOException, InterruptedException {
        return HTTP.send(request(id, path).timeout(Duration.ofSeconds(30)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String id, String path) throws IOException {
        if (path.startsWith("/admin/")) {
            return HttpRequest.newBuilder(URI.create(adminUrl(id) + path)).header("Authorization", "Bearer " + operatorToken(id));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(apiUrl(id) + path));
        if (path.startsWith("/api/v1")) b.header("Authorization", "Bearer " + departmentKey(id)).header("X-Purpose", "SUPERVISION");
        return b;
    }

    /** The node's bootstrap operator token, as an operator reads it from the data folder. */
    public String operatorToken(String id) throws IOException {
        return Files.readString(dataDir(id).resolve("admin.token")).trim();
    }

    /** A department account of the node reporting for SampleRecords' authority, created once through the admin API. */
    public String departmentKey(String id) throws IOException {
        String key = departmentKeys.get(id);
        if (key != null) return key;
        String body = JSON.writeValueAsString(Map.of("name", "test department " + id,
                "authorities", List.of(org.creditnode.record.SampleRecords.authorityUscc("360404", 1)),
                "categories", List.of("ADMIN_LICENSE", "ADMIN_PENALTY", "RED_LIST", "SERIOUS_DISHONESTY_LIST", "COMMITMENT"),
                "purposes", List.of("SUPERVISION"), "rateLimit", 100000));
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(adminUrl(id) + "/admin/v1/accounts"))
                    .header("Authorization", "Bearer " + operatorToken(id)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) throw new IOException("account not created at " + id + ": " + r.statusCode() + " " + r.body());
            key = JSON.readTree(r.body()).path("key").asText();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        departmentKeys.put(id, key);
        return key;
    }

    private Path config(String id) {
        return dir.resolve(id).resolve(id + ".yaml");
    }

    /** The level a region code names: 100000 national, xx0000 province, xxxx00 city, else county. */
    private static String levelOf(String id) {
        if (id.equals("100000")) return "national";
        return id.endsWith("0000") ? "province" : id.endsWith("00") ? "city" : "county";
    }

    private static Map<String, String> linked(List<String> chain) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < chain.size(); i++) out.put(chain.get(i), i == 0 ? null : chain.get(i - 1));
        return out;
    }

    private void writeConfig(String id) throws IOException {
        String parentId = parentOf.get(id);
        String parent = parentId == null ? "" : "  parent: { id: \"%s\", url: \"%s\" }\n".formatted(parentId, federationUrl(parentId));
        StringBuilder kids = new StringBuilder();
        parentOf.forEach((child, up) -> {
            if (id.equals(up)) kids.append("    - { id: \"%s\", url: \"%s\" }\n".formatted(child, federationUrl(child)));
        });
        String children = kids.isEmpty() ? "  children: []\n" : "  children:\n" + kids;
        Files.createDirectories(config(id).getParent());
        Files.writeString(config(id), """
                node:
                  id: "%s"
                  name: local %s
                  level: %s
                %s%s%s
                data: %s
                keys: { pki: %s }
                http: { host: 127.0.0.1, port: %d }
                admin: { port: %d }
                federation: { port: %d, retryInitialDelayMs: 100, retryMaxDelayMs: 1000, maxAttempts: 1000 }
                catalogue: %s
                regions: %s
                holidays: %s
                purposes: %s
                measures: %s
                rules: %s
                grades: %s
                routes: %s
                %s
                """.formatted(id, id, levelOf(id), parent, children, nodeLines.getOrDefault(id, ""), dir.resolve(id).resolve("data"),
                ownPki.getOrDefault(id, pki),
                httpPorts.get(id), adminPorts.get(id), fedPorts.get(id), configDir.resolve("catalog.yaml"), configDir.resolve("regions.yaml"),
                configDir.resolve("holidays.yaml"), configDir.resolve("purposes.yaml"), configDir.resolve("measures.yaml"), configDir.resolve("rules.yaml"), configDir.resolve("grades.yaml"), configDir.resolveSibling("routes"), extraYaml));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** SIGTERM to every node (a clean stop), then kill -9 for any that is still there after 15 s. */
    @Override
    public void close() {
        for (Process p : processes.values()) p.destroy();
        for (Process p : processes.values()) {
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
