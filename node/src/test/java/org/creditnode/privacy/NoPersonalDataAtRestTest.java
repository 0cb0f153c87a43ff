package org.creditnode.privacy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.node.Http;
import org.creditnode.node.NodeProcess;
import org.creditnode.node.TestNodes;
import org.creditnode.record.SampleRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resident ID numbers never rest in clear: after a node process has taken people's records (as
 * subjects and as legal representatives), queued them for an unreachable parent (so they sit in
 * the broker journal), served authorised and public reads and refused bad input, no file under its
 * data folder — database, broker journal, anything else — and not its log contains one.
 */
class NoPersonalDataAtRestTest {
    @TempDir
    Path dir;

    @Test
    void noFileUnderTheDataFolderNorTheLogHoldsAnIdNumber() throws Exception {
        int port = TestNodes.freePort();
        Path cfg = TestNodes.writeConfig(dir.resolve("node"), "360404", port, "federation: { ownLogCheckMs: 0 }\n");
        Files.writeString(cfg, Files.readString(cfg).replace("level: county",
                "level: county\n  parent: { id: \"360400\", url: \"https://127.0.0.1:" + TestNodes.freePort() + "\" }"));
        Path log = dir.resolve("node.log");
        List<String> idNumbers = new ArrayList<>();
        try (NodeProcess n = NodeProcess.start(cfg, port, log)) {
            n.awaitHealthy(Duration.ofSeconds(60));
            Http dept = n.department();
            ObjectNode body = Http.JSON.createObjectNode();
            ArrayNode records = body.putArray("records");
            String today = LocalDate.now().minusDays(2).toString();
            for (int i = 1; i <= 40; i++) {
                ObjectNode person = SampleRecords.penaltyAgainstPerson();
                String id = SampleRecords.validIdNumber(100 + i);
                ((ObjectNode) person.get("subject")).put("code", id);
                person.put("decisionDate", today);
                idNumbers.add(id);
                records.add(person);
                ObjectNode org = SampleRecords.penaltyAgainst(500 + i);
                String rep = SampleRecords.validIdNumber(300 + i);
                ((ObjectNode) org.get("fields")).put("CF_FRDB", "李四").put("CF_FR_ZJLX", "身份证").put("CF_FR_ZJHM", rep);
                idNumbers.add(rep);
                records.add(org);
            }
            ObjectNode bad = SampleRecords.penaltyAgainstPerson();
            String badId = idNumbers.get(0).substring(0, 17) + (idNumbers.get(0).endsWith("1") ? "2" : "1");
            ((ObjectNode) bad.get("subject")).put("code", badId);
            records.add(bad);
            Http.Reply r = dept.postJson("/api/v1/records", body);
            assertEquals(80, r.json().get("accepted").size(), r.body());
            assertEquals(1, r.json().get("rejected").size(), "the bad ID number is refused (and never stored)");
            for (String id : idNumbers.subList(0, 10)) {
                assertEquals(200, dept.get("/api/v1/subjects/" + id + "/records").status());
                assertEquals(200, n.http().get("/public/v1/subjects/" + id + "/records").status());
                assertEquals(400, dept.with("X-Purpose", null).get("/api/v1/subjects/" + id + "/records").status());
            }
            assertEquals(200, n.admin().get("/admin/v1/subjects/" + idNumbers.get(0) + "/queries").status());
            long queued = n.admin().get("/admin/v1/links").json().get("links").get(0).get("queueDepth").asLong();
            assertTrue(queued >= 1, "records wait in the broker journal for the unreachable parent");
            n.terminate(Duration.ofSeconds(30)); // a clean stop: the journal and the database as an operator leaves them
        }
        idNumbers.add(badId(idNumbers));
        List<String> found = new ArrayList<>();
        boolean controlFound = false;
        Path data = dir.resolve("node").resolve("data");
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String id : idNumbers) if (text.contains(id)) found.add(id + " in " + data.relativize(f));
                controlFound |= text.contains(org.creditnode.node.TestAccess.AUTHORITY);
            }
        }
        assertTrue(controlFound, "the scan reads stored text: the account's authority code (kept in clear) is found");
        assertTrue(found.isEmpty(), "ID numbers in clear at rest: " + found);
        String logText = Files.readString(log);
        assertTrue(logText.contains("node started"), "the log is the node's");
        for (String id : idNumbers) assertTrue(!logText.contains(id), "ID number " + id + " in the log");
        assertTrue(Files.readString(log).length() > 0);
    }

    private static String badId(List<String> ids) {
        return ids.get(0).substring(0, 17) + (ids.get(0).endsWith("1") ? "2" : "1");
    }
}
