package org.creditnode.workflows.report;

import org.creditnode.workflows.grade.Grade;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A credit report (信用报告) as both renderings show it: what one purpose may see of a subject,
 * personal fields already masked. Built by {@link CreditReports}, drawn by {@link ReportHtml} and
 * {@link ReportPdf}.
 *
 * @param withheld  per category, how many records the purpose may not see (named, never shown)
 */
public record CreditReport(String reportId, String node, Instant generatedAt, LocalDate today, String purpose, String purposeLabel,
                           Subject subject, List<Section> sections, List<ListEntry> listEntries, List<Mark> marks, Grade grade,
                           ReportChart.Chart chart, Map<String, Integer> withheld, int recordCount) {

    public record Subject(String kind, String code, String name) {
    }

    /** The records of one catalogue category, newest first. */
    public record Section(String category, String label, List<Item> items) {
    }

    public record Item(String recordId, int version, LocalDate decisionDate, String authority, String severityLabel,
                       String status, String statusLabel, List<Field> fields) {
    }

    public record Field(String label, String value) {
    }

    /** A list entry (名单): red or serious-dishonesty, with its validity and where it stands. */
    public record ListEntry(String recordId, String categoryLabel, String listName, String listTypeLabel, LocalDate validFrom,
                            LocalDate validTo, String statusLabel) {
    }

    /** A record not simply in force: disputed (异议处理中), repaired (已修复), exited, revoked, expired, shielded. */
    public record Mark(String recordId, String categoryLabel, LocalDate decisionDate, String status, String statusLabel, String note) {
    }
}
