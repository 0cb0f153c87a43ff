package org.creditnode.record;

import java.time.Period;
import java.util.Map;

/**
 * A category's publicity period (公示期), counted from the decision date.
 *
 * @param period     how long the record is published (the maximum: it then stops by itself)
 * @param minimum    the shortest publication before credit repair may end it early; may be null
 * @param bySeverity periods that replace {@code period} for a severity
 */
public record PublicitySpec(Period period, Period minimum, Map<String, Period> bySeverity) {

    public PublicitySpec {
        bySeverity = bySeverity == null ? Map.of() : Map.copyOf(bySeverity);
    }

    /** The period for a severity (null = none given). */
    public Period periodFor(String severity) {
        Period p = severity == null ? null : bySeverity.get(severity);
        return p != null ? p : period;
    }
}
