package org.creditnode.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What operators read: aligned tables by default, the API's JSON with --json, and clear errors. */
class AdminCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void originsAndLinksAreAlignedTablesWithStatesAnOperatorScansFor() throws Exception {
        String origins = AdminCommand.render("origins", JSON.readTree("""
                {"origins": {"360000": {"origin": "360000", "watermark": 12, "highestSeq": 12, "records": 12, "state": "OK"},
                             "360404": {"origin": "360404", "watermark": 3000, "highestSeq": 3007, "records": 3007, "state": "CONFLICT at seq 5"}}}"""));
        String[] lines = origins.split("\\R");
        assertEquals(3, lines.length, origins);
        assertTrue(lines[0].startsWith("origin") && lines[0].contains("watermark") && lines[0].endsWith("state"), origins);
        assertTrue(lines[2].endsWith("CONFLICT at seq 5"), origins);
        assertEquals(lines[0].indexOf("state"), lines[1].indexOf("OK"), "one column, one start:\n" + origins);
        assertEquals(lines[0].indexOf("state"), lines[2].indexOf("CONFLICT"), "one column, one start:\n" + origins);
        assertEquals(lines[0].indexOf("records") + "records".length(), lines[2].lastIndexOf("3007") + 4, "numbers right-aligned:\n" + origins);

