package org.creditnode.workflows.quality;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.account.Account;
import org.creditnode.account.AccountRole;
import org.creditnode.record.SampleRecords;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Whose 错误 a refused record is: never an authority the submitting account does not report for. */
class RejectionAttributionTest {
    private static final String OURS = SampleRecords.authorityUscc("360404", 1);
    private static final String ALSO_OURS = SampleRecords.authorityUscc("360404", 2);
    private final RejectionAttribution rule = new RejectionAttribution(SampleRecords.catalogue());

    @Test
    void theRecordsAuthorityWhenTheAccountReportsForIt() {
        ObjectNode r = SampleRecords.penalty();
        ((ObjectNode) r.get("authority")).put("code", ALSO_OURS.toLowerCase());
        assertEquals(new RejectionAttribution.Target(ALSO_OURS, "ADMIN_PENALTY"), rule.of(account(OURS, ALSO_OURS), r));
    }

    @Test
    void otherwiseTheAccountsOwnAuthorityAndAnUnknownCategoryAsSuch() {
        ObjectNode r = SampleRecords.penalty();
        ((ObjectNode) r.get("authority")).put("code", SampleRecords.authorityUscc("360404", 9));
        r.put("category", "ADMIN_PENALTIES");
        Account two = account(ALSO_OURS, OURS);
        String first = OURS.compareTo(ALSO_OURS) < 0 ? OURS : ALSO_OURS;
        assertEquals(new RejectionAttribution.Target(first, RejectionAttribution.UNKNOWN), rule.of(two, r));
        r.remove("authority");
        assertEquals(first, rule.of(two, r).authority(), "no authority at all");
    }

    private static Account account(String... authorities) {
        return new Account("a1", "测试", Set.of(authorities), Set.of("ADMIN_PENALTY"), Set.of(), Set.of(AccountRole.SUBMITTER), 10,
                null, Instant.now(), null, null, null);
    }
}
