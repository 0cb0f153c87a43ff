package org.creditnode.record;

import org.creditnode.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegionCodesTest {

    private static final RegionCodes REGIONS = SampleRecords.regions();
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    @Test
    void allProvincePrefixesAndNationalAreLoaded() {
        assertEquals(35, REGIONS.provincePrefixes().size());
        for (String p : new String[]{"10", "11", "15", "21", "23", "31", "37", "41", "46", "50", "54", "61", "65", "71", "81", "82"}) {
            assertTrue(REGIONS.provincePrefixes().containsKey(p), p);
        }
        assertEquals("100000", REGIONS.nationalCode());
        assertEquals("九江市柴桑区", REGIONS.nameOf("360404").orElseThrow());
        assertEquals("江西省", REGIONS.nameOf("360999").orElseThrow(), "unlisted code: its province");
    }

    @Test
    void listedAndUnlistedCodesOfKnownProvincesPass() {
        assertTrue(REGIONS.isValid("360404", TODAY));
        assertTrue(REGIONS.isValid("110105", TODAY), "not listed, province 11 exists");
        assertTrue(REGIONS.isValid("100000", TODAY));
        assertTrue(REGIONS.isValid("810000", TODAY));
    }

    @Test
    void badCodesFail() {
        assertEquals("REGION", REGIONS.check("990000", TODAY).code(), "unknown province");
        assertEquals("REGION", REGIONS.check("100100", TODAY).code(), "10 only as 100000");
        assertEquals("FORMAT", REGIONS.check("36040", TODAY).code());
        assertEquals("FORMAT", REGIONS.check("36040A", TODAY).code());
        assertEquals("FORMAT", REGIONS.check(null, TODAY).code());
    }

    @Test
    void validityDatesApplyToRegionValuesButNotToIdentifiers() {
        assertTrue(REGIONS.isValid("360421", LocalDate.of(2016, 5, 1)));
        CodeCheck expired = REGIONS.check("360421", TODAY);
        assertEquals("REGION", expired.code());
        assertTrue(expired.message().contains("valid to 2017-12-31"), expired.message());
        assertFalse(REGIONS.isValid("360404", LocalDate.of(2016, 12, 31)), "柴桑区 did not exist yet");
        assertTrue(REGIONS.checkIssuer("360421", false).valid());
        assertEquals("REGION", REGIONS.checkIssuer("100000", false).code());
        assertTrue(REGIONS.checkIssuer("100000", true).valid());
    }

    @Test
    void brokenFilesFailWithTheirName(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("regions.yaml");
        Files.writeString(f, "nationalCode: \"100000\"\nprefixes: {\"36\": 江西省}\nregions:\n  - {code: \"440300\", name: 深圳市}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> RegionCodes.load(f));
        assertTrue(e.getMessage().contains("regions.yaml") && e.getMessage().contains("440300"), e.getMessage());
    }
}
