package org.creditnode.workflows.matching;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.creditnode.access.Purposes;
import org.creditnode.config.ConfigException;
import org.creditnode.config.StrictYaml;
import org.creditnode.record.Catalogue;
import org.creditnode.record.FieldSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The measure list (config/measures.yaml): list types with their Chinese names and kind, and per
 * list type the measures that follow an entry — MANDATORY or RECOMMENDED, for which business
 * purposes, on which legal basis, from when (S2, S4, S8). Checked against the catalogue's
 * LIST_TYPE values and the configured purposes at start.
 */
public final class MeasureList {
    public enum Kind { RED, SERIOUS }

    public enum Obligation { MANDATORY, RECOMMENDED }

    public record ListType(String code, String label, Kind kind) {
    }

    public record Measure(String id, String name, String measureClass, Obligation obligation, List<String> departments,
                          Set<String> purposes, String basis, LocalDate appliesFrom, Kind kind) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class File {
        public boolean sample;
        public Map<String, TypeEntry> listTypes = new LinkedHashMap<>();
        public Map<String, List<MeasureEntry>> measures = new LinkedHashMap<>();
        public Incentives incentives = new Incentives();
        public Warnings warnings = new Warnings();
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class TypeEntry {
        public String label;
        public Kind kind;
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class MeasureEntry {
        public String id;
        public String name;
        @com.fasterxml.jackson.annotation.JsonProperty("class")
        public String measureClass;
        public Obligation obligation;
        public List<String> departments = List.of();
        public List<String> purposes = List.of();
        public String basis;
        public LocalDate appliesFrom;
        public Kind kind;
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class Incentives {
        /** 容缺受理 when no penalty or serious-dishonesty entry falls in this many months (JXJ16 (2)). */
        public int noNegativeMonths = 36;
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class Warnings {
        /** A repeat offender: at least this many penalties within withinMonths (CS23 §21). */
        public int penalties = 3;
        public int withinMonths = 24;
    }

    private final Map<String, ListType> types;
    private final Map<String, List<Measure>> measures;
    private final Incentives incentives;
    private final Warnings warnings;
    private final boolean sample;

    private final String source;

    private MeasureList(Map<String, ListType> types, Map<String, List<Measure>> measures, Incentives incentives, Warnings warnings,
                        boolean sample, String source) {
        this.source = source;
        this.types = types;
        this.measures = measures;
        this.incentives = incentives;
        this.warnings = warnings;
        this.sample = sample;
    }

    public static MeasureList load(Path file, Catalogue catalogue, Purposes purposes) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("measure list not found: " + file + " (set \"measures\" in the configuration)");
        }
        File f = StrictYaml.read(file, File.class);
        try {
            return of(f, "file " + file.getFileName(), catalogue, purposes);
        } catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A measure list given as text (YAML or JSON, as a parent publishes it in a MEASURE_LIST
     * record), checked as strictly as the file; {@code source} names it in errors and answers.
     */
    public static MeasureList parse(String text, String source, Catalogue catalogue, Purposes purposes) {
        return of(StrictYaml.readText(text, source, File.class), source, catalogue, purposes);
    }

    private static MeasureList of(File f, String file, Catalogue catalogue, Purposes purposes) {
        Map<String, ListType> types = new LinkedHashMap<>();
        f.listTypes.forEach((code, t) -> {
            if (t == null || t.label == null || t.kind == null) throw new ConfigException(file + ": list type " + code + " needs a label and a kind (RED or SERIOUS)");
            types.put(code, new ListType(code, t.label, t.kind));
        });
        for (String category : List.of("RED_LIST", "SERIOUS_DISHONESTY_LIST")) {
            FieldSpec spec = catalogue.category(category).map(c -> c.fields().get("LIST_TYPE")).orElse(null);
            if (spec == null) continue;
            for (String v : spec.values()) {
                if (!types.containsKey(v)) {
                    throw new ConfigException(file + ": the catalogue's " + category + ".LIST_TYPE value " + v + " has no entry under listTypes");
                }
            }
        }
        Map<String, List<Measure>> measures = new LinkedHashMap<>();
        f.measures.forEach((type, list) -> {
            if (!type.equals("*") && !types.containsKey(type)) throw new ConfigException(file + ": measures for unknown list type " + type);
            List<Measure> out = new ArrayList<>();
            for (MeasureEntry m : list) {
                String where = file + ": measure " + m.id + " (" + type + ")";
                if (m.id == null || m.name == null || m.obligation == null || m.basis == null || m.appliesFrom == null || m.kind == null) {
                    throw new ConfigException(where + " needs id, name, obligation, basis, appliesFrom and kind");
                }
                for (String p : m.purposes) {
                    if (purposes.find(p).isEmpty()) throw new ConfigException(where + " names purpose " + p + ", which purposes.yaml does not have");
                }
                out.add(new Measure(m.id, m.name, m.measureClass, m.obligation, List.copyOf(m.departments), Set.copyOf(m.purposes), m.basis,
                        m.appliesFrom, m.kind));
            }
            measures.put(type, List.copyOf(out));
        });
        return new MeasureList(Map.copyOf(types), Map.copyOf(measures), f.incentives, f.warnings, f.sample, file);
    }

    public Optional<ListType> type(String code) { return Optional.ofNullable(code == null ? null : types.get(code)); }

    /** The measures for an entry of this kind and list type, for every purpose and date (callers filter). */
    public List<Measure> measuresFor(Kind kind, String listType) {
        List<Measure> out = new ArrayList<>();
        for (Measure m : measures.getOrDefault("*", List.of())) if (m.kind() == kind) out.add(m);
        if (listType != null) for (Measure m : measures.getOrDefault(listType, List.of())) if (m.kind() == kind) out.add(m);
        return out;
    }

    /** A measure by its id, from whichever list type names it. */
    public Optional<Measure> measure(String id) {
        for (List<Measure> list : measures.values()) for (Measure m : list) if (m.id().equals(id)) return Optional.of(m);
        return Optional.empty();
    }

    public Incentives incentives() { return incentives; }

    public Warnings warnings() { return warnings; }

    public boolean sample() { return sample; }

    /** Where this list came from: the configuration file, or the record a parent published it in. */
    public String source() { return source; }
}
