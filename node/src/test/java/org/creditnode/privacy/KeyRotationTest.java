package org.creditnode.privacy;

import org.creditnode.config.ConfigException;
import org.creditnode.config.NodeConfig;
import org.creditnode.node.Await;
import org.creditnode.node.CreditNode;
import org.creditnode.node.Http;
import org.creditnode.node.TestAccess;
import org.creditnode.node.TestNodes;
import org.creditnode.record.SampleRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A new data key while the node serves, and a keystore that does not belong to the database refused at start. */
class KeyRotationTest {
    @TempDir
    Path dir;

    @Test
    void rotationReEncryptsEveryRecordWhileReadsGoOnAndAForeignKeystoreIsRefused() throws Exception {
        Path cfg = TestNodes.writeConfig(dir, "360404", TestNodes.freePort(), "federation: { ownLogCheckMs: 0 }\n");
        NodeConfig config = NodeConfig.load(cfg).resolve(null, null);
        List<String> ids = new ArrayList<>();
        try (CreditNode node = CreditNode.start(config, Clock.systemUTC())) {
            Http dept = TestAccess.department(node);
            Http admin = TestAccess.admin(node);
            StringBuilder batch = new StringBuilder("{\"records\": [");
            for (int i = 1; i <= 300; i++) { // people's records: the ones encrypted at rest
                com.fasterxml.jackson.databind.node.ObjectNode r = SampleRecords.penaltyAgainstPerson();
                ((com.fasterxml.jackson.databind.node.ObjectNode) r.get("subject")).put("code", SampleRecords.validIdNumber(1000 + i));
                batch.append(i == 1 ? "" : ",").append(r);
            }
            Http.Reply r = dept.postJson("/api/v1/records", batch.append("]}").toString());
            r.json().get("accepted").forEach(a -> ids.add(a.get("id").asText()));
            assertEquals(300, ids.size(), r.body());
            assertEquals(1, admin.get("/admin/v1/keys").json().get("currentDataKey").asInt());

            Http.Reply rotated = admin.post("/admin/v1/keys/rotate", "application/json", "");
            assertEquals(202, rotated.status(), rotated.body());
            assertEquals(2, rotated.json().get("currentDataKey").asInt());
            for (String id : ids.subList(0, 20)) assertEquals(200, dept.get("/api/v1/records/" + id).status(), "reads go on");
            Await.until("every record under data key 2", Duration.ofSeconds(60),
                    () -> admin.get("/admin/v1/keys").json().get("recordsNotUnderCurrentKey").asLong() == 0);
            for (String id : List.of(ids.get(0), ids.get(299))) assertEquals(200, dept.get("/api/v1/records/" + id).status());
            String audit = admin.get("/admin/v1/audit?limit=200").body();
            assertTrue(audit.contains("keys/rotate"), "the rotation is an audited act: " + audit);
        }
        Path keystore = Path.of(config.keys.dataKeystore);
        Files.move(keystore, dir.resolve("kept.p12"));
        DataKeys.open(keystore, config.keys.password.toCharArray()); // a fresh keystore: not this database's
        ConfigException e = assertThrows(ConfigException.class, () -> CreditNode.start(config, Clock.systemUTC()));
        assertTrue(e.getMessage().contains("keys.dataKeystore"), e.getMessage());
        Files.move(dir.resolve("kept.p12"), keystore, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (CreditNode node = CreditNode.start(config, Clock.systemUTC())) {
            assertEquals(200, TestAccess.department(node).get("/api/v1/records/" + ids.get(150)).status(), "with its own keystore it reads again");
        }
    }
}
