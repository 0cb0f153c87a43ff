package org.creditnode.record;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResidentIdNumberTest {

    private static final RegionCodes REGIONS = SampleRecords.regions();
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    /** DATA-SPEC §2, every synthetic valid example. */
    @ParameterizedTest
    @ValueSource(strings = {"11010519491231002X", "360404199001010017", "360102198512150026",
            "320106200002290035", "44030520101010004X", "360404197006300057"})
    void specValidExamples(String id) {
        CodeCheck c = ResidentIdNumber.check(id, REGIONS, TODAY);
        assertTrue(c.valid(), c.message());
        assertEquals(id.substring(17), ResidentIdNumber.checkCharFor(id.substring(0, 17)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "110105194912310021 | CHECKSUM | check character should be X, got 1",
            "360404199001010018 | CHECKSUM | check character should be 7, got 8",
            "11010519491231002x | FORMAT   | lower-case x",
            "36040419900101001  | FORMAT   | must be 18 characters, got 17",
            "3604041990010100A7 | FORMAT   | position 17 must be a digit",
            "36040419900101001Y | FORMAT   | position 18",
    })
    void invalidVariantsOfSpecExamples(String id, String code, String messagePart) {
        CodeCheck c = ResidentIdNumber.check(id, REGIONS, TODAY);
        assertEquals(code, c.code(), c.message());
        assertTrue(c.message().contains(messagePart), c.message());
    }

    @Test
    void birthDateMustBeARealPastDate() {
        assertEquals("DATE", check(withCheckChar("36040419900230001")).code(), "30 February");
        assertEquals("DATE", check(withCheckChar("36040419891329001")).code(), "month 13");
        assertEquals("DATE", check(withCheckChar("36040418500101001")).code(), "before 1880");
        assertEquals("DATE", check(SampleRecords.validIdNumber("360404", TODAY.plusDays(1), 1)).code(), "tomorrow");
        assertTrue(check(SampleRecords.validIdNumber("360404", TODAY, 1)).valid(), "born today");
        assertTrue(check(withCheckChar("32010620000229003")).valid(), "29 February of a leap year");
        assertEquals("DATE", check(withCheckChar("32010619000229003")).code(), "1900 was no leap year");
    }

    @Test
    void regionPrefixMustExist() {
        CodeCheck c = check(SampleRecords.validIdNumber("990101", LocalDate.of(1990, 1, 1), 1));
        assertEquals("REGION", c.code());
        assertEquals("REGION", check(SampleRecords.validIdNumber("100000", LocalDate.of(1990, 1, 1), 1)).code(),
                "national code is no place of residence");
        assertTrue(check(SampleRecords.validIdNumber("360421", LocalDate.of(1990, 1, 1), 1)).valid(),
                "an expired county code stays valid in numbers issued under it");
    }

    @Test
    void messagesNeverContainTheNumberOrBirthDate() {
        String id = SampleRecords.validIdNumber("360404", LocalDate.of(1985, 6, 15), 123);
        String wrong = id.substring(0, 17) + (id.charAt(17) == '1' ? '2' : '1');
        for (String bad : new String[]{wrong, withCheckChar("36040419850230123"), SampleRecords.validIdNumber("360404", TODAY.plusYears(1), 5)}) {
            CodeCheck c = check(bad);
            assertFalse(c.valid());
            assertFalse(c.message().contains(bad.substring(6, 14)), c.message());
        }
    }

    @Test
    void maskKeepsRegionAndLastFour() {
        assertEquals("360404********0017", ResidentIdNumber.mask("360404199001010017"));
        assertEquals("*****", ResidentIdNumber.mask("12345"));
        assertEquals("", ResidentIdNumber.mask(null));
        assertEquals(18, ResidentIdNumber.mask("11010519491231002X").length());
    }

    @Test
    void checkCharForRefusesBadInput() {
        assertThrows(IllegalArgumentException.class, () -> ResidentIdNumber.checkCharFor("3604041990010100"));
        assertThrows(IllegalArgumentException.class, () -> ResidentIdNumber.checkCharFor("3604041990010100X"));
    }

    private static CodeCheck check(String id) {
        return ResidentIdNumber.check(id, REGIONS, TODAY);
    }

    private static String withCheckChar(String first17) {
        return first17 + ResidentIdNumber.checkCharFor(first17);
    }
}
