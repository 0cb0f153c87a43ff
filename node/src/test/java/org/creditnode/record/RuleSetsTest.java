package org.creditnode.record;

import org.creditnode.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dated rule sets of config/rules.yaml: a 2025 and a 2026 decision get different periods, each explained; overlaps refused. */
class RuleSetsTest {
    private static final Catalogue CATALOGUE = SampleRecords.catalogue();
    private static final RuleSets RULES = RuleSets.load(Path.of("..", "config", "rules.yaml"), CATALOGUE);

    @Test
    void aPenaltyOf2025FollowsOrder58AndOneOf2026FollowsOrder36() {
        RuleSets.Applied old = RULES.apply("ADMIN_PENALTY", "MAJOR", LocalDate.of(2025, 9, 10)).orElseThrow();
        assertEquals("ORDER_58", old.ruleSet());
        assertEquals(LocalDate.of(2028, 9, 10), old.publicityUntil(), "3 years");
        assertEquals(LocalDate.of(2025, 12, 10), old.repairFrom(), "3 months");
        RuleSets.Applied now = RULES.apply("ADMIN_PENALTY", "MAJOR", LocalDate.of(2026, 9, 10)).orElseThrow();
        assertEquals("ORDER_36", now.ruleSet());
        assertEquals("GENERAL", now.tier(), "较重 falls in the national 一般 tier");
        assertEquals(LocalDate.of(2027, 9, 10), now.publicityUntil(), "1 year");
        assertTrue(now.explanation(LocalDate.of(2026, 9, 10)).contains("第36号"), now.explanation(LocalDate.of(2026, 9, 10)));
        RuleSets.Applied serious = RULES.apply("ADMIN_PENALTY", "SERIOUS", LocalDate.of(2026, 4, 1)).orElseThrow();
        assertEquals(LocalDate.of(2027, 4, 1), serious.repairFrom(), "严重: one year before repair, from the first day of Order 36");
        assertTrue(RULES.apply("ADMIN_LICENSE", "MAJOR", LocalDate.of(2026, 9, 10)).isEmpty(), "licences are not governed");
    }

    @Test
    void overlappingWindowsAreRefusedNamingBoth(@TempDir Path dir) throws Exception {
        String text = Files.readString(Path.of("..", "config", "rules.yaml")).replace("decidedBefore: 2026-04-01", "decidedBefore: 2026-05-01");
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, text);
        ConfigException e = assertThrows(ConfigException.class, () -> RuleSets.load(file, CATALOGUE));
        assertTrue(e.getMessage().contains("ORDER_58 and ORDER_36 overlap"), e.getMessage());
    }
}
