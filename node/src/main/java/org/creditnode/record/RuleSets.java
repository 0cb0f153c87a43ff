package org.creditnode.record;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.creditnode.config.ConfigException;
import org.creditnode.config.StrictYaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Dated rule sets for publicity and repair (config/rules.yaml, WORKFLOWS §2 "Rule sets are
 * dated"): which rules govern a record follows from its decision date, and a record keeps the
 * rule set that computed its publicity end and earliest repair date, so an answer can say why.
 */
public final class RuleSets {
    public static final List<String> TIERS = List.of("SLIGHT", "GENERAL", "SERIOUS");
    private static final Map<String, String> TIER_LABELS = Map.of("SLIGHT", "轻微", "GENERAL", "一般", "SERIOUS", "严重");

    public record Tier(Period minimum, Period maximum) {
    }

    public record RuleSet(String id, String name, LocalDate decidedFrom, LocalDate decidedBefore, Map<String, Tier> tiers) {
        boolean governs(LocalDate decided) {
            return !decided.isBefore(decidedFrom) && (decidedBefore == null || decided.isBefore(decidedBefore));
        }
    }

    /** What a rule set made of one record: its publicity end, its earliest repair, and why. */
    public record Applied(String ruleSet, String ruleSetName, String tier, LocalDate publicityUntil, LocalDate repairFrom) {
        public String explanation(LocalDate decided) {
            return ruleSetName + "：" + TIER_LABELS.getOrDefault(tier, tier) + "失信，自决定日 " + decided + " 起公示至 " + publicityUntil
                    + "，" + repairFrom + " 起可申请信用修复";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class File {
        public boolean sample;
        public List<String> categories = List.of();
        public Map<String, String> severityTiers = new LinkedHashMap<>();
        public Lists lists = new Lists();
        public List<Entry> ruleSets = List.of();
    }

    public static final class Lists {
        public String minimum = "P1Y";
    }

    public static final class Entry {
        public String id;
        public String name;
        public LocalDate decidedFrom;
        public LocalDate decidedBefore;
        public Map<String, Map<String, String>> tiers = new LinkedHashMap<>();
    }

    private final Set<String> categories;
    private final Map<String, String> severityTiers;
    private final Period listMinimum;
    private final List<RuleSet> ruleSets;

    private RuleSets(Set<String> categories, Map<String, String> severityTiers, Period listMinimum, List<RuleSet> ruleSets) {
        this.categories = categories;
        this.severityTiers = severityTiers;
        this.listMinimum = listMinimum;
        this.ruleSets = ruleSets;
    }

    public static RuleSets load(Path file, Catalogue catalogue) {
        if (!Files.isRegularFile(file)) throw new ConfigException("rule sets not found: " + file + " (set \"rules\" in the configuration)");
        File f = StrictYaml.read(file, File.class);
        for (String c : f.categories) {
            if (catalogue.category(c).isEmpty()) throw new ConfigException(file + ": categories: " + c + " is not in the catalogue");
        }
        for (String severity : catalogue.severities().keySet()) {
            if (!TIERS.contains(f.severityTiers.get(severity))) {
                throw new ConfigException(file + ": severityTiers: the catalogue's severity " + severity + " needs a tier, one of " + TIERS);
            }
        }
        List<RuleSet> sets = new ArrayList<>();
        for (Entry e : f.ruleSets) {
            String where = file + ": rule set " + e.id;
            if (e.id == null || e.name == null || e.decidedFrom == null) throw new ConfigException(where + " needs id, name and decidedFrom");
            if (e.decidedBefore != null && !e.decidedBefore.isAfter(e.decidedFrom)) throw new ConfigException(where + ": decidedBefore is not after decidedFrom");
            Map<String, Tier> tiers = new LinkedHashMap<>();
            for (String t : TIERS) {
                Map<String, String> spec = e.tiers.get(t);
                if (spec == null) throw new ConfigException(where + ": tiers." + t + " is missing (minimum and maximum)");
                Tier tier = new Tier(period(where + ".tiers." + t + ".minimum", spec.get("minimum")), period(where + ".tiers." + t + ".maximum", spec.get("maximum")));
                if (LocalDate.EPOCH.plus(tier.minimum()).isAfter(LocalDate.EPOCH.plus(tier.maximum()))) {
                    throw new ConfigException(where + ": tiers." + t + ": minimum is longer than maximum");
                }
                tiers.put(t, tier);
            }
            sets.add(new RuleSet(e.id, e.name, e.decidedFrom, e.decidedBefore, Map.copyOf(tiers)));
        }
        sets.sort(Comparator.comparing(RuleSet::decidedFrom));
        for (int i = 1; i < sets.size(); i++) {
            RuleSet before = sets.get(i - 1);
            RuleSet next = sets.get(i);
            if (before.decidedBefore() == null || before.decidedBefore().isAfter(next.decidedFrom())) {
                throw new ConfigException(file + ": rule sets " + before.id() + " and " + next.id() + " overlap: " + before.id() + " runs "
                        + (before.decidedBefore() == null ? "without end" : "until " + before.decidedBefore()) + ", " + next.id()
                        + " from " + next.decidedFrom() + "; give " + before.id() + " decidedBefore: " + next.decidedFrom());
            }
        }
        return new RuleSets(Set.copyOf(f.categories), Map.copyOf(f.severityTiers), period(file + ": lists.minimum", f.lists.minimum), List.copyOf(sets));
    }

    /** The rules that govern a record of this category, severity and decision date, if any do. */
    public Optional<Applied> apply(String category, String severity, LocalDate decided) {
        if (!categories.contains(category) || severity == null || decided == null) return Optional.empty();
        String tier = severityTiers.get(severity);
        if (tier == null) return Optional.empty();
        for (RuleSet r : ruleSets) {
            if (!r.governs(decided)) continue;
            Tier t = r.tiers().get(tier);
            return Optional.of(new Applied(r.id(), r.name(), tier, decided.plus(t.maximum()), decided.plus(t.minimum())));
        }
        return Optional.empty();
    }

    /** A list entry may be repaired (taken off its list by repair) from this date. */
    public LocalDate listRepairFrom(LocalDate decided) {
        return decided.plus(listMinimum);
    }

    private static Period period(String where, String text) {
        try {
            return Period.parse(text == null ? "" : text);
        } catch (DateTimeParseException e) {
            throw new ConfigException(where + ": " + text + " is not an ISO-8601 period such as P3M or P1Y");
        }
    }
}
