package org.creditnode.policy;

import org.creditnode.record.RecordStatus;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Who may change a record, and how it may change (invariant 3: only the origin changes a
 * record). Each denial starts with the code the API answers.
 */
public final class RevisionRules {
    private RevisionRules() {
    }

    /** A record changes only at the node that issued it; every other node is sent there. */
    public static final class OriginDecides implements PolicyFunction<Revise> {
        public String name() { return "origin-decides"; }

        public Decision evaluate(Revise r) {
            return r.origin().equals(r.thisNode()) ? Decision.permit(name())
                    : Decision.deny("NOT_ORIGIN: " + r.recordId() + " was issued by node " + r.origin()
                    + "; only that node changes it (ask its authority there)");
        }
    }

    /** The authority that decided the record decides its changes (or the node's job, for it). */
    public static final class DecidingAuthority implements PolicyFunction<Revise> {
        public String name() { return "deciding-authority"; }

        public Decision evaluate(Revise r) {
            if (r.byNode() || r.authorities().contains(r.authority())) return Decision.permit(name());
            return Decision.deny("AUTHORITY_NOT_ALLOWED: account " + r.account() + " acts for " + r.authorities()
                    + ", not for authority " + r.authority() + " that decided " + r.recordId());
        }
    }

    /** An account changes only records of the categories it reports. */
    public static final class CategoryOfAccount implements PolicyFunction<Revise> {
        public String name() { return "category-of-account"; }

        public Decision evaluate(Revise r) {
            if (r.byNode() || r.categories().contains(r.category())) return Decision.permit(name());
            return Decision.deny("CATEGORY_NOT_ALLOWED: account " + r.account() + " does not report " + r.category());
        }
    }

    /**
     * The statuses a record may move between. EXITED, EXPIRED, REPAIRED and REVOKED end a
     * record's effect for good: a subject put back on a list is a new entry, not a revived one.
     */
    public static final class TransitionAllowed implements PolicyFunction<Revise> {
        private static final Set<RecordStatus> FINAL = EnumSet.of(RecordStatus.EXITED, RecordStatus.EXPIRED,
                RecordStatus.REPAIRED, RecordStatus.REVOKED);
        private static final Map<RecordStatus, Set<RecordStatus>> ALLOWED = Map.of(
                RecordStatus.ACTIVE, EnumSet.of(RecordStatus.DISPUTED, RecordStatus.SHIELDED, RecordStatus.EXITED,
                        RecordStatus.EXPIRED, RecordStatus.REPAIRED, RecordStatus.REVOKED),
                RecordStatus.DISPUTED, EnumSet.of(RecordStatus.ACTIVE, RecordStatus.EXITED, RecordStatus.EXPIRED,
                        RecordStatus.REPAIRED, RecordStatus.REVOKED),
                RecordStatus.SHIELDED, EnumSet.of(RecordStatus.ACTIVE, RecordStatus.EXITED, RecordStatus.EXPIRED,
                        RecordStatus.REVOKED));

        public String name() { return "transition-allowed"; }

        public Decision evaluate(Revise r) {
            if (ALLOWED.getOrDefault(r.from(), Set.of()).contains(r.to())) return Decision.permit(name());
            String why = FINAL.contains(r.from()) ? r.recordId() + " is " + r.from() + " (" + r.from().label() + "), which is final"
                    : r.recordId() + " is " + r.from() + " and cannot become " + r.to();
            return Decision.deny("STATUS_CONFLICT: " + why);
        }
    }
}
