package org.creditnode.workflows.jointaction;

import org.creditnode.record.RecordStatus;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The joint-action rules (JXJ16 (14), (22)), each a small named function: when an action may
 * start, where it stands, and what is overdue. Pure: no store, no clock.
 */
public final class JointActionRules {
    private JointActionRules() {
    }

    /** Where an action stands, from its list entry's current status. */
    public enum State {
        OPEN("执行中"), SUSPENDED("异议处理中，措施暂停"), ENDED("已终止");

        public final String label;

        State(String label) {
            this.label = label;
        }
    }

    /**
     * S12: an action starts only on a published entry — ACTIVE (not disputed, shielded or ended)
     * and within its validity. Empty when it may start; else the code and reason of the refusal.
     */
    public static Optional<String[]> mayStartOn(String entryId, RecordStatus status, LocalDate validFrom, LocalDate validTo, LocalDate today) {
        if (status == RecordStatus.DISPUTED) {
            return Optional.of(new String[]{"ENTRY_DISPUTED", entryId + " is disputed (异议处理中): its measures are suspended until the origin decides"});
        }
        if (status != RecordStatus.ACTIVE) {
            return Optional.of(new String[]{"ENTRY_NOT_ACTIVE", entryId + " is " + status + " (" + status.label() + ")"});
        }
        if (validTo != null && validTo.isBefore(today)) {
            return Optional.of(new String[]{"ENTRY_EXPIRED", entryId + " was valid until " + validTo});
        }
        if (validFrom != null && validFrom.isAfter(today)) {
            return Optional.of(new String[]{"ENTRY_NOT_YET_VALID", entryId + " is valid from " + validFrom});
        }
        return Optional.empty();
    }

    /** An action follows its entry: a dispute suspends its measures, an exit, repair or revocation ends them. */
    public static State state(RecordStatus entryStatus) {
        return switch (entryStatus) {
            case ACTIVE -> State.OPEN;
            case DISPUTED, SHIELDED -> State.SUSPENDED;
            default -> State.ENDED;
        };
    }

    /** An assignment nobody answered by the end of its response date. */
    public static boolean responseOverdue(boolean answered, LocalDate respondBy, LocalDate today) {
        return !answered && today.isAfter(respondBy);
    }

    /** A measure an implementer accepted but reported nothing on within the feedback period. */
    public static boolean feedbackOverdue(boolean reported, LocalDate respondedOn, int feedbackDays, LocalDate today) {
        return !reported && today.isAfter(respondedOn.plusDays(feedbackDays));
    }
}
