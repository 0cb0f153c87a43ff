package org.creditnode.record;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

/**
 * Until when a record is published. The period starts at the decision date and, as periods are
 * counted in Chinese law (民法典 art. 201 and 203: the starting day is not counted and the period
 * ends with its last day), the record is shown up to and including decisionDate + period.
 * Example: P3Y from 2026-11-10 gives 2029-11-10.
 */
public final class PublicityPolicy {

    private PublicityPolicy() {
    }

    /** The last day of publication, or empty when the category has no publicity period. */
    public static Optional<LocalDate> publicityUntil(CategorySpec category, String severity, LocalDate decisionDate) {
        PublicitySpec spec = category.publicity();
        if (spec == null) return Optional.empty();
        Period p = spec.periodFor(severity);
        return p == null ? Optional.empty() : Optional.of(decisionDate.plus(p));
    }

    /** The first day on which credit repair may end publication early, or empty when none is set. */
    public static Optional<LocalDate> repairableFrom(CategorySpec category, LocalDate decisionDate) {
        PublicitySpec spec = category.publicity();
        if (spec == null || spec.minimum() == null) return Optional.empty();
        return Optional.of(decisionDate.plus(spec.minimum()).plusDays(1));
    }
}
