package org.creditnode.policy;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each mutual-query rule alone, then the engine's verdict with all of them (Policies.standard). */
class AllianceRulesTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    private static final AllianceQuery.Rules YRD = new AllianceQuery.Rules("yrd/2026.1", Set.of("310000", "320000", "360000"),
            Set.of("PROCUREMENT"), Set.of("ADMIN_PENALTY", "RED_LIST"), LocalDate.of(2026, 1, 1), null);

    private static AllianceQuery query(String partner, String anchor, boolean revoked, String purpose, Set<String> cats) {
        return new AllianceQuery(partner, anchor, revoked, purpose, cats, YRD, TODAY);
    }

    private static AllianceQuery ok() {
        return query("320000", AllianceQuery.NATIONAL_ROOT, false, "PROCUREMENT", Set.of("ADMIN_PENALTY"));
    }

    @Test
    void partnerIsMember() {
        var rule = new AllianceRules.PartnerIsMember();
        assertTrue(rule.evaluate(ok()).permitted());
        assertFalse(rule.evaluate(query("430000", AllianceQuery.NATIONAL_ROOT, false, "PROCUREMENT", Set.of("RED_LIST"))).permitted());
        assertFalse(rule.evaluate(new AllianceQuery("430000", null, false, "PROCUREMENT", Set.of(), null, TODAY)).permitted());
    }

    @Test
    void aForeignRootVouchesOnlyForItsOwnMember() {
        var rule = new AllianceRules.CertificateOfMember();
        assertTrue(rule.evaluate(query("810000", "810000", false, "PROCUREMENT", Set.of())).permitted());
        // Hong Kong's root cannot make a "320000"
        Decision d = rule.evaluate(query("320000", "810000", false, "PROCUREMENT", Set.of()));
        assertFalse(d.permitted());
        assertTrue(d.reason().contains("trust anchor of 810000"), d.reason());
        assertFalse(rule.evaluate(query("320000", null, false, "PROCUREMENT", Set.of())).permitted());
    }

    @Test
    void revokedCertificateRefused() {
        assertFalse(new AllianceRules.CertificateNotRevoked().evaluate(query("320000", AllianceQuery.NATIONAL_ROOT, true, "PROCUREMENT",
                Set.of())).permitted());
        assertTrue(new AllianceRules.CertificateNotRevoked().evaluate(ok()).permitted());
    }

    @Test
    void allianceInForceFromItsDateUntilItsEnd() {
        var rule = new AllianceRules.AllianceInForce();
        assertTrue(rule.evaluate(ok()).permitted());
        var later = new AllianceQuery.Rules("yrd/2027.1", YRD.members(), YRD.purposes(), YRD.shared(), LocalDate.of(2027, 1, 1), null);
        assertFalse(rule.evaluate(new AllianceQuery("320000", AllianceQuery.NATIONAL_ROOT, false, "PROCUREMENT", Set.of(), later, TODAY)).permitted());
        var ended = new AllianceQuery.Rules("yrd/2025.1", YRD.members(), YRD.purposes(), YRD.shared(), LocalDate.of(2025, 1, 1), TODAY);
        assertFalse(rule.evaluate(new AllianceQuery("320000", AllianceQuery.NATIONAL_ROOT, false, "PROCUREMENT", Set.of(), ended, TODAY)).permitted());
    }

    @Test
    void purposeMustBeDeclared() {
        var rule = new AllianceRules.PurposeDeclared();
        assertTrue(rule.evaluate(ok()).permitted());
        Decision d = rule.evaluate(query("320000", AllianceQuery.NATIONAL_ROOT, false, "HONOURS", Set.of()));
        assertFalse(d.permitted());
        assertTrue(d.reason().startsWith("purpose-declared: purpose HONOURS is not declared by yrd/2026.1"), d.reason());
    }

    @Test
    void everyCategoryAskedMustBeShared() {
        var rule = new AllianceRules.CategoriesShared();
        assertTrue(rule.evaluate(ok()).permitted());
        Decision d = rule.evaluate(query("320000", AllianceQuery.NATIONAL_ROOT, false, "PROCUREMENT", Set.of("RED_LIST", "COMMITMENT")));
        assertFalse(d.permitted());
        assertTrue(d.reason().contains("does not share [COMMITMENT]"), d.reason());
    }

    @Test
    void personalDataWithheldFieldByFieldAndAPersonsRecordWhole() {
        var rule = new AllianceRules.WithholdPersonalData();
        Decision org = rule.evaluate(new AllianceRecord("360000-7", "ADMIN_PENALTY", Set.of("CF_WSH", "CF_FR_ZJHM"), Set.of("CF_FR_ZJHM"),
                false, true, Map.of()));
        assertEquals(List.of("withhold-personal-data\trecord 360000-7 fields.CF_FR_ZJHM"), org.withheld());
        Decision person = rule.evaluate(new AllianceRecord("360000-8", "ADMIN_PENALTY", Set.of("CF_WSH"), Set.of(), true, true, Map.of()));
        assertEquals(List.of("withhold-personal-data\trecord 360000-8"), person.withheld());
        Decision shared = rule.evaluate(new AllianceRecord("360000-8", "ADMIN_PENALTY", Set.of("CF_WSH"), Set.of(), true, false, Map.of()));
        assertEquals(List.of(), shared.withheld());
    }

    @Test
    void namedFieldsWithheldWhenPresent() {
        var rule = new AllianceRules.WithholdNamedFields();
        Decision d = rule.evaluate(new AllianceRecord("360000-7", "ADMIN_PENALTY", Set.of("CF_FRDB", "CF_WSH"), Set.of(), false, true,
                Map.of("ADMIN_PENALTY", Set.of("CF_FRDB", "CF_NR"))));
        assertEquals(List.of("withhold-named-fields\trecord 360000-7 fields.CF_FRDB"), d.withheld());
    }

    @Test
    void theEngineNamesTheFirstRuleThatRefused() {
        PolicyEngine engine = Policies.standard(new Neighbours(null, List.of(), Map.of()));
        assertTrue(engine.evaluate(Scope.ALLIANCE_QUERY, ok(), TODAY).permitted());
        Decision unknown = engine.evaluate(Scope.ALLIANCE_QUERY, new AllianceQuery("430000", AllianceQuery.NATIONAL_ROOT, false, "PROCUREMENT",
                Set.of("RED_LIST"), null, TODAY), TODAY);
        assertFalse(unknown.permitted());
        assertTrue(unknown.reason().startsWith("partner-is-member"), unknown.reason());
        Decision both = engine.evaluate(Scope.ALLIANCE_RECORD, new AllianceRecord("360000-7", "ADMIN_PENALTY", Set.of("CF_FRDB", "CF_FR_ZJHM"),
                Set.of("CF_FR_ZJHM"), false, true, Map.of("ADMIN_PENALTY", Set.of("CF_FRDB"))), TODAY);
        assertEquals(2, both.withheld().size());
    }

    private static AllianceRecognise recognise(String partner, AllianceRecognise.Recognise r, boolean off, LocalDate day) {
        return new AllianceRecognise(partner, "RED_LIST", "yrd/2026.1", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), r, off, day);
    }

    @Test
    void recognitionHoldsOnlyWhileTheAllianceIsInForce() {
        var rule = new AllianceRules.RecognitionInForce();
        AllianceRecognise.Recognise all = new AllianceRecognise.Recognise(true, Set.of());
        assertTrue(rule.evaluate(recognise("320000", all, false, TODAY)).permitted());
        assertFalse(rule.evaluate(recognise("320000", all, false, LocalDate.of(2025, 12, 31))).permitted());
        Decision ended = rule.evaluate(recognise("320000", all, false, LocalDate.of(2027, 1, 1)));
        assertFalse(ended.permitted(), "until is exclusive");
        assertTrue(ended.reason().contains("ended on 2027-01-01"), ended.reason());
    }

    @Test
    void aCategoryIsRecognisedOnlyAsTheFileSaysAndFromWhomItSays() {
        var rule = new AllianceRules.CategoryRecognised();
        assertTrue(rule.evaluate(recognise("320000", new AllianceRecognise.Recognise(true, Set.of()), false, TODAY)).permitted());
        assertTrue(rule.evaluate(recognise("320000", new AllianceRecognise.Recognise(true, Set.of("320000")), false, TODAY)).permitted());
        Decision notFrom = rule.evaluate(recognise("310000", new AllianceRecognise.Recognise(true, Set.of("320000")), false, TODAY));
        assertFalse(notFrom.permitted());
        assertTrue(notFrom.reason().contains("not from 310000"), notFrom.reason());
        assertFalse(rule.evaluate(recognise("320000", new AllianceRecognise.Recognise(false, Set.of()), false, TODAY)).permitted(), "enabled: false");
        assertFalse(rule.evaluate(recognise("320000", null, false, TODAY)).permitted(), "the file says nothing of the category");
    }

    @Test
    void anOperatorsSwitchTurnsRecognitionOff() {
        var rule = new AllianceRules.NotSwitchedOff();
        AllianceRecognise.Recognise all = new AllianceRecognise.Recognise(true, Set.of());
        assertTrue(rule.evaluate(recognise("320000", all, false, TODAY)).permitted());
        Decision off = rule.evaluate(recognise("320000", all, true, TODAY));
        assertFalse(off.permitted());
        assertTrue(off.reason().contains("switched off by an operator"), off.reason());
    }
}
