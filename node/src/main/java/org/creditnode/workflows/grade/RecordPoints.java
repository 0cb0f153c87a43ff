package org.creditnode.workflows.grade;

import org.creditnode.record.RecordStatus;

/**
 * One record's points in the grade: its category's weight times its severity's factor times its
 * status's factor. A category without a weight (a licence, a commitment) counts nothing.
 */
public final class RecordPoints {
    private final GradeRules rules;

    public RecordPoints(GradeRules rules) {
        this.rules = rules;
    }

    public double of(String category, String severity, RecordStatus status) {
        Double weight = rules.categories().get(category);
        if (weight == null) return 0;
        double bySeverity = severity == null ? 1 : rules.severities().getOrDefault(severity, 1.0);
        double points = weight * bySeverity * rules.statuses().get(status);
        return points == 0 ? 0 : points; // not -0.0: answers would show "-0.0 points"
    }

    /** Whether the record counts at all as it stands (a cap applies only to counted records). */
    public boolean counts(RecordStatus status) {
        return rules.statuses().get(status) > 0;
    }
}
