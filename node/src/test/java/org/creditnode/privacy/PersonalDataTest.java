package org.creditnode.privacy;

import org.creditnode.node.TestNodes;
import org.creditnode.record.Catalogue;
import org.creditnode.record.SampleRecords;
import org.creditnode.sign.CanonicalJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which records carry a natural person's data, on their canonical text, by the repository's catalogue. */
class PersonalDataTest {
    private final PersonalData personal = PersonalData.from(Catalogue.load(TestNodes.CONFIG_DIR.resolve("catalog.yaml")));

    @Test
    void aPersonAsSubjectOrARepresentativesIdNumberIsPersonalAnEnterpriseAloneIsNot() {
        assertTrue(personal.in(canonical(SampleRecords.penaltyAgainstPerson())));
        assertTrue(personal.isAboutAPerson(canonical(SampleRecords.penaltyAgainstPerson())));
        assertFalse(personal.in(canonical(SampleRecords.penalty())), "an enterprise's penalty names no person");
        ObjectNode withRep = SampleRecords.penalty();
        ((ObjectNode) withRep.get("fields")).put("CF_FR_ZJLX", "身份证").put("CF_FR_ZJHM", SampleRecords.validIdNumber(5));
        assertTrue(personal.in(canonical(withRep)), "the legal representative's ID number is personal");
        assertFalse(personal.isAboutAPerson(canonical(withRep)), "but the subject is the enterprise");
        ObjectNode emptyRep = SampleRecords.penalty();
        ((ObjectNode) emptyRep.get("fields")).put("CF_FR_ZJHM", "");
        assertFalse(personal.in(canonical(emptyRep)), "an empty value names no one");
        assertTrue(PersonalData.everything().in(canonical(SampleRecords.penalty())));
    }

    private static String canonical(ObjectNode record) {
        return new String(CanonicalJson.encode(record), java.nio.charset.StandardCharsets.UTF_8);
    }
}
