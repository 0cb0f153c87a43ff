package org.creditnode.federation;

import com.fasterxml.jackson.databind.JsonNode;
import org.creditnode.config.NodeConfig;
import org.creditnode.node.CreditNode;
import org.creditnode.node.Http;
import org.creditnode.node.TestAccess;
import org.creditnode.node.TestNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An operator's pause outlives a restart of the node, and is audited; a resume does too. */
class LinkPauseTest {
    @TempDir
    Path dir;

    @Test
    void aPausedLinkStaysPausedAcrossARestartUntilResumed() throws Exception {
        int port = TestNodes.freePort();
        Path cfg = TestNodes.writeConfig(dir, "360404", port, "");
        NodeConfig config = TestNodes.withUnreachableParent(cfg);
        try (CreditNode node = CreditNode.start(config, Clock.systemUTC())) {
            Http http = TestAccess.admin(node);
            assertEquals(200, http.post("/admin/v1/links/360400/pause", "application/json", "").status());
            assertTrue(http.get("/admin/v1/audit").body().contains("LINK_PAUSED"));
        }
        try (CreditNode node = CreditNode.start(config, Clock.systemUTC())) {
            Http http = TestAccess.admin(node);
            assertEquals("PAUSED", link(http).get("state").asText(), "kept across the restart");
            assertEquals(200, http.post("/admin/v1/links/360400/resume", "application/json", "").status());
        }
        try (CreditNode node = CreditNode.start(config, Clock.systemUTC())) {
            assertNotEquals("PAUSED", link(TestAccess.admin(node)).get("state").asText(), "the resume is kept too");
        }
    }

    private static JsonNode link(Http http) throws Exception {
        for (JsonNode l : http.get("/admin/v1/links").json().get("links")) if (l.get("link").asText().equals("360400")) return l;
        throw new AssertionError("no link 360400");
    }
}
