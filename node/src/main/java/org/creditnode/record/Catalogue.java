package org.creditnode.record;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.creditnode.config.ConfigException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The credit information catalogue (信用信息目录, config/catalog.yaml): which categories exist,
 * their fields and rules. Data, not code: a new field or category is a change of the file only.
 * {@link #load} checks the file's own consistency so that an operator's mistake fails at start-up
 * with a message naming the place, never later on a record.
 */
public final class Catalogue {

    /** The file as written; {@link Catalogue} is its checked, immutable form. */
    record File(UnknownFieldPolicy unknownFields,
                @JsonDeserialize(as = LinkedHashMap.class) Map<String, String> severities,
                List<String> legacyUsccAllowList,
                @JsonDeserialize(as = LinkedHashMap.class) Map<String, CategorySpec> categories) {
    }

    private final UnknownFieldPolicy unknownFields;
    private final Map<String, String> severities;
    private final Set<String> legacyUsccAllowList;
    private final Map<String, CategorySpec> categories;

    public Catalogue(UnknownFieldPolicy unknownFields, Map<String, String> severities,
                     Set<String> legacyUsccAllowList, Map<String, CategorySpec> categories) {
        this.unknownFields = unknownFields;
        this.severities = Collections.unmodifiableMap(new LinkedHashMap<>(severities));
        this.legacyUsccAllowList = Set.copyOf(legacyUsccAllowList);
        this.categories = Collections.unmodifiableMap(new LinkedHashMap<>(categories));
    }

    /** Reads and checks a catalogue file; throws {@link ConfigException} naming the problem. */
    public static Catalogue load(Path file) {
        File f = YamlFiles.read(file, File.class);
        List<String> problems = new ArrayList<>();
        if (f.severities() == null || f.severities().isEmpty()) problems.add("severities: list MINOR, MAJOR, SERIOUS with their names");
        if (f.categories() == null || f.categories().isEmpty()) problems.add("categories: none defined");
        Map<String, String> severities = f.severities() == null ? Map.of() : f.severities();
        Map<String, CategorySpec> categories = new LinkedHashMap<>();
        if (f.categories() != null) {
            f.categories().forEach((id, spec) -> {
                if (spec == null) {
                    problems.add("categories." + id + ": empty");
                    return;
                }
                if (spec.id() != null) problems.add("categories." + id + ": remove 'id', the key is the id");
                CategorySpec withId = spec.withId(id);
                CatalogueRules.check(withId, severities.keySet(), problems);
                categories.put(id, withId);
            });
        }
        Set<String> legacy = new LinkedHashSet<>();
        if (f.legacyUsccAllowList() != null) {
            for (String code : f.legacyUsccAllowList()) {
                if (code == null || code.length() != 18) problems.add("legacyUsccAllowList: '" + code + "' is not 18 characters");
                else legacy.add(code);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(file + ": " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
        }
        UnknownFieldPolicy unknown = f.unknownFields() == null ? UnknownFieldPolicy.REJECT : f.unknownFields();
        return new Catalogue(unknown, severities, legacy, categories);
    }

    public Optional<CategorySpec> category(String id) {
        return Optional.ofNullable(id == null ? null : categories.get(id));
    }

    /** Category ids in catalogue order. */
    public Set<String> categories() {
        return categories.keySet();
    }

    public UnknownFieldPolicy unknownFields() {
        return unknownFields;
    }

    /** Severity values (MINOR, MAJOR, SERIOUS) with their Chinese names. */
    public Map<String, String> severities() {
        return severities;
    }

    /** Early pilot USCCs accepted although a check character does not match (DATA-SPEC §1.3). */
    public Set<String> legacyUsccAllowList() {
        return legacyUsccAllowList;
    }
}
