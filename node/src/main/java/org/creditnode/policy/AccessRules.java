package org.creditnode.policy;

import org.creditnode.record.RecordStatus;

import java.util.EnumSet;
import java.util.Set;

/** Who may call what ({@link Scope#CALLER}) and what the public may see ({@link Scope#PUBLIC_VIEW}). */
public final class AccessRules {
    private AccessRules() {
    }

    /** A federation operation is open to the roles it names; an unknown caller holds none. */
    public static final class CallerHoldsRole implements PolicyFunction<Caller> {
        public String name() { return "caller-holds-role"; }

        public Decision evaluate(Caller c) {
            Set<Role> both = c.held().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(c.held());
            both.retainAll(c.required());
            if (!both.isEmpty()) return Decision.permit(name() + ": " + both);
            String who = c.caller() == null ? "an unidentified caller" : "node " + c.caller();
            return Decision.deny(who + " may not call " + c.operation() + " (requires " + c.required() + ", holds " + c.held() + ")");
        }
    }

    /**
     * A record whose publicity period has ended leaves public view (shown as EXPIRED where it is
     * still served). The period is counted as Chinese law counts periods (民法典 art. 201, 203):
     * the record is public up to and including its publicity end.
     */
    public static final class WithinPublicityPeriod implements PolicyFunction<PublicView> {
        public String name() { return "within-publicity-period"; }

        public Decision evaluate(PublicView v) {
            if (v.status() == RecordStatus.ACTIVE && v.publicityUntil() != null && v.publicityUntil().isBefore(v.today())) {
                return Decision.deny(name() + ": publicity of " + v.recordId() + " ended on " + v.publicityUntil());
            }
            return Decision.permit(name());
        }
    }

    /**
     * The public sees a record only while its origin holds it ACTIVE: a disputed record is shielded
     * while its objection is open, a repaired or revoked one has left publicity.
     */
    public static final class NotShielded implements PolicyFunction<PublicView> {
        public String name() { return "not-shielded"; }

        public Decision evaluate(PublicView v) {
            if (v.status() == RecordStatus.ACTIVE) return Decision.permit(name());
            return Decision.deny(name() + ": " + v.recordId() + " is " + v.status() + ", not shown to the public");
        }
    }
}
