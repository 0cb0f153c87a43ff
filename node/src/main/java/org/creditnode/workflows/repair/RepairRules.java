package org.creditnode.workflows.repair;

import org.creditnode.record.RecordStatus;
import org.creditnode.store.DueProcess;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The repair rules (S17–S19, N1, N2): which records may be repaired, when, and once. Pure. */
public final class RepairRules {
    private RepairRules() {
    }

    /** Penalties (by their dated rule set) and serious-dishonesty entries (移出名单 by repair). */
    public static final List<String> REPAIRABLE = List.of("ADMIN_PENALTY", "SERIOUS_DISHONESTY_LIST");

    /** Empty when a repair may be asked for now; else the code and reason. */
    public static Optional<String[]> mayRequest(String recordId, RecordStatus status, List<DueProcess.Case> earlier, LocalDate eligibleFrom,
                                                String why, LocalDate today) {
        for (DueProcess.Case c : earlier) {
            if (!c.decided()) return Optional.of(new String[]{"ALREADY_REQUESTED", "repair " + c.id() + " of " + recordId + " awaits its decision"});
        }
        if (status == RecordStatus.REPAIRED) return Optional.of(new String[]{"ALREADY_REPAIRED", recordId + " is repaired already"});
        if (status == RecordStatus.DISPUTED) {
            return Optional.of(new String[]{"STATUS_CONFLICT", recordId + " is disputed: its objection is decided first"});
        }
        if (status != RecordStatus.ACTIVE) {
            return Optional.of(new String[]{"STATUS_CONFLICT", recordId + " is " + status + " (" + status.label() + "): nothing to repair"});
        }
        if (today.isBefore(eligibleFrom)) {
            return Optional.of(new String[]{"NOT_YET_ELIGIBLE", "a repair of " + recordId + " may be asked for from " + eligibleFrom + " (" + why + ")"});
        }
        return Optional.empty();
    }
}
