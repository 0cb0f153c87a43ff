package org.creditnode.privacy;

import org.creditnode.record.Catalogue;
import org.creditnode.record.CategorySpec;
import org.creditnode.record.FieldSpec;
import org.creditnode.record.UnknownFieldPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Whether a record carries a natural person's data, decided on its canonical text (RFC 8785: no
 * whitespace, so a key appears exactly as {@code "KEY":}): a PERSON subject, or a value in a field
 * the catalogue marks personal (an ID number field, {@code personal: true}). Only such records are
 * encrypted at rest; an enterprise's penalty without a representative's ID number names no person
 * and stays readable to the database, as it is on 信用中国. Where the catalogue lets unknown
 * fields through, nothing can be ruled out and every record counts as personal.
 */
public final class PersonalData {
    private static final String PERSON = "\"kind\":\"PERSON\"";

    private final List<String> personalKeys;
    private final boolean everything;

    private PersonalData(List<String> personalKeys, boolean everything) {
        this.personalKeys = personalKeys;
        this.everything = everything;
    }

    public static PersonalData from(Catalogue catalogue) {
        TreeSet<String> keys = new TreeSet<>();
        for (String id : catalogue.categories()) {
            CategorySpec spec = catalogue.category(id).orElseThrow();
            for (Map.Entry<String, FieldSpec> f : spec.fields().entrySet()) {
                if (f.getValue().isPersonal()) keys.add("\"" + f.getKey() + "\":");
            }
        }
        return new PersonalData(new ArrayList<>(keys), catalogue.unknownFields() == UnknownFieldPolicy.IGNORE);
    }

    /** Every record is personal: for tests and for stores whose catalogue is unknown. */
    public static PersonalData everything() {
        return new PersonalData(List.of(), true);
    }

    public boolean in(String canonical) {
        if (everything || isAboutAPerson(canonical)) return true;
        for (String key : personalKeys) {
            int at = canonical.indexOf(key);
            // a key with an empty value names no one
            if (at >= 0 && !canonical.startsWith("\"\"", at + key.length())) return true;
        }
        return false;
    }

    /** The record's subject is a natural person: its code (an ID number) is kept only as its keyed index. */
    public boolean isAboutAPerson(String canonical) {
        return canonical.contains(PERSON);
    }
}
