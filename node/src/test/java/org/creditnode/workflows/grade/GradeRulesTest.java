package org.creditnode.workflows.grade;

import org.creditnode.config.ConfigException;
import org.creditnode.record.RecordStatus;
import org.creditnode.record.SampleRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** config/grades.yaml: the sample loads; each mistake is named by its key. And the two rules over it. */
class GradeRulesTest {
    @TempDir
    Path dir;

    static GradeRules sample() {
        return GradeRules.load(SampleRecords.configDir().resolve("grades.yaml"), SampleRecords.catalogue());
    }

    @Test
    void theSampleLoadsAndSaysItIsASample() {
        GradeRules rules = sample();
        assertTrue(rules.sample());
        assertEquals(3, rules.lookbackYears());
        assertEquals("A", rules.grades().get(0).name());
        assertEquals("优", rules.grades().get(0).label());
        assertEquals(RecordStatus.values().length, rules.statuses().size(), "every status has a factor");
    }

    @Test
    void mistakesAreNamedByTheirKeys() throws Exception {
        Path file = dir.resolve("grades.yaml");
        Files.writeString(file, """
                sample: true
                lookbackYears: 0
                base: 100
                max: 100
                categories: { NO_SUCH: -5 }
                severities: { HUGE: 9 }
                statuses: { ACTIVE: 1 }
                caps: [ { category: ADMIN_PENALTY, atMost: E } ]
                grades:
                  - { name: A, label: 优, minScore: 60 }
                  - { name: B, label: 良, minScore: 80 }
                """);
        String m = assertThrows(ConfigException.class, () -> GradeRules.load(file, SampleRecords.catalogue())).getMessage();
        for (String s : Set.of("lookbackYears", "categories.NO_SUCH", "severities.HUGE", "statuses.DISPUTED", "atMost E",
                "grades.B: minScore", "last band's minScore must be 0")) {
            assertTrue(m.contains(s), s + " in " + m);
        }
    }

    @Test
    void aMissingFileNamesTheSetting() {
        String m = assertThrows(ConfigException.class, () -> GradeRules.load(dir.resolve("none.yaml"), SampleRecords.catalogue())).getMessage();
        assertTrue(m.contains("set \"grades\""), m);
    }

    @Test
    void pointsAreWeightTimesSeverityTimesStatus() {
        RecordPoints points = new RecordPoints(sample());
        assertEquals(-8, points.of("ADMIN_PENALTY", "MINOR", RecordStatus.ACTIVE));
        assertEquals(-24, points.of("ADMIN_PENALTY", "SERIOUS", RecordStatus.ACTIVE));
        assertEquals(-8, points.of("ADMIN_PENALTY", null, RecordStatus.ACTIVE), "no severity: factor 1");
        assertEquals(-2, points.of("ADMIN_PENALTY", "MINOR", RecordStatus.REPAIRED), "a repaired record counts a quarter");
        assertEquals(0, points.of("SERIOUS_DISHONESTY_LIST", null, RecordStatus.EXITED));
        assertEquals(0, points.of("ADMIN_PENALTY", "MINOR", RecordStatus.DISPUTED), "not while an objection is handled");
        assertEquals(0, points.of("ADMIN_LICENSE", null, RecordStatus.ACTIVE), "a category without a weight");
        assertEquals(5, points.of("RED_LIST", null, RecordStatus.ACTIVE));
    }

    @Test
    void bandsByScoreThenCaps() {
        GradeBands bands = new GradeBands(sample());
        assertEquals("A", bands.of(90, Set.of()).name());
        assertEquals("B", bands.of(89.9, Set.of()).name());
        assertEquals("C", bands.of(60, Set.of()).name());
        assertEquals("D", bands.of(0, Set.of()).name());
        assertEquals("D", bands.of(100, Set.of("SERIOUS_DISHONESTY_LIST")).name(), "一票否决");
        assertEquals("SERIOUS_DISHONESTY_LIST", bands.capFor(100, Set.of("SERIOUS_DISHONESTY_LIST")).orElseThrow().category());
        assertTrue(bands.capFor(10, Set.of("SERIOUS_DISHONESTY_LIST")).isEmpty(), "a cap that changes nothing is not named");
    }
}
