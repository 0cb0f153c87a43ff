package org.creditnode.workflows.grade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The yearly public-credit grade (公共信用综合评价, S26), computed on read from the subject's
 * records as they stand. No table of grades: a later version of a record (an exit, a repair, a
 * revocation, an objection) is what the next read sees, so the grade can never lag the log nor
 * need rebuilding when config/grades.yaml changes; one subject with 1,000 records takes a few
 * tens of milliseconds here (README, "Credit report and grade"). Matching can call {@link #of}.
 */
public final class Grades {
    /** Versions read per subject; a subject with more is graded on its newest ones. */
    static final int MAX_ROWS = 20_000;

    private final RecordStore store;
    private final GradeRules rules;
    private final RecordPoints points;
    private final GradeBands bands;
    private final ObjectMapper json;

    public Grades(RecordStore store, GradeRules rules, ObjectMapper json) {
        this.store = store;
        this.rules = rules;
        this.points = new RecordPoints(rules);
        this.bands = new GradeBands(rules);
        this.json = json;
    }

    public GradeRules rules() { return rules; }

    /** The grade for today's year: what matching answers would show. */
    public Grade of(String subjectCode, LocalDate today) throws SQLException {
        return of(subjectCode, today.getYear(), today);
    }

    /** The grade for {@code year}, from the records as they stand today. */
    public Grade of(String subjectCode, int year, LocalDate today) throws SQLException {
        String code = subjectCode.trim().toUpperCase(Locale.ROOT);
        return grade(code, year, today, store.currentBySubject(code, MAX_ROWS));
    }

    /** The grade over records already read (the credit report reads them once for both). */
    public Grade grade(String code, int year, LocalDate today, List<StoredRecord> current) {
        LocalDate from = LocalDate.of(year - rules.lookbackYears() + 1, 1, 1);
        LocalDate to = year == today.getYear() ? today : LocalDate.of(year, 12, 31);
        double score = rules.base();
        List<Grade.Contribution> parts = new ArrayList<>();
        Set<String> counted = new LinkedHashSet<>();
        for (StoredRecord r : current) {
            if (r.decisionDate() == null || r.decisionDate().isBefore(from) || r.decisionDate().isAfter(to)) continue;
            if (!rules.categories().containsKey(r.category())) continue;
            String severity = severity(r);
            double p = points.of(r.category(), severity, r.status());
            if (points.counts(r.status())) counted.add(r.category());
            score += p;
            parts.add(new Grade.Contribution(r.id(), r.version(), r.category(), severity, r.status(), r.decisionDate(), p));
        }
        score = Math.max(0, Math.min(rules.max(), score));
        return new Grade(code, year, from, to, score, bands.of(score, counted), bands.capFor(score, counted).orElse(null),
                List.copyOf(parts), rules.sample(), rules.source());
    }

    private String severity(StoredRecord r) {
        try {
            JsonNode s = json.readTree(r.canonical()).get("severity");
            return s == null || s.isNull() ? null : s.asText();
        } catch (IOException e) {
            throw new UncheckedIOException("stored record " + r.id() + " is not JSON", e);
        }
    }
}
