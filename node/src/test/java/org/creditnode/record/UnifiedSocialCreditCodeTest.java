package org.creditnode.record;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnifiedSocialCreditCodeTest {

    private static final RegionCodes REGIONS = SampleRecords.regions();

    @Test
    void theBaseOfTheSpecVariantsIsValid() {
        assertTrue(UnifiedSocialCreditCode.check("914403001922038216", REGIONS).valid());
        assertEquals("6", UnifiedSocialCreditCode.checkCharFor("91440300192203821"));
    }

    /** DATA-SPEC §1.5, every row, with the check characters the spec computed. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "914403001922038217 | CHECKSUM | should be 6, got 7",
            "914403001922048216 | CHECKSUM | should be D, got 6",
            "914403001922038316 | CHECKSUM | should be 7, got 6",
            "9144030019220382I6 | FORMAT   | 'I' at position 17",
            "914403001922038O16 | FORMAT   | 'O' at position 16",
            "91440300192203821  | FORMAT   | must be 18 characters, got 17",
            "91350211M00013FA1N | CHECKSUM | (position 18)",
    })
    void specInvalidVariants(String code, String expectedCode, String messagePart) {
        CodeCheck c = UnifiedSocialCreditCode.check(code, REGIONS);
        assertEquals(expectedCode, c.code(), c.message());
        assertTrue(c.message().contains(messagePart), c.message());
    }

    @Test
    void theSpecComputedPosition17ForTheChangedVariants() {
        // 914403001922048216: pos 17 expected 4; 914403001922038316: pos 17 expected X.
        assertEquals("4", UnifiedSocialCreditCode.orgCodeCheckCharFor("19220482"));
        assertEquals("X", UnifiedSocialCreditCode.orgCodeCheckCharFor("19220383"));
    }

    @Test
    void generatedCodesAreValid() {
        for (int n = 0; n < 2000; n += 7) {
            String code = SampleRecords.validUscc("360404", n);
            assertTrue(UnifiedSocialCreditCode.check(code, REGIONS).valid(), code);
        }
        assertTrue(UnifiedSocialCreditCode.check(SampleRecords.validUscc("100000", 5), REGIONS).valid(), "national 100000");
    }

    @Test
    void letterBodiesAreValidToo() {
        String body = "MA35QX4B";
        String first17 = "91360404" + body + UnifiedSocialCreditCode.orgCodeCheckCharFor(body);
        String code = first17 + UnifiedSocialCreditCode.checkCharFor(first17);
        assertTrue(UnifiedSocialCreditCode.check(code, REGIONS).valid(), code);
    }

    @Test
    void orgCodeMismatchWithCorrectPosition18() {
        String valid = SampleRecords.validUscc("360404", 42);
        char wrong17 = valid.charAt(16) == '0' ? '1' : '0';
        String first17 = valid.substring(0, 16) + wrong17;
        String code = first17 + UnifiedSocialCreditCode.checkCharFor(first17);
        CodeCheck c = UnifiedSocialCreditCode.check(code, REGIONS);
        assertEquals("ORG_CODE_CHECKSUM", c.code());
        assertEquals("organisation code check character (position 17, GB 11714) should be " + valid.charAt(16)
                + ", got " + wrong17, c.message());
    }

    @Test
    void legacyAllowListBypassesBothCheckCharacters() {
        Set<String> allow = Set.of("91350211M00013FA1N");
        assertTrue(UnifiedSocialCreditCode.check("91350211M00013FA1N", REGIONS, allow).valid());
        assertEquals("CHECKSUM", UnifiedSocialCreditCode.check("914403001922038217", REGIONS, allow).code());
    }

    @Test
    void regionPartMustBeValid() {
        CodeCheck c = UnifiedSocialCreditCode.check(SampleRecords.validUscc("990101", 1), REGIONS);
        assertEquals("REGION", c.code());
        assertTrue(c.message().contains("unknown province prefix 99"), c.message());
        assertEquals("REGION", UnifiedSocialCreditCode.check(SampleRecords.validUscc("100100", 1), REGIONS).code());
        // without a region table only the structure is checked
        assertTrue(UnifiedSocialCreditCode.check(SampleRecords.validUscc("990101", 1)).valid());
    }

    @Test
    void formatProblems() {
        String valid = SampleRecords.validUscc("360404", 3);
        assertEquals("FORMAT", UnifiedSocialCreditCode.check(valid.toLowerCase()).code());
        assertEquals("FORMAT", UnifiedSocialCreditCode.check(" " + valid.substring(1)).code());
        assertEquals("FORMAT", UnifiedSocialCreditCode.check("91A60404" + valid.substring(8)).code(), "letter in region part");
        assertEquals("FORMAT", UnifiedSocialCreditCode.check(null).code());
        assertEquals("FORMAT", UnifiedSocialCreditCode.check("91360404中0000001X").code());
    }

    @Test
    void checkCharForRefusesBadInput() {
        assertThrows(IllegalArgumentException.class, () -> UnifiedSocialCreditCode.checkCharFor("9144030019220382"));
        assertThrows(IllegalArgumentException.class, () -> UnifiedSocialCreditCode.checkCharFor("9144030019220382I"));
    }
}
