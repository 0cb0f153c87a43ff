package org.creditnode.policy;

import org.creditnode.record.RecordStatus;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RevisionRulesTest {
    private static final PolicyEngine ENGINE = Policies.standard(new Neighbours(null, java.util.List.of(), java.util.Map.of()));
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    private static final String AUTHORITY = "11360000MB1234567X";

    private static Revise byAccount(String thisNode, String origin, Set<String> authorities, RecordStatus from, RecordStatus to) {
        return new Revise("acc-1", authorities, Set.of("SERIOUS_DISHONESTY_LIST"), thisNode, origin + "-7", origin, AUTHORITY,
                "SERIOUS_DISHONESTY_LIST", from, to);
    }

    private static Decision decide(Revise r) {
        return ENGINE.evaluate(Scope.REVISE, r, TODAY);
    }

    @Test
    void theDecidingAuthorityExitsAnActiveEntryAtItsOrigin() {
        assertTrue(decide(byAccount("360000", "360000", Set.of(AUTHORITY), RecordStatus.ACTIVE, RecordStatus.EXITED)).permitted());
    }

    @Test
    void onlyTheOriginChangesARecord() {
        Decision d = decide(byAccount("360404", "360000", Set.of(AUTHORITY), RecordStatus.ACTIVE, RecordStatus.EXITED));
        assertFalse(d.permitted());
        assertEquals("NOT_ORIGIN", AccountRules.code(d), d.reason());
    }

    @Test
    void anotherAuthorityMayNot() {
        Decision d = decide(byAccount("360000", "360000", Set.of("91360000MA00000000"), RecordStatus.ACTIVE, RecordStatus.EXITED));
        assertEquals("AUTHORITY_NOT_ALLOWED", AccountRules.code(d), d.reason());
    }

    @Test
    void finalStatusesStayFinalAndTheNodeJobActsOnlyForItsOwnRecords() {
        for (RecordStatus done : Set.of(RecordStatus.EXITED, RecordStatus.EXPIRED, RecordStatus.REPAIRED, RecordStatus.REVOKED)) {
            Decision d = decide(byAccount("360000", "360000", Set.of(AUTHORITY), done, RecordStatus.EXITED));
            assertEquals("STATUS_CONFLICT", AccountRules.code(d), done + ": " + d.reason());
        }
        Revise job = new Revise(null, null, null, "360000", "360000-7", "360000", AUTHORITY, "RED_LIST",
                RecordStatus.DISPUTED, RecordStatus.EXPIRED);
        assertTrue(decide(job).permitted());
        Revise foreign = new Revise(null, null, null, "360404", "360000-7", "360000", AUTHORITY, "RED_LIST",
                RecordStatus.ACTIVE, RecordStatus.EXPIRED);
        assertEquals("NOT_ORIGIN", AccountRules.code(decide(foreign)));
    }
}
