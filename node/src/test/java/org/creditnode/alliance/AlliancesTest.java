package org.creditnode.alliance;

import org.creditnode.access.Purposes;
import org.creditnode.config.ConfigException;
import org.creditnode.record.Catalogue;
import org.creditnode.record.SampleRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The alliance files' checks: the repository's files load; contradictions stop the node naming file and line. */
class AlliancesTest {
    private static final Catalogue CATALOGUE = SampleRecords.catalogue();
    private static final Purposes PURPOSES = Purposes.load(SampleRecords.configDir().resolve("purposes.yaml"), CATALOGUE);

    @TempDir
    Path dir;

    private static String file(String id, String members, String from, String until, String share, String withhold, String purposes) {
        return """
                id: %s
                version: "1"
                from: %s
                %s
                members:
                %s
                query:
                  purposes: [%s]
                  share:
                %s
                  withhold:
                    categories: [%s]
                """.formatted(id, from, until == null ? "" : "until: " + until, members, purposes, share, withhold);
    }

    private static final String MEMBERS = """
              - { id: "360000", url: "https://127.0.0.1:9420" }
              - { id: "320000", url: "https://127.0.0.1:9450" }
            """;

    private Alliances load(String... ids) {
        return Alliances.load("360000", List.of(ids), dir, CATALOGUE, PURPOSES);
    }

    @Test
    void theRepositoryFilesLoadForJiangxiInBoth() {
        Alliances a = Alliances.load("360000", List.of("pprd", "yrd"), SampleRecords.configDir().resolve("alliances"), CATALOGUE, PURPOSES);
        assertEquals(List.of("pprd/2026.1", "yrd/2026.1"), a.all().stream().map(Alliance::policy).toList());
        assertEquals(List.of("pprd"), a.naming("810000").stream().map(Alliance::id).toList());
        assertTrue(a.naming("360000").isEmpty(), "this node is never its own partner");
        assertTrue(a.byId("pprd").orElseThrow().withholdPersonal());
        for (String delta : List.of("320000", "310000")) { // the demo's Jiangsu and Shanghai configurations name yrd
            Alliances d = Alliances.load(delta, List.of("yrd"), SampleRecords.configDir().resolve("alliances"), CATALOGUE, PURPOSES);
            assertEquals(List.of("yrd"), d.naming("360000").stream().map(Alliance::id).toList());
        }
    }

    @Test
    void aCategoryBothSharedAndWithheldNamesTheLine() throws Exception {
        Files.writeString(dir.resolve("yrd.yaml"), file("yrd", MEMBERS, "2026-01-01", null, "    RED_LIST: {}\n    ADMIN_PENALTY: {}", "ADMIN_PENALTY", "PROCUREMENT"));
        ConfigException e = assertThrows(ConfigException.class, () -> load("yrd"));
        assertTrue(e.getMessage().startsWith(dir.resolve("yrd.yaml") + ":15:"), e.getMessage());
        assertTrue(e.getMessage().contains("ADMIN_PENALTY is both shared"), e.getMessage());
    }

    @Test
    void aMemberInTwoAlliancesWithDifferentRulesForOnePurposeInOverlappingPeriods() throws Exception {
        Files.writeString(dir.resolve("yrd.yaml"), file("yrd", MEMBERS, "2026-01-01", null, "    RED_LIST: {}\n    ADMIN_PENALTY: {}", "", "PROCUREMENT"));
        Files.writeString(dir.resolve("pprd.yaml"), file("pprd", MEMBERS, "2026-06-01", null, "    RED_LIST: {}", "", "BIDDING, PROCUREMENT"));
        ConfigException e = assertThrows(ConfigException.class, () -> load("yrd", "pprd"));
        assertTrue(e.getMessage().startsWith(dir.resolve("pprd.yaml") + ":10:"), e.getMessage());
        assertTrue(e.getMessage().contains("member 320000 may ask for PROCUREMENT under both yrd"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve("yrd.yaml") + ":10:"), "names the other file's line too: " + e.getMessage());
    }

    @Test
    void periodsThatDoNotOverlapDoNotContradict() throws Exception {
        Files.writeString(dir.resolve("yrd.yaml"), file("yrd", MEMBERS, "2026-01-01", "2026-06-01", "    RED_LIST: {}\n    ADMIN_PENALTY: {}", "", "PROCUREMENT"));
        Files.writeString(dir.resolve("pprd.yaml"), file("pprd", MEMBERS, "2026-06-01", null, "    RED_LIST: {}", "", "PROCUREMENT"));
        assertEquals(2, load("yrd", "pprd").all().size());
    }

    @Test
    void sameRulesUnderTwoAlliancesAreNoContradiction() throws Exception {
        Files.writeString(dir.resolve("yrd.yaml"), file("yrd", MEMBERS, "2026-01-01", null, "    RED_LIST: {}", "", "PROCUREMENT"));
        Files.writeString(dir.resolve("pprd.yaml"), file("pprd", MEMBERS, "2026-03-01", null, "    RED_LIST: {}", "", "PROCUREMENT"));
        assertEquals(2, load("yrd", "pprd").all().size());
    }

    @Test
    void unknownNamesAndMissingMembershipAreRefused() throws Exception {
        Files.writeString(dir.resolve("yrd.yaml"), file("yrd", MEMBERS, "2026-01-01", null, "    RED_LIST: {}", "", "SHOPPING"));
        assertTrue(assertThrows(ConfigException.class, () -> load("yrd")).getMessage().contains("purpose SHOPPING is not in purposes.yaml"));
        Files.writeString(dir.resolve("yrd.yaml"), file("yrd", MEMBERS, "2026-01-01", null, "    GOSSIP: {}", "", "PROCUREMENT"));
        assertTrue(assertThrows(ConfigException.class, () -> load("yrd")).getMessage().contains(":12:"));
        Files.writeString(dir.resolve("yrd.yaml"), file("yrd", MEMBERS, "2026-01-01", null, "    ADMIN_PENALTY: { withholdFields: [NOPE] }", "", "PROCUREMENT"));
        assertTrue(assertThrows(ConfigException.class, () -> load("yrd")).getMessage().contains("field NOPE is not a field of ADMIN_PENALTY"));
        Files.writeString(dir.resolve("yrd.yaml"), file("yrd", MEMBERS, "2026-01-01", null, "    RED_LIST: {}", "", "PROCUREMENT"));
        ConfigException notMember = assertThrows(ConfigException.class,
                () -> Alliances.load("310000", List.of("yrd"), dir, CATALOGUE, PURPOSES));
        assertTrue(notMember.getMessage().contains("this node (310000) is not a member of yrd"), notMember.getMessage());
        Files.writeString(dir.resolve("yrd.yaml"), file("yrd", MEMBERS, "2026-01-01", null, "    RED_LIST: {}", "", "PROCUREMENT")
                .replace("version: \"1\"", "version: \"1\"\nshare: []"));
        assertTrue(assertThrows(ConfigException.class, () -> load("yrd")).getMessage().contains("unknown key \"share\""));
        assertFalse(Files.exists(dir.resolve("pprd.yaml")));
        assertTrue(assertThrows(ConfigException.class, () -> load("pprd")).getMessage().contains("pprd.yaml does not exist"));
    }
}
