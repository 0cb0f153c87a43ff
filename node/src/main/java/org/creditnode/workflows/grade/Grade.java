package org.creditnode.workflows.grade;

import org.creditnode.record.RecordStatus;

import java.time.LocalDate;
import java.util.List;

/**
 * A subject's public-credit grade for a year and how it came about: each counted record's points,
 * the score, the band and any cap that lowered it.
 *
 * @param from, to  the decision dates counted (the lookback window, ending today in the current year)
 */
public record Grade(String subject, int year, LocalDate from, LocalDate to, double score, GradeRules.Band band,
                    GradeRules.Cap cap, List<Contribution> contributions, boolean sample, String rules) {

    /** One record's part in the grade. */
    public record Contribution(String recordId, int version, String category, String severity, RecordStatus status,
                               LocalDate decisionDate, double points) {
    }
}
