package org.creditnode.policy;

import java.time.LocalDate;

/**
 * One named rule of one scope. A rule that follows a law or a planning document carries the
 * period in which it applies ({@link #appliesFrom()} inclusive, {@link #appliesUntil()} exclusive),
 * and the engine asks it only for dates inside that period — so a regime change (for example the
 * repair rules of 2026-04-01) is a new function, not an edit of the old one.
 */
public interface PolicyFunction<C> {
    /** Named in every decision it takes: operators and auditors read it. */
    String name();

    Decision evaluate(C context);

    default LocalDate appliesFrom() { return LocalDate.MIN; }

    default LocalDate appliesUntil() { return LocalDate.MAX; }

    default boolean appliesOn(LocalDate date) {
        return !date.isBefore(appliesFrom()) && date.isBefore(appliesUntil());
    }
}
