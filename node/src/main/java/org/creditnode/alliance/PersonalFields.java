package org.creditnode.alliance;

import org.creditnode.privacy.PersonalData;
import org.creditnode.record.Catalogue;
import org.creditnode.record.CategorySpec;
import org.creditnode.record.FieldSpec;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Which fields of a record are a natural person's data: those the catalogue marks personal (ID numbers and the like). */
final class PersonalFields {
    private final Map<String, Set<String>> byCategory = new HashMap<>();
    private final PersonalData personal;

    PersonalFields(Catalogue catalogue) {
        for (String id : catalogue.categories()) {
            CategorySpec spec = catalogue.category(id).orElseThrow();
            Set<String> keys = new TreeSet<>();
            for (Map.Entry<String, FieldSpec> f : spec.fields().entrySet()) if (f.getValue().isPersonal()) keys.add(f.getKey());
            byCategory.put(id, Set.copyOf(keys));
        }
        this.personal = PersonalData.from(catalogue);
    }

    /** The personal fields among {@code present}. */
    Set<String> of(String category, Set<String> present) {
        Set<String> out = new TreeSet<>(byCategory.getOrDefault(category, Set.of()));
        out.retainAll(present);
        return out;
    }

    boolean aboutAPerson(String canonical) {
        return personal.isAboutAPerson(canonical);
    }
}
