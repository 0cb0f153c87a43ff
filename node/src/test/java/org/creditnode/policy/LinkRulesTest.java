package org.creditnode.policy;

import org.creditnode.record.Catalogue;
import org.creditnode.record.CategorySpec;
import org.creditnode.record.SampleRecords;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each routing rule alone, on the repository's catalogue (penalties aggregate; list entries also distribute). */
class LinkRulesTest {
    private static final Catalogue CATALOGUE = SampleRecords.catalogue();
    private static final CategorySpec PENALTY = CATALOGUE.category("ADMIN_PENALTY").orElseThrow();
    private static final CategorySpec LIST = CATALOGUE.category("SERIOUS_DISHONESTY_LIST").orElseThrow();
    private static final Neighbours CITY = new Neighbours("360000", List.of("360404"), Map.of("320500", Set.of("RED_LIST")));

    private static LinkPush push(CategorySpec c, String via, Role from, String link, Role role) {
        return new LinkPush(c, via, Optional.ofNullable(from), link, role);
    }

    @Test
    void neverBackWhereItCame() {
        var rule = new LinkRules.NeverBackWhereItCame();
        assertFalse(rule.evaluate(push(LIST, "360000", Role.PARENT, "360000", Role.PARENT)).permitted());
        assertTrue(rule.evaluate(push(LIST, "360000", Role.PARENT, "360404", Role.CHILD)).permitted());
    }

    @Test
    void knownArrival() {
        var rule = new LinkRules.KnownArrival();
        assertFalse(rule.evaluate(push(PENALTY, "999999", null, "360000", Role.PARENT)).permitted());
        assertTrue(rule.evaluate(push(PENALTY, null, null, "360000", Role.PARENT)).permitted());
    }

    @Test
    void aggregateUpwardTakesOwnAndChildrensAggregatedRecordsOnly() {
        var rule = new LinkRules.AggregateUpward();
        assertTrue(rule.evaluate(push(PENALTY, null, null, "360000", Role.PARENT)).permitted());
        assertTrue(rule.evaluate(push(PENALTY, "360404", Role.CHILD, "360000", Role.PARENT)).permitted());
        Decision fromPeer = rule.evaluate(push(PENALTY, "320500", Role.PEER, "360000", Role.PARENT));
        assertFalse(fromPeer.permitted());
        assertTrue(fromPeer.reason().startsWith("aggregate-upward"), fromPeer.reason());
        assertTrue(rule.evaluate(push(PENALTY, null, null, "360404", Role.CHILD)).permitted(), "not its business");
    }

    @Test
    void distributeDownwardTakesOwnAndParentsDistributedRecordsOnly() {
        var rule = new LinkRules.DistributeDownward();
        assertTrue(rule.evaluate(push(LIST, "360000", Role.PARENT, "360404", Role.CHILD)).permitted());
        assertFalse(rule.evaluate(push(PENALTY, null, null, "360404", Role.CHILD)).permitted(), "penalties are not distributed");
        assertFalse(rule.evaluate(push(LIST, "320500", Role.PEER, "360404", Role.CHILD)).permitted());
    }

    @Test
    void shareWithPeerOnlyWhatItsLinkNamesAndNeverPeerToPeer() {
        var rule = new LinkRules.ShareWithPeer(CITY);
        CategorySpec red = CATALOGUE.category("RED_LIST").orElseThrow();
        assertTrue(rule.evaluate(push(red, null, null, "320500", Role.PEER)).permitted());
        assertFalse(rule.evaluate(push(PENALTY, null, null, "320500", Role.PEER)).permitted());
        assertFalse(rule.evaluate(push(red, "360000", Role.PARENT, "320500", Role.PEER)).permitted());
    }

    @Test
    void readRulesNameTheReason() {
        assertFalse(new LinkRules.KnownSender().evaluate(new LinkRead("999999", Optional.empty(), "ADMIN_PENALTY", Optional.of(PENALTY))).permitted());
        assertFalse(new LinkRules.KnownCategory().evaluate(new LinkRead("360404", Optional.of(Role.CHILD), "NOPE", Optional.empty())).permitted());
        var carries = new LinkRules.SenderRoleCarries(CITY);
        assertTrue(carries.evaluate(new LinkRead("360404", Optional.of(Role.CHILD), "ADMIN_PENALTY", Optional.of(PENALTY))).permitted());
        Decision d = carries.evaluate(new LinkRead("360000", Optional.of(Role.PARENT), "ADMIN_PENALTY", Optional.of(PENALTY)));
        assertFalse(d.permitted());
        assertTrue(d.reason().contains("not distributed downward"), d.reason());
        assertFalse(carries.evaluate(new LinkRead("320500", Optional.of(Role.PEER), "ADMIN_PENALTY", Optional.of(PENALTY))).permitted());
    }
}
