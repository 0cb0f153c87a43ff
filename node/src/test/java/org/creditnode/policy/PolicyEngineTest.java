package org.creditnode.policy;

import org.creditnode.record.RecordStatus;
import org.creditnode.record.SampleRecords;
import org.creditnode.route.LinkRouter;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyEngineTest {
    @Test
    void everyFunctionOfTheScopeMustPermitAndTheDenialSaysWhy() {
        PolicyEngine engine = new PolicyEngine()
                .register(Scope.CALLER, Caller.class, new AccessRules.CallerHoldsRole());
        Decision ok = engine.evaluate(Scope.CALLER, new Caller("360404", "batches", Set.of(Role.CHILD), Set.of(Role.CHILD, Role.PEER)), LocalDate.now());
        assertTrue(ok.permitted());
        Decision no = engine.evaluate(Scope.CALLER, new Caller("999999", "batches", Set.of(), Set.of(Role.CHILD)), LocalDate.now());
        assertFalse(no.permitted());
        assertTrue(no.reason().contains("node 999999 may not call batches"), no.reason());
    }

    @Test
    void aScopeWithoutApplicableRulesDeniesAndDatedRulesApplyOnlyInTheirPeriod() {
        PolicyFunction<PublicView> from2026 = new PolicyFunction<>() {
            public String name() { return "dated"; }

            public Decision evaluate(PublicView v) { return Decision.permit(name()); }

            public LocalDate appliesFrom() { return LocalDate.of(2026, 4, 1); }
        };
        PolicyEngine engine = new PolicyEngine().register(Scope.PUBLIC_VIEW, PublicView.class, from2026);
        PublicView v = new PublicView("360404-1", RecordStatus.ACTIVE, null, LocalDate.of(2026, 5, 1));
        assertFalse(engine.evaluate(Scope.PUBLIC_VIEW, v, LocalDate.of(2026, 3, 31)).permitted(), "before its date nothing applies: deny");
        assertTrue(engine.evaluate(Scope.PUBLIC_VIEW, v, LocalDate.of(2026, 4, 1)).permitted());
        assertFalse(engine.evaluate(Scope.LINK_PUSH, v, LocalDate.now()).permitted(), "no rule registered: deny");
        assertThrows(IllegalArgumentException.class, () -> engine.evaluate(Scope.PUBLIC_VIEW, "not a view", LocalDate.now()));
    }

    @Test
    void publicityEndsAfterItsLastDay() {
        var rule = new AccessRules.WithinPublicityPeriod();
        LocalDate end = LocalDate.of(2029, 11, 10);
        assertTrue(rule.evaluate(new PublicView("x", RecordStatus.ACTIVE, end, end)).permitted(), "the last day is still public");
        assertFalse(rule.evaluate(new PublicView("x", RecordStatus.ACTIVE, end, end.plusDays(1))).permitted());
        assertTrue(rule.evaluate(new PublicView("x", RecordStatus.ACTIVE, null, end.plusYears(9))).permitted(), "no period: no end");
    }

    @Test
    void theRouterAsksTheEngineForEveryLink() {
        LinkRouter router = new LinkRouter(new Neighbours("360000", List.of("360404"), Map.of("320500", Set.of("RED_LIST"))),
                SampleRecords.catalogue());
        assertEquals(List.of("360000"), router.destinations("ADMIN_PENALTY", null));
        assertEquals(List.of("360000", "360404", "320500"), router.destinations("RED_LIST", null));
        assertEquals(List.of("360404"), router.destinations("RED_LIST", "360000"), "from the parent: down only, never to peers");
        assertEquals(List.of("360000"), router.destinations("SERIOUS_DISHONESTY_LIST", "360404"), "from a child: up only");
        assertEquals(List.of(), router.destinations("ADMIN_PENALTY", "999999"));
        assertTrue(router.refusesFrom("360000", "ADMIN_PENALTY").orElseThrow().contains("not distributed"));
        assertTrue(router.refusesFrom("360404", "ADMIN_PENALTY").isEmpty());
        assertEquals(EnumSet.of(Role.CHILD), EnumSet.of(router.roleOf("360404").orElseThrow()));
    }

    @Test
    void everyCategoryOfTheRepositoryCatalogueGoesUpSoCatchUpSeesHolesInAChildsLog() {
        // Catch-up pulls a child's origin from the watermark only when the link carries whole origin
        // logs; a category that stays below (MEASURE_LIST did) would leave a record lost in flight
        // below the highest one unrepaired for ever (TwoInstancesTest found it).
        LinkRouter router = new LinkRouter(new Neighbours("360000", List.of("360404"), Map.of("320500", Set.of("RED_LIST"))),
                SampleRecords.catalogue());
        assertEquals(List.of(), router.notAggregated());
        assertTrue(router.isComplete("360404"));
        assertFalse(router.isComplete("360000"), "a parent's link carries only what goes down");
        assertFalse(router.isComplete("320500"), "a peer's carries only what it shares");
    }
}
