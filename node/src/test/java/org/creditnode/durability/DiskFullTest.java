package org.creditnode.durability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.node.Http;
import org.creditnode.node.NodeProcess;
import org.creditnode.node.TestNodes;
import org.creditnode.record.SampleRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The data folder on a small file system (a 96 MiB tmpfs, mounted by the test; it needs root, as
 * CI has, and is skipped otherwise), filled by a department until the node refuses: from the first
 * refusal on no batch is acknowledged, the refusal says why, reads and /health keep answering;
 * once space is freed the node takes records again by itself; after a kill -9 and a restart every
 * acknowledged record is there with its chain whole.
 */
class DiskFullTest {
    @TempDir
    Path dir;
    private Path mount;
    private int subjects;

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) run("umount", "-l", mount.toString());
    }

    @Test
    void refusesBeforeTheDiskIsFullAndLosesNothing() throws Exception {
        mount = dir.resolve("small-disk");
        Files.createDirectories(mount);
        boolean mounted = "root".equals(System.getProperty("user.name")) && run("mount", "-t", "tmpfs", "-o", "size=96m", "tmpfs", mount.toString());
        if (!mounted) mount = null;
        assumeTrue(mounted, "needs root to mount a tmpfs (CI runs as root)");
        Path ballast = mount.resolve("ballast");
        Files.write(ballast, new byte[16 << 20]);
        int port = TestNodes.freePort();
        Path cfg = TestNodes.writeConfig(mount, "360404", port, "storage: { minFree: 24MiB }");
        Path log = dir.resolve("node.log");
        long acknowledged = 0;
        String someId = null;
        try (NodeProcess n = NodeProcess.start(cfg, port, log)) {
            n.awaitHealthy(Duration.ofSeconds(60));
            Http.Reply refusal = null;
            for (int b = 0; b < 400 && refusal == null; b++) {
                Http.Reply r = n.department().postJson("/api/v1/records", batch(500));
                if (r.status() == 200) {
                    acknowledged += r.json().get("accepted").size();
                    someId = r.json().get("accepted").get(0).get("id").asText();
                } else {
                    refusal = r;
                }
            }
            assertTrue(refusal != null, "the disk never ran short after " + acknowledged + " records");
            assertEquals(507, refusal.status(), refusal.body());
            assertEquals("INSUFFICIENT_STORAGE", refusal.json().get("error").asText(), refusal.body());
            assertTrue(refusal.json().get("message").asText().contains("storage.minFree"), refusal.body());
            for (int i = 0; i < 3; i++) {
                assertEquals(507, n.department().postJson("/api/v1/records", batch(500)).status(), "no 200 while short of space");
            }
            Http.Reply health = n.http().get("/health");
            assertEquals(503, health.status(), health.body());
            assertEquals("DOWN", health.json().get("checks").get("disk").asText(), health.body());
            assertTrue(health.json().path("reasons").path("disk").asText().contains("free space"), health.body());
            assertEquals(200, n.department().get("/api/v1/records/" + someId).status(), "reads go on");

            Files.delete(ballast);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (n.http().get("/health").status() != 200 && System.nanoTime() < deadline) TimeUnit.MILLISECONDS.sleep(50);
            Http.Reply again = n.department().postJson("/api/v1/records", batch(100));
            assertEquals(200, again.status(), "takes records again once space is freed: " + again.body());
            acknowledged += 100;
            n.kill();
        }
        try (NodeProcess n = NodeProcess.start(cfg, port, log)) {
            n.awaitHealthy(Duration.ofSeconds(60));
            JsonNode origin = n.admin().get("/admin/v1/origins").json().path("origins").path("360404");
            assertEquals(acknowledged, origin.path("records").asLong(), "every acknowledged record after kill -9: " + origin);
            assertEquals(acknowledged, origin.path("watermark").asLong(), "the chain is whole: " + origin);
            n.terminate(Duration.ofSeconds(15));
        }
        System.out.println("disk full: " + acknowledged + " acknowledged records, all present after kill -9");
    }

    private ObjectNode batch(int n) {
        ObjectNode body = Http.JSON.createObjectNode();
        ArrayNode records = body.putArray("records");
        for (int i = 0; i < n; i++) {
            records.add(SampleRecords.penaltyAgainst(++subjects));
        }
        return body;
    }

    private static boolean run(String... cmd) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
