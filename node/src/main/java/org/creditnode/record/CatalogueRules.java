package org.creditnode.record;

import java.util.List;
import java.util.Set;

/** Consistency rules of one catalogue category, checked when the catalogue is loaded. */
final class CatalogueRules {

    /** Envelope values a condition may test (with a dot, unlike catalogue field ids). */
    private static final Set<String> ENVELOPE_VALUES = Set.of("subject.kind", "subject.code", "subject.name",
            "authority.code", "authority.name");

    private CatalogueRules() {
    }

    static void check(CategorySpec c, Set<String> severities, List<String> problems) {
        String at = "categories." + c.id();
        if (c.name() == null || c.name().isBlank()) problems.add(at + ".name: required");
        if (c.aggregate() == null) problems.add(at + ".aggregate: say true or false (goes upward to the parent?)");
        if (c.distribute() == null) problems.add(at + ".distribute: say true or false (goes downward to the children?)");
        if (c.publicity() != null) {
            if (c.publicity().period() == null && c.publicity().bySeverity().isEmpty()) {
                problems.add(at + ".publicity: give a period (e.g. P3Y) or remove publicity");
            }
            for (String s : c.publicity().bySeverity().keySet()) {
                if (!severities.contains(s)) problems.add(at + ".publicity.bySeverity: unknown severity " + s + ", expected one of " + severities);
            }
        }
        c.fields().forEach((id, f) -> checkField(c, at + ".fields." + id, f, problems));
        for (DatePair p : c.dateOrder()) {
            requireDateField(c, at + ".dateOrder", p.from(), problems);
            requireDateField(c, at + ".dateOrder", p.to(), problems);
        }
        for (String id : c.notBeforeDecision()) requireDateField(c, at + ".notBeforeDecision", id, problems);
        c.envelopeItems().forEach((id, envelopePath) -> {
            if (c.fields().containsKey(id)) problems.add(at + ".envelopeItems: " + id + " is also listed as a field");
            if (!ENVELOPE_VALUES.contains(envelopePath) && !"decisionDate".equals(envelopePath)) {
                problems.add(at + ".envelopeItems." + id + ": " + envelopePath + " is not an envelope value, expected one of "
                        + ENVELOPE_VALUES + " or decisionDate");
            }
        });
    }

    private static void checkField(CategorySpec c, String at, FieldSpec f, List<String> problems) {
        if (f == null) {
            problems.add(at + ": empty");
            return;
        }
        if (f.label() == null || f.label().isBlank()) problems.add(at + ".label: required");
        if (f.type() == null) {
            problems.add(at + ".type: required (string, enum, date, decimal, uscc, idnumber, region)");
            return;
        }
        if (f.maxLength() != null && f.maxLength() < 1) problems.add(at + ".maxLength: must be at least 1");
        if (f.type() == FieldType.ENUM && f.values().isEmpty()) problems.add(at + ".values: an enum needs its values");
        if (f.type() != FieldType.ENUM && !f.values().isEmpty()) problems.add(at + ".values: only for type enum");
        if (f.multi() != null && (f.type() != FieldType.ENUM || f.multi().isEmpty())) {
            problems.add(at + ".multi: a non-empty separator, only for type enum");
        }
        boolean decimal = f.type() == FieldType.DECIMAL;
        if (!decimal && (f.min() != null || f.max() != null || f.scale() != null)) {
            problems.add(at + ": min, max and scale are only for type decimal");
        }
        if (f.min() != null && f.max() != null && f.min().compareTo(f.max()) > 0) problems.add(at + ": min is above max");
        if (f.scale() != null && f.scale() < 0) problems.add(at + ".scale: must not be negative");
        if (f.isRequired() && f.requiredWhen() != null) problems.add(at + ": required and requiredWhen together make no sense");
        if (f.requiredWhen() != null) checkCondition(c, at + ".requiredWhen", f.requiredWhen(), problems);
        if (f.typeWhen() != null) {
            checkCondition(c, at + ".typeWhen", f.typeWhen().when(), problems);
            if (f.typeWhen().type() == null) problems.add(at + ".typeWhen.type: required");
        }
    }

    private static void checkCondition(CategorySpec c, String at, Condition cond, List<String> problems) {
        if (cond.field() == null) {
            problems.add(at + ".field: required");
            return;
        }
        if (cond.equalsValue() != null && !cond.contains().isEmpty()) problems.add(at + ": give equals or contains, not both");
        if (!cond.isEnvelopeField() && !c.fields().containsKey(cond.field())) {
            problems.add(at + ".field: " + cond.field() + " is not a field of " + c.id());
        }
        if (cond.isEnvelopeField() && !ENVELOPE_VALUES.contains(cond.field())) {
            problems.add(at + ".field: envelope value " + cond.field() + " unknown, expected one of " + ENVELOPE_VALUES);
        }
    }

    private static void requireDateField(CategorySpec c, String at, String id, List<String> problems) {
        FieldSpec f = id == null ? null : c.fields().get(id);
        if (f == null) problems.add(at + ": " + id + " is not a field of " + c.id());
        else if (f.type() != FieldType.DATE) problems.add(at + ": " + id + " is not a date field");
    }
}
