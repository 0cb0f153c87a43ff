package org.creditnode.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;

/** Checks a record's "fields" object against its category's catalogue entry. */
final class CatalogueFieldsCheck {

    private final Catalogue catalogue;
    private final RegionCodes regions;

    CatalogueFieldsCheck(Catalogue catalogue, RegionCodes regions) {
        this.catalogue = catalogue;
        this.regions = regions;
    }

    /**
     * @param decisionDate the record's decision date, null if it was itself invalid
     *                     (then the checks against it are skipped)
     */
    void check(JsonNode record, CategorySpec category, LocalDate decisionDate, LocalDate today, ValidationErrors errors) {
        JsonNode fields = record.get("fields");
        if (fields == null || fields.isNull()) {
            fields = MissingNode.getInstance();
        } else if (!fields.isObject()) {
            errors.add("fields", "TYPE", "expected an object of catalogue fields, got " + JsonValues.describe(fields));
            return;
        }
        for (Map.Entry<String, FieldSpec> e : category.fields().entrySet()) {
            String id = e.getKey();
            FieldSpec spec = e.getValue();
            JsonNode value = fields.get(id);
            if (JsonValues.isAbsent(value)) {
                if (spec.isRequired()) {
                    errors.add("fields." + id, "REQUIRED", id + " (" + spec.label() + ") is required");
                } else if (spec.requiredWhen() != null && spec.requiredWhen().holds(record, fields, category)) {
                    errors.add("fields." + id, "REQUIRED", id + " (" + spec.label() + ") is required when "
                            + spec.requiredWhen().describe());
                }
                continue;
            }
            FieldType type = spec.typeWhen() != null && spec.typeWhen().when().holds(record, fields, category)
                    ? spec.typeWhen().type() : spec.type();
            checkValue(id, value, spec, type, decisionDate, today, errors);
        }
        if (catalogue.unknownFields() == UnknownFieldPolicy.REJECT) rejectUnknown(fields, category, errors);
        checkDateOrder(fields, category, errors);
        if (decisionDate != null) checkNotBeforeDecision(fields, category, decisionDate, errors);
    }

    private void checkValue(String id, JsonNode value, FieldSpec spec, FieldType type, LocalDate decisionDate,
                            LocalDate today, ValidationErrors errors) {
        if (type == FieldType.DECIMAL) {
            checkDecimal(id, value, spec, errors);
            return;
        }
        if (!value.isTextual()) {
            errors.add("fields." + id, "TYPE", "expected a string, got " + JsonValues.describe(value));
            return;
        }
        String text = value.textValue();
        if (spec.maxLength() != null && JsonValues.longerThan(text, spec.maxLength())) {
            errors.add("fields." + id, "LENGTH", "at most " + spec.maxLength() + " characters, got " + JsonValues.length(text));
            return;
        }
        CodeCheck check;
        switch (type) {
            case ENUM:
                checkEnum(id, text, spec, errors);
                return;
            case DATE:
                if (IsoDates.parse(text) == null) {
                    errors.add("fields." + id, "FORMAT", "expected a date YYYY-MM-DD, got " + JsonValues.quote(text));
                }
                return;
            case USCC:
                check = UnifiedSocialCreditCode.check(text, regions, catalogue.legacyUsccAllowList());
                break;
            case IDNUMBER:
                check = ResidentIdNumber.check(text, regions, today);
                break;
            case REGION:
                check = regions.check(text, decisionDate != null ? decisionDate : today);
                break;
            default:
                return;
        }
        if (!check.valid()) errors.add("fields." + id, check);
    }

