package org.creditnode.workflows.objection;

import org.creditnode.record.RecordStatus;
import org.creditnode.store.DueProcess;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The objection rules (S16, N10, N11), each a small named function: which grounds there are,
 * when an objection may be raised, when it is due and when it is overdue. Pure.
 */
public final class ObjectionRules {
    private ObjectionRules() {
    }

    /** The grounds a subject may give (N11), with the Chinese a person reads. */
    public static final Map<String, String> GROUNDS = Map.of(
            "ERROR", "错误", "OMISSION", "遗漏", "DUPLICATE", "重复公示", "SHOULD_NOT_PUBLISH", "不应公示",
            "OVERDUE", "超期公示", "INCONSISTENT", "与认定机关不一致");

    /** The outcomes the origin may decide, the status each leaves the record in, and their Chinese. */
    public enum Outcome {
        UPHELD(RecordStatus.ACTIVE, "维持原记录"), CORRECTED(RecordStatus.ACTIVE, "更正"), REVOKED(RecordStatus.REVOKED, "撤销");

        public final RecordStatus status;
        public final String label;

        Outcome(RecordStatus status, String label) {
            this.status = status;
            this.label = label;
        }
    }

    /**
     * One objection at a time per record, and none after one was decided (the decision is the
     * answer; the subject's further remedy is a complaint or the courts, JX15 §77). Empty when it
     * may be raised; else the code and reason.
     */
    public static Optional<String[]> mayRaise(String recordId, RecordStatus status, List<DueProcess.Case> earlier) {
        for (DueProcess.Case c : earlier) {
            if (!c.decided()) return Optional.of(new String[]{"ALREADY_DISPUTED", recordId + " is disputed already: objection " + c.id()
                    + ", due " + c.dueOrEligible()});
            return Optional.of(new String[]{"ALREADY_DECIDED", "objection " + c.id() + " on " + recordId + " was decided on "
                    + c.decidedOn() + " (" + c.outcome() + ")"});
        }
        if (status == RecordStatus.DISPUTED) return Optional.of(new String[]{"ALREADY_DISPUTED", recordId + " is disputed already"});
        if (status != RecordStatus.ACTIVE && status != RecordStatus.SHIELDED) {
            return Optional.of(new String[]{"STATUS_CONFLICT", recordId + " is " + status + " (" + status.label() + "): nothing to object to"});
        }
        return Optional.empty();
    }

    /** Calendar days, not working days (征信业管理条例 art. 25): due on receipt + the configured days. */
    public static LocalDate dueDate(LocalDate received, int dueDays) {
        return received.plusDays(dueDays);
    }

    /** Undecided after its due date. */
    public static boolean overdue(DueProcess.Case c, LocalDate today) {
        return !c.decided() && today.isAfter(c.dueOrEligible());
    }
}