        String links = AdminCommand.render("links", JSON.readTree("""
                {"links": [{"link": "360400", "role": "PARENT", "state": "PAUSED", "queueDepth": 3, "deadLetters": 0, "recordsDelivered": 1000,
                            "routes": {"link-360400-1": "Started", "link-360400-2": "Stopped"}}]}"""));
        assertTrue(links.contains("PARENT") && links.contains("PAUSED"), links);
        assertTrue(links.contains("● ○"), "one mark per route, started or not:\n" + links);
    }

    @Test
    void alliancesAreATableOfPartnersWithRefusalReasonsAndAnAnswerListsWhatWasWithheld() throws Exception {
        String view = AdminCommand.render("alliances", JSON.readTree("""
                {"node": "360000", "alliances": [{"id": "yrd", "name": "长三角", "policy": "yrd/2026.1", "inForce": true, "partners": [
                  {"id": "320000", "name": "江苏省", "trust": "national root", "link": "none (queries only)", "askedByUs": 1, "answeredToThem": 7,
                   "refusedByUs": 3, "refusedByThem": 0, "refusalReasons": {"purpose-declared": 2, "rate-limit": 1}, "lastExchange": "2026-12-01T02:00:00Z"}]}],
                 "refusedOutsideAlliances": {"430000": {"refusedByUs": 1, "lastRefusal": "partner-is-member: …"}}}"""));
        String[] lines = view.split("\\R");
        assertTrue(lines[0].contains("alliance") && lines[0].contains("refusal reasons"), view);
        assertTrue(lines[1].contains("长三角 (yrd)") && lines[1].contains("320000 江苏省") && lines[1].contains("purpose-declared ×2, rate-limit ×1"), view);
        assertTrue(lines[2].startsWith("refused, in no alliance of this node: 430000 ×1"), view);

        String answer = AdminCommand.render("alliance-query", JSON.readTree("""
                {"alliance": "yrd", "partner": "360000", "verified": {"signature": "OK", "records": "OK"},
                 "answer": {"policy": "yrd/2026.1", "alliance": "长三角", "purpose": "PROCUREMENT",
                   "records": [{"canonical": "{\\"category\\":\\"ADMIN_PENALTY\\",\\"id\\":\\"360000-1\\"}"},
                               {"recordId": "360000-2", "shown": {"category": "ADMIN_PENALTY"}}],
                   "withheld": [{"what": "record 360000-2 fields.CF_FR_ZJHM", "rule": "withhold-personal-data", "说明": "自然人个人信息，按联盟规则不予共享"}]}}"""));
        assertTrue(answer.contains("签名 signature: OK"), answer);
        assertTrue(answer.contains("360000-1") && answer.contains("origin signature verified"), answer);
        assertTrue(answer.contains("360000-2") && answer.contains("部分字段不予共享"), answer);
        assertTrue(answer.contains("record 360000-2 fields.CF_FR_ZJHM") && answer.contains("withhold-personal-data"), answer);
    }

    @Test
    void chineseTakesTwoCellsInATerminal() {
        assertEquals(12, TextTable.cells("九江市柴桑区"));
        String t = new TextTable("name", "x").row("九江市", "#1").row("abc", "#2").toString();
        String[] lines = t.split("\\R");
        assertEquals(TextTable.cells(lines[1].substring(0, lines[1].indexOf('#'))), TextTable.cells(lines[2].substring(0, lines[2].indexOf('#'))),
                "the second column starts at the same terminal cell:\n" + t);
    }

    @Test
    void badUsageIsExitCode2WithTheReasonAndHelpIsGenerated() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, NodeMain.run(new String[]{"admin", "--url", "http://127.0.0.1:1", "fly"}, new PrintStream(out), new PrintStream(err)));
        assertTrue(err.toString().contains("'fly'"), err.toString());
        err.reset();
        assertEquals(2, NodeMain.run(new String[]{"admin", "--url", "http://127.0.0.1:1", "pause"}, new PrintStream(out), new PrintStream(err)));
        assertTrue(err.toString().contains("Missing required parameter: 'ID'"), err.toString());
        err.reset();
        assertEquals(2, NodeMain.run(new String[]{"admin", "links"}, new PrintStream(out), new PrintStream(err)));
        assertTrue(err.toString().contains("--url"), err.toString());
        out.reset();
        assertEquals(0, NodeMain.run(new String[]{"help", "admin"}, new PrintStream(out), new PrintStream(err)));
        for (String command : new String[]{"links", "origins", "audit", "pause", "resume", "dlq", "replay", "catch-up", "clear-conflict",
                "accounts", "account-create", "account-revoke", "operators", "operator-create", "queries", "audit-verify", "audit-archive",
                "keys-rotate"}) {
            assertTrue(out.toString().contains(command), "help lists " + command + ":\n" + out);
        }
    }

    @Test
    void withoutATokenTheCommandSaysWhereToFindOne() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, NodeMain.run(new String[]{"admin", "--url", "http://127.0.0.1:1", "links"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err)));
        assertTrue(err.toString().contains("admin.token"), err.toString());
    }

    @Test
    void anUnreachableNodeIsExitCode1(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path token = java.nio.file.Files.writeString(dir.resolve("admin.token"), "cno.abcdefghijkm.x");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(1, NodeMain.run(new String[]{"admin", "--url", "http://127.0.0.1:1", "--token-file", token.toString(), "links"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)));
        assertTrue(err.toString().contains("cannot reach http://127.0.0.1:1"), err.toString());
    }

    @Test
    void anOperatorCreatesAnAccountAndAnAuditorAndChecksTheAuditChain(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path cfg = TestNodes.writeConfig(dir, "360404", TestNodes.freePort(), "federation: { ownLogCheckMs: 0 }\n");
        try (CreditNode node = CreditNode.start(org.creditnode.config.NodeConfig.load(cfg).resolve(null, null), java.time.Clock.systemUTC())) {
            String[] admin = {"admin", "--url", node.adminAddress(), "--token-file", node.config().dataDir().resolve("admin.token").toString()};
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(0, NodeMain.run(concat(admin, "account-create", "--name", "审批系统", "--authority", TestAccess.AUTHORITY,
                    "--category", "ADMIN_PENALTY", "--purpose", "ADMIN_APPROVAL"), new PrintStream(out), new PrintStream(err)), err.toString());
            String key = out.toString().lines().filter(l -> l.startsWith("cnk.")).findFirst().orElseThrow(() -> new AssertionError(out.toString()));
            assertEquals(200, new Http(node.apiAddress()).withToken(key).with("X-Purpose", "ADMIN_APPROVAL").get("/api/v1/subjects/X/records").status(),
                    "the printed key works");
            out.reset();
            assertEquals(0, NodeMain.run(concat(admin, "accounts"), new PrintStream(out), new PrintStream(err)));
            assertTrue(out.toString().contains("审批系统") && out.toString().contains("ACTIVE"), out.toString());
            out.reset();
            assertEquals(0, NodeMain.run(concat(admin, "operator-create", "--name", "王五", "--role", "AUDITOR"), new PrintStream(out), new PrintStream(err)));
            String auditorToken = out.toString().lines().filter(l -> l.startsWith("cno.")).findFirst().orElseThrow();
            java.nio.file.Path auditorFile = java.nio.file.Files.writeString(dir.resolve("auditor.token"), auditorToken);
            out.reset();
            err.reset();
            assertEquals(1, NodeMain.run(new String[]{"admin", "--url", node.adminAddress(), "--token-file", auditorFile.toString(), "pause", "360400"},
                    new PrintStream(out), new PrintStream(err)));
            assertTrue(err.toString().contains("ROLE_NOT_ALLOWED"), err.toString());
            out.reset();
            assertEquals(0, NodeMain.run(new String[]{"admin", "--url", node.adminAddress(), "--token-file", auditorFile.toString(), "audit-verify"},
                    new PrintStream(out), new PrintStream(err)), err.toString());
            assertTrue(out.toString().startsWith("audit chain OK"), out.toString());
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
