package org.creditnode.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.record.SampleRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The node as operators run it: a separate process, stopped with SIGTERM, restarted on the same data. */
class NodeProcessTest {
    @TempDir
    Path dir;

    @Test
    void stopsCleanlyOnSigtermAndContinuesTheSequenceAfterARestart() throws Exception {
        int port = TestNodes.freePort();
        Path cfg = TestNodes.writeConfig(dir, "360404", 1, "");
        Path log = dir.resolve("node.log");
        ObjectNode person = SampleRecords.penaltyAgainstPerson();
        String idNumber = person.get("subject").get("code").asText();

        String lastId;
        try (NodeProcess n = NodeProcess.start(cfg, port, log)) {
            Duration up = n.awaitHealthy(Duration.ofSeconds(60));
            System.out.println("first start (keys created) to healthy: " + up.toMillis() + " ms");
            Http.Reply r = n.department().postJson("/api/v1/records", NodeApiTest.batch(SampleRecords.penalty(), person));
            assertEquals(200, r.status(), r.body());
            assertEquals(2, r.json().get("accepted").size(), r.body());
            lastId = r.json().get("accepted").get(1).get("id").asText();
            // A rejected person record: its ID number appears in the error path, never in the log.
            ObjectNode bad = SampleRecords.penaltyAgainstPerson();
            bad.put("decisionDate", "2999-01-01");
            n.department().postJson("/api/v1/records", NodeApiTest.batch(bad));

            long t0 = System.nanoTime();
            int exit = n.terminate(Duration.ofSeconds(15));
            System.out.println("SIGTERM to exit: " + (System.nanoTime() - t0) / 1_000_000 + " ms, exit code " + exit);
            assertEquals(143, exit, "exit code after SIGTERM (128 + 15)");
            assertTrue(n.log().contains("node stopped id=360404"), n.log());
        }
        try (NodeProcess n = NodeProcess.start(cfg, port, log)) {
            Duration up = n.awaitHealthy(Duration.ofSeconds(60));
            System.out.println("restart to healthy: " + up.toMillis() + " ms");
            Http.Reply r = n.department().postJson("/api/v1/records", NodeApiTest.batch(SampleRecords.penalty()));
            assertEquals(200, r.status(), r.body());
            long before = Long.parseLong(lastId.substring(lastId.indexOf('-') + 1));
            assertEquals("360404-" + (before + 1), r.json().get("accepted").get(0).get("id").asText(), "sequence continues");
            assertEquals(200, n.department().get("/api/v1/records/" + lastId).status(), "records survive the restart");
            n.terminate(Duration.ofSeconds(15));
            String all = n.log();
            assertFalse(all.contains(idNumber), "the log must not contain a full ID number");
            assertTrue(all.contains("ts=") && all.contains("level=INFO"), "structured log lines");
        }
    }

    @Test
    void explainsBadUsageAndBadConfigurationWithExitCode2() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        assertEquals(2, NodeMain.run(new String[]{"--bogus"}, new java.io.PrintStream(out), new java.io.PrintStream(err)));
        assertTrue(err.toString().contains("Unknown option: '--bogus'"), err.toString());
        err.reset();
        assertEquals(2, NodeMain.run(new String[]{"--config", dir.resolve("none.yaml").toString()},
                new java.io.PrintStream(out), new java.io.PrintStream(err)));
        assertTrue(err.toString().contains("configuration file not found"), err.toString());
        err.reset();
        Path bad = TestNodes.writeConfig(dir, "36040", 1, "");
        assertEquals(2, NodeMain.run(new String[]{"--config", bad.toString()}, new java.io.PrintStream(out), new java.io.PrintStream(err)));
        assertTrue(err.toString().contains("node.id must be a 6-digit region code"), err.toString());
        out.reset();
        assertEquals(0, NodeMain.run(new String[]{"help"}, new java.io.PrintStream(out), new java.io.PrintStream(err)));
        assertTrue(out.toString().contains("--config=FILE") && out.toString().contains("admin"), out.toString());
    }
}
