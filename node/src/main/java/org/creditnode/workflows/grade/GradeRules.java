package org.creditnode.workflows.grade;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.creditnode.config.ConfigException;
import org.creditnode.config.StrictYaml;
import org.creditnode.record.Catalogue;
import org.creditnode.record.RecordStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scoring rules of the yearly public-credit grade (公共信用综合评价, config/grades.yaml): data,
 * not code. {@link #load} checks the file against the catalogue so that a mistake fails at
 * start-up naming the key, never later on a subject.
 */
public record GradeRules(boolean sample, int lookbackYears, double base, double max, Map<String, Double> categories,
                         Map<String, Double> severities, Map<RecordStatus, Double> statuses, List<Cap> caps, List<Band> grades,
                         String source) {

    /** A grade name (A), its Chinese label (优) and the lowest score that reaches it. */
    public record Band(String name, String label, double minScore) {
    }

    /** While a counted record of {@code category} stands, the grade is at best {@code atMost}. */
    public record Cap(String category, String atMost) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class File {
        public Boolean sample;
        public Integer lookbackYears;
        public Double base;
        public Double max;
        public Map<String, Double> categories = new LinkedHashMap<>();
        public Map<String, Double> severities = new LinkedHashMap<>();
        public Map<String, Double> statuses = new LinkedHashMap<>();
        public List<Cap> caps = List.of();
        public List<Band> grades = List.of();
    }

    public static GradeRules load(Path file, Catalogue catalogue) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("grades file not found: " + file + " (set \"grades\" in the configuration)");
        }
        File f = StrictYaml.read(file, File.class);
        List<String> problems = new ArrayList<>();
        if (f.sample == null) problems.add("sample: say true (illustrative weights) or false (the adopted scheme)");
        if (f.lookbackYears == null || f.lookbackYears < 1 || f.lookbackYears > 10) problems.add("lookbackYears: 1 to 10 years");
        if (f.base == null || f.max == null || f.base < 0 || f.max < f.base) problems.add("base and max: 0 <= base <= max");
        f.categories.keySet().stream().filter(c -> catalogue.category(c).isEmpty())
                .forEach(c -> problems.add("categories." + c + ": not a catalogue category"));
        f.severities.keySet().stream().filter(s -> !catalogue.severities().containsKey(s))
                .forEach(s -> problems.add("severities." + s + ": not a catalogue severity " + catalogue.severities().keySet()));
        Map<RecordStatus, Double> statuses = new LinkedHashMap<>();
        for (RecordStatus s : RecordStatus.values()) {
            Double factor = f.statuses.get(s.name());
            if (factor == null || factor < 0) problems.add("statuses." + s.name() + ": a factor of 0 or more (" + s.label() + ")");
            else statuses.put(s, factor);
        }
        f.statuses.keySet().stream().filter(s -> RecordStatus.parse(s).isEmpty())
                .forEach(s -> problems.add("statuses." + s + ": not a record status"));
        checkBands(f.grades, problems);
        for (Cap c : f.caps) {
            if (c == null || catalogue.category(c.category()).isEmpty()) problems.add("caps: " + c + ": category is not a catalogue category");
            else if (f.grades.stream().noneMatch(b -> b != null && b.name().equals(c.atMost()))) {
                problems.add("caps: " + c.category() + ": atMost " + c.atMost() + " is not one of the grades");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(file + ": " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
        }
        return new GradeRules(f.sample, f.lookbackYears, f.base, f.max, Map.copyOf(f.categories), Map.copyOf(f.severities),
                Map.copyOf(statuses), List.copyOf(f.caps), List.copyOf(f.grades), file.getFileName().toString());
    }

    /** Best first, each with a name and a label, minimum scores falling, the last reachable by any score. */
    private static void checkBands(List<Band> bands, List<String> problems) {
        if (bands.isEmpty()) {
            problems.add("grades: list the bands, best first, e.g. { name: A, label: 优, minScore: 90 }");
            return;
        }
        double previous = Double.POSITIVE_INFINITY;
        for (Band b : bands) {
            if (b == null || b.name() == null || b.label() == null || b.label().isBlank()) {
                problems.add("grades: " + b + ": each band needs a name and a label (its Chinese name)");
                continue;
            }
            if (b.minScore() >= previous) problems.add("grades." + b.name() + ": minScore " + b.minScore() + " must be below the band before");
            previous = b.minScore();
        }
        if (previous > 0) problems.add("grades: the last band's minScore must be 0, so that every score has a grade");
    }

    /** The band a grade name names (caps refer to bands by name; load checked they exist). */
    Band band(String name) {
        return grades.stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
    }
}
