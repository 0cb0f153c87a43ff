package org.creditnode.workflows.quality;

import org.creditnode.record.WorkingCalendar;

import java.time.LocalDate;

/**
 * 迟报 (S23, N12: "自作出行政决定之日起七个工作日内上网公示"): a record is late when it reached this
 * node more than {@code lateAfterWorkingDays} working days after its decision date. Working days
 * follow the State Council's holiday and make-up-day calendar (config/holidays.yaml), not Mon-Fri.
 * The decision day itself is not counted; the day of receipt is.
 */
public final class LateReportRule {
    private final WorkingCalendar calendar;
    private final int lateAfterWorkingDays;

    public LateReportRule(WorkingCalendar calendar, int lateAfterWorkingDays) {
        if (lateAfterWorkingDays < 0) throw new IllegalArgumentException("lateAfterWorkingDays must be 0 or more");
        this.calendar = calendar;
        this.lateAfterWorkingDays = lateAfterWorkingDays;
    }

    public int lateAfterWorkingDays() { return lateAfterWorkingDays; }

    /** Working days after the decision date up to and including the day of receipt; 0 if received before the decision date. */
    public int workingDays(LocalDate decided, LocalDate received) {
        return (int) Math.max(0, calendar.workingDaysBetween(decided, received));
    }

    public boolean late(int workingDays) {
        return workingDays > lateAfterWorkingDays;
    }

    public boolean late(LocalDate decided, LocalDate received) {
        return late(workingDays(decided, received));
    }

    /** The last day a record of this decision date is on time. */
    public LocalDate dueBy(LocalDate decided) {
        return calendar.addWorkingDays(decided, lateAfterWorkingDays);
    }
}