    private static void checkEnum(String id, String text, FieldSpec spec, ValidationErrors errors) {
        String sep = spec.multi();
        if (sep == null) {
            if (!spec.values().contains(text)) {
                errors.add("fields." + id, "ENUM", "expected one of " + spec.values() + ", got " + JsonValues.quote(text));
            }
            return;
        }
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf(sep, start);
            if (end < 0) end = text.length();
            String item = text.substring(start, end).trim();
            if (!spec.values().contains(item)) {
                errors.add("fields." + id, "ENUM", (item.isEmpty() ? "empty item" : "unknown item " + JsonValues.quote(item))
                        + "; expected items of " + spec.values() + " separated by '" + sep + "'");
                return;
            }
            start = end + sep.length();
        }
    }

    /** Amounts are JSON numbers; a number sent as a string is a TYPE error, said plainly. */
    private static void checkDecimal(String id, JsonNode value, FieldSpec spec, ValidationErrors errors) {
        if (!value.isNumber()) {
            errors.add("fields." + id, "TYPE", "expected a JSON number, got " + JsonValues.describe(value)
                    + (value.isTextual() ? " (send amounts unquoted, e.g. 1.5)" : ""));
            return;
        }
        if (value.isDouble() || value.isFloat()) {
            double d = value.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                errors.add("fields." + id, "TYPE", "expected a finite number");
                return;
            }
        }
        if (spec.min() == null && spec.max() == null && spec.scale() == null) return;
        BigDecimal n = asBigDecimal(value);
        if (spec.min() != null && n.compareTo(spec.min()) < 0) {
            errors.add("fields." + id, "RANGE", "must be at least " + spec.min().toPlainString() + ", got " + n.toPlainString());
        } else if (spec.max() != null && n.compareTo(spec.max()) > 0) {
            errors.add("fields." + id, "RANGE", "must be at most " + spec.max().toPlainString() + ", got " + n.toPlainString());
        } else if (spec.scale() != null && !value.isIntegralNumber() && n.stripTrailingZeros().scale() > spec.scale()) {
            errors.add("fields." + id, "RANGE", "at most " + spec.scale() + " digits after the decimal point, got " + n.toPlainString());
        }
    }

    /**
     * The number as written: a double parsed by Jackson (the default for JSON fractions) is read
     * back through its shortest decimal form, so 1.1 counts as one fractional digit.
     */
    private static BigDecimal asBigDecimal(JsonNode value) {
        if (value.isBigDecimal()) return value.decimalValue();
        if (value.isIntegralNumber()) return value.canConvertToLong() ? BigDecimal.valueOf(value.longValue()) : new BigDecimal(value.bigIntegerValue());
        return BigDecimal.valueOf(value.doubleValue());
    }

    private static void rejectUnknown(JsonNode fields, CategorySpec category, ValidationErrors errors) {
        for (Iterator<String> it = fields.fieldNames(); it.hasNext(); ) {
            String id = it.next();
            if (category.fields().containsKey(id)) continue;
            String envelopePath = category.envelopeItems().get(id);
            errors.add("fields." + id, "UNKNOWN_FIELD", envelopePath != null
                    ? id + " is carried by the envelope as " + envelopePath + "; leave it out of fields"
                    : id + " is not a field of " + category.id() + " (check the spelling against the catalogue)");
        }
    }

    private static void checkDateOrder(JsonNode fields, CategorySpec category, ValidationErrors errors) {
        for (DatePair pair : category.dateOrder()) {
            LocalDate from = dateOf(fields, pair.from());
            LocalDate to = dateOf(fields, pair.to());
            if (from != null && to != null && from.isAfter(to)) {
                errors.add("fields." + pair.to(), "DATE_ORDER", pair.to() + " (" + to + ") must not be before "
                        + pair.from() + " (" + from + ")");
            }
        }
    }

    private static void checkNotBeforeDecision(JsonNode fields, CategorySpec category, LocalDate decisionDate, ValidationErrors errors) {
        for (String id : category.notBeforeDecision()) {
            LocalDate d = dateOf(fields, id);
            if (d != null && d.isBefore(decisionDate)) {
                errors.add("fields." + id, "DATE_ORDER", id + " (" + d + ") must not be before decisionDate (" + decisionDate + ")");
            }
        }
    }

    private static LocalDate dateOf(JsonNode fields, String id) {
        JsonNode v = fields.get(id);
        return v != null && v.isTextual() ? IsoDates.parse(v.textValue()) : null;
    }
}
