package org.creditnode.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every mistake in an operator's configuration stops the node with file:line:column and what to fix. */
class StrictConfigTest {
    @TempDir
    Path dir;

    private ConfigException load(String yaml) throws Exception {
        Path f = dir.resolve("node.yaml");
        Files.writeString(f, yaml);
        return assertThrows(ConfigException.class, () -> NodeConfig.load(f).resolve(null, null));
    }

    private static final String NODE = """
            node:
              id: "360400"
              level: city
            """;

    @Test
    void aMisspeltKeyNamesItsPlaceAndTheRightKeys() throws Exception {
        ConfigException e = load(NODE + "http:\n  prot: 8430\n");
        assertTrue(e.getMessage().matches("(?s).*node\\.yaml:5:\\d+: unknown key \"prot\" in http; the keys here are \\[host, idleTimeoutMs, maxBodyBytes, maxRequestSeconds, port, rateLimit, tls\\].*"),
                e.getMessage());
    }

    @Test
    void aMisspeltKeyInALinkIsNoLongerIgnored() throws Exception {
        ConfigException e = load(NODE.replace("level: city", "level: city\n  parent: { id: \"360000\", ulr: \"https://h:1\" }"));
        assertTrue(e.getMessage().contains("unknown key \"ulr\" in node.parent"), e.getMessage());
    }

    @Test
    void aKeyGivenTwice() throws Exception {
        ConfigException e = load(NODE + "http:\n  port: 1\n  port: 2\n");
        assertTrue(e.getMessage().contains("node.yaml:6:") && e.getMessage().contains("key given twice: 'port'"), e.getMessage());
    }

    @Test
    void aNeighbourNamedTwice() throws Exception {
        ConfigException e = load(NODE.replace("level: city", """
                level: city
                  parent: { id: "360000", url: "https://127.0.0.1:9420" }
                  children:
                    - { id: "360000", url: "https://127.0.0.1:9440" }"""));
        assertTrue(e.getMessage().contains("node.yaml:6:") && e.getMessage().contains("neighbour 360000 is named twice"), e.getMessage());
    }

    @Test
    void aPlainHttpNeighbour() throws Exception {
        ConfigException e = load(NODE.replace("level: city", "level: city\n  parent: { id: \"360000\", url: \"http://127.0.0.1:9420\" }"));
        assertTrue(e.getMessage().contains("node.yaml:4:") && e.getMessage().contains("mutual TLS only"), e.getMessage());
    }

    @Test
    void twoListenersOnOnePort() throws Exception {
        ConfigException e = load(NODE + "http: { port: 8430 }\nfederation: { port: 8430 }\n");
        assertTrue(e.getMessage().contains("node.yaml:5:") && e.getMessage().contains("both 8430"), e.getMessage());
    }

    @Test
    void theQualitySettingsAreReadStrictlyAndChecked() throws Exception {
        ConfigException misspelt = load(NODE + "quality:\n  lateAfterWorkDays: 5\n");
        assertTrue(misspelt.getMessage().contains("unknown key \"lateAfterWorkDays\" in quality") && misspelt.getMessage().contains("lateAfterWorkingDays"),
                misspelt.getMessage());
        ConfigException negative = load(NODE + "quality: { lateAfterWorkingDays: -1 }\n");
        assertTrue(negative.getMessage().contains("lateAfterWorkingDays must be 0 or more"), negative.getMessage());
    }

    @Test
    void theRepositoryConfigurationsLoad() {
        for (String id : new String[]{"100000", "360000", "360400", "360404", "320000", "310000", "330000", "340000", "440000", "810000"}) {
            NodeConfig.load(Path.of("..", "config", id + ".yaml")).resolve(null, null);
        }
    }
}
