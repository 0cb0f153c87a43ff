package org.creditnode.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes node configurations for tests: a fresh data folder, a free port, the repository's catalogue and routes. */
public final class TestNodes {
    /** The repository's config/ and routes/ folders (surefire runs with node/ as working directory). */
    public static final Path CONFIG_DIR = Path.of("..", "config").toAbsolutePath().normalize();
    public static final Path ROUTES_DIR = Path.of("..", "routes").toAbsolutePath().normalize();

    private TestNodes() {
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configuration of {@code file}, resolved, with a parent 360400 that nothing answers for (its link only retries). */
    public static org.creditnode.config.NodeConfig withUnreachableParent(Path file) {
        org.creditnode.config.NodeConfig config = org.creditnode.config.NodeConfig.load(file).resolve(null, null);
        org.creditnode.config.NodeConfig.Link parent = new org.creditnode.config.NodeConfig.Link();
        parent.id = "360400";
        parent.url = "https://127.0.0.1:" + freePort();
        config.node.parent = parent;
        return config;
    }

    /** A county node's configuration file in {@code dir}; {@code extra} is appended YAML (e.g. an ingest: block). */
    public static Path writeConfig(Path dir, String nodeId, int port, String extra) throws IOException {
        Files.createDirectories(dir);
        String yaml = """
                node:
                  id: "%s"
                  name: test node
                  level: county
                data: %s
                %s
                catalogue: %s
                regions: %s
                holidays: %s
                purposes: %s
                measures: %s
                rules: %s
                grades: %s
                routes: %s
                %s
                """.formatted(nodeId, dir.resolve("data"),
                // the node refuses a key given twice: a test's own http: block replaces the default one
                (extra.lines().anyMatch(l -> l.startsWith("http:")) ? "" : "http: { host: 127.0.0.1, port: " + port + " }")
                        + (extra.lines().anyMatch(l -> l.startsWith("admin:")) ? "" : "\nadmin: { port: " + freePort() + " }"), CONFIG_DIR.resolve("catalog.yaml"),
                CONFIG_DIR.resolve("regions.yaml"), CONFIG_DIR.resolve("holidays.yaml"), CONFIG_DIR.resolve("purposes.yaml"), CONFIG_DIR.resolve("measures.yaml"), CONFIG_DIR.resolve("rules.yaml"), CONFIG_DIR.resolve("grades.yaml"), ROUTES_DIR, extra);
        Path file = dir.resolve(nodeId + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
