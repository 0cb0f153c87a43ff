package org.creditnode.record;

import org.creditnode.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogueTest {

    private static final Catalogue CATALOGUE = SampleRecords.catalogue();

    @Test
    void theRealCatalogueHasTheFiveRecordCategoriesAndTheWorkflowOnes() {
        assertEquals(List.of("ADMIN_LICENSE", "ADMIN_PENALTY", "RED_LIST", "SERIOUS_DISHONESTY_LIST", "COMMITMENT", "JOINT_ACTION", "MEASURE_LIST",
                "OBJECTION", "REPAIR", "STATUS_ACK", "QUALITY_STATISTICS"), List.copyOf(CATALOGUE.categories()));
        for (String workflow : List.of("OBJECTION", "REPAIR", "STATUS_ACK", "QUALITY_STATISTICS")) {
            assertFalse(CATALOGUE.category(workflow).orElseThrow().isPublished(), workflow + " is never public");
        }
        assertFalse(CATALOGUE.category("JOINT_ACTION").orElseThrow().isPublished(), "joint actions are never public");
        assertFalse(CATALOGUE.category("MEASURE_LIST").orElseThrow().isPublished());
        assertTrue(CATALOGUE.category("ADMIN_PENALTY").orElseThrow().isPublished());
        assertEquals(UnknownFieldPolicy.REJECT, CATALOGUE.unknownFields());
        assertEquals(Set.of("MINOR", "MAJOR", "SERIOUS", "SLIGHT", "GENERAL"), CATALOGUE.severities().keySet());
        assertTrue(CATALOGUE.category("NOPE").isEmpty());
        assertTrue(CATALOGUE.category(null).isEmpty());
    }

    @Test
    void flowFlags() {
        for (String id : CATALOGUE.categories()) {
            CategorySpec c = CATALOGUE.category(id).orElseThrow();
            assertTrue(c.isAggregated(), id + ": everything goes up, so a parent holds each child's whole origin log (catch-up sees holes)");
            assertEquals(Set.of("RED_LIST", "SERIOUS_DISHONESTY_LIST", "JOINT_ACTION", "MEASURE_LIST", "OBJECTION", "REPAIR", "STATUS_ACK")
                    .contains(id), c.isDistributed(), id + ": lists and the workflows' records go down as well as up");
            assertEquals(id, c.id());
            assertFalse(c.name().isBlank());
        }
    }

    @Test
    void penaltyFieldsAreTheDoublePublicityItemsWithoutTheEnvelopeOnes() {
        CategorySpec p = CATALOGUE.category("ADMIN_PENALTY").orElseThrow();
        assertEquals(SeverityUse.OPTIONAL, p.severity());
        for (String envelopeItem : new String[]{"CF_XDR_MC", "CF_XDR_SHXYM", "CF_CFJG", "CF_CFJGDM", "CF_JDRQ", "CF_XDR_LB"}) {
            assertFalse(p.fields().containsKey(envelopeItem), envelopeItem);
        }
        FieldSpec lb = p.fields().get("CF_CFLB");
        assertEquals(FieldType.ENUM, lb.type());
        assertEquals(";", lb.multi());
        assertTrue(lb.values().contains("罚款"));
        FieldSpec fk = p.fields().get("CF_NR_FK");
        assertEquals(FieldType.DECIMAL, fk.type());
        assertEquals("CF_CFLB", fk.requiredWhen().field());
        assertEquals(List.of("罚款"), fk.requiredWhen().contains());
        assertEquals(FieldType.USCC, p.fields().get("CF_SJLYDM").type());
        assertEquals(Period.ofYears(3), p.publicity().period());
        assertEquals(Period.ofMonths(3), p.publicity().minimum());
    }

    @Test
    void licenceDateRules() {
        CategorySpec l = CATALOGUE.category("ADMIN_LICENSE").orElseThrow();
        assertEquals(List.of(new DatePair("XK_YXQZ", "XK_YXQZI")), l.dateOrder());
        assertEquals(List.of("XK_YXQZI"), l.notBeforeDecision());
        assertEquals(SeverityUse.NONE, l.severity());
        assertNull(l.publicity());
        assertEquals(Set.of(SubjectKind.ORG, SubjectKind.PERSON), l.subjectKinds());
    }

    @Test
    void publicityPeriods() {
        LocalDate decided = LocalDate.of(2026, 11, 10);
        CategorySpec penalty = CATALOGUE.category("ADMIN_PENALTY").orElseThrow();
        assertEquals(LocalDate.of(2029, 11, 10), PublicityPolicy.publicityUntil(penalty, "MINOR", decided).orElseThrow());
        assertEquals(LocalDate.of(2027, 2, 11), PublicityPolicy.repairableFrom(penalty, decided).orElseThrow());
        CategorySpec list = CATALOGUE.category("SERIOUS_DISHONESTY_LIST").orElseThrow();
        assertEquals(LocalDate.of(2029, 11, 10), PublicityPolicy.publicityUntil(list, null, decided).orElseThrow());
        assertTrue(PublicityPolicy.publicityUntil(CATALOGUE.category("RED_LIST").orElseThrow(), null, decided).isEmpty());
        assertTrue(PublicityPolicy.publicityUntil(CATALOGUE.category("COMMITMENT").orElseThrow(), null, decided).isEmpty());
    }

    @Test
    void publicityPerSeverity(@TempDir Path dir) throws Exception {
        Catalogue c = load(dir, """
                severities: {MINOR: 一般, SERIOUS: 严重}
                categories:
                  X:
                    name: 测试
                    severity: required
                    aggregate: true
                    distribute: false
                    publicity: {period: P3Y, bySeverity: {MINOR: P1Y}}
                """);
        CategorySpec x = c.category("X").orElseThrow();
        LocalDate decided = LocalDate.of(2024, 2, 29);
        assertEquals(LocalDate.of(2025, 2, 28), PublicityPolicy.publicityUntil(x, "MINOR", decided).orElseThrow());
        assertEquals(LocalDate.of(2027, 2, 28), PublicityPolicy.publicityUntil(x, "SERIOUS", decided).orElseThrow());
    }

    @Test
    void aNewCategoryIsAConfigChangeOnly(@TempDir Path dir) throws Exception {
        Catalogue c = load(dir, """
                unknownFields: ignore
                severities: {MINOR: 一般}
                categories:
                  EVALUATION:
                    name: 公共信用综合评价
                    aggregate: true
                    distribute: false
                    subjectKinds: [ORG]
                    fields:
                      EV_GRADE: {label: 评价等级, type: enum, values: [A, B, C, D], required: true}
                      EV_REGION: {label: 评价地区, type: region}
                """);
        assertEquals(Set.of("EVALUATION"), c.categories());
        assertEquals(UnknownFieldPolicy.IGNORE, c.unknownFields());
        assertEquals(Set.of(SubjectKind.ORG), c.category("EVALUATION").orElseThrow().subjectKinds());
    }

    @Test
    void inconsistentCataloguesFailWithEveryProblemNamed(@TempDir Path dir) throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> load(dir, """
                severities: {MINOR: 一般}
                categories:
                  X:
                    name: 测试
                    aggregate: true
                    fields:
                      A: {label: a, type: enum}
                      B: {label: b, type: string, requiredWhen: {field: NOPE, equals: x}}
                      C: {label: c, type: string}
                    dateOrder: [[A, C]]
                """));
        String m = e.getMessage();
        assertTrue(m.contains("categories.X.distribute"), m);
        assertTrue(m.contains("categories.X.fields.A.values"), m);
        assertTrue(m.contains("NOPE is not a field of X"), m);
        assertTrue(m.contains("C is not a date field"), m);
    }

    @Test
    void misspeltKeysAndTypesFail(@TempDir Path dir) throws Exception {
        assertThrows(ConfigException.class, () -> load(dir, """
                severities: {MINOR: 一般}
                categories:
                  X: {name: x, aggregate: true, distribute: true, fields: {A: {label: a, type: string, maxLenght: 3}}}
                """));
        assertThrows(ConfigException.class, () -> load(dir, """
                severities: {MINOR: 一般}
                categories:
                  X: {name: x, aggregate: true, distribute: true, fields: {A: {label: a, type: text}}}
                """));
    }

    static Catalogue load(Path dir, String yaml) throws Exception {
        Path f = dir.resolve("catalog.yaml");
        Files.writeString(f, yaml);
        return Catalogue.load(f);
    }
}
