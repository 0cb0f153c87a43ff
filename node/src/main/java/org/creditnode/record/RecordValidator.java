package org.creditnode.record;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Judges one submitted record (PROTOCOL.md "RECORD") against the catalogue and returns every
 * problem found, not only the first, so that a department fixes a record in one round.
 * The record is taken as a Jackson tree, so a value of the wrong JSON type is a precise TYPE
 * error on its field rather than a failure to parse the whole batch.
 *
 * <p>Thread-safe and allocation-light: no regex, no exceptions on the happy path, nothing
 * reflective per record.
 *
 * <p>Error codes: TYPE, REQUIRED, LENGTH, ENUM, FORMAT, RANGE, DATE, DATE_FUTURE, DATE_ORDER,
 * CHECKSUM, ORG_CODE_CHECKSUM, REGION, UNKNOWN_CATEGORY, UNKNOWN_FIELD, INVALID_TEXT.
 */
public final class RecordValidator {

    /** Dates are judged on the calendar of the network, whatever the server's zone. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** Longest subject and authority name (行政相对人名称 / 处罚机关: 200 in the national template). */
    public static final int NAME_MAX_LENGTH = 200;

    private static final Set<String> ENVELOPE_KEYS = Set.of("category", "subject", "authority", "decisionDate", "severity", "fields");
    private static final Set<String> SUBJECT_KEYS = Set.of("kind", "code", "name");
    private static final Set<String> AUTHORITY_KEYS = Set.of("code", "name");

    private final Catalogue catalogue;
    private final RegionCodes regions;
    private final Clock clock;
    private final CatalogueFieldsCheck fieldsCheck;

    public RecordValidator(Catalogue catalogue, RegionCodes regions, Clock clock) {
        this.catalogue = catalogue;
        this.regions = regions;
        this.clock = clock;
        this.fieldsCheck = new CatalogueFieldsCheck(catalogue, regions);
    }

    /** All problems of one record; empty when it may be accepted. */
    public List<FieldError> validate(JsonNode record) {
        if (record == null || !record.isObject()) {
            return List.of(new FieldError("record", "TYPE",
                    "a record must be a JSON object, got " + (record == null ? "nothing" : JsonValues.describe(record))));
        }
        ValidationErrors errors = new ValidationErrors();
        // First, and alone when it fails: the other checks would quote the text in their messages.
        if (TextCheck.check(record, "", errors)) return errors.toList();
        LocalDate today = LocalDate.ofInstant(clock.instant(), CHINA);
        boolean rejectUnknown = catalogue.unknownFields() == UnknownFieldPolicy.REJECT;
        if (rejectUnknown) rejectUnknownKeys(record, ENVELOPE_KEYS, "", errors);

        CategorySpec category = category(record.get("category"), errors);
        checkSubject(record.get("subject"), category, today, rejectUnknown, errors);
        checkAuthority(record.get("authority"), rejectUnknown, errors);
        LocalDate decisionDate = decisionDate(record.get("decisionDate"), today, errors);
        if (category != null) {
            checkSeverity(record.get("severity"), category, errors);
            fieldsCheck.check(record, category, decisionDate, today, errors);
        }
        return errors.toList();
    }

    private CategorySpec category(JsonNode v, ValidationErrors errors) {
        String id = requiredText("category", v, errors);
        if (id == null) return null;
        CategorySpec spec = catalogue.category(id).orElse(null);
        if (spec == null) {
            errors.add("category", "UNKNOWN_CATEGORY", "unknown category " + JsonValues.quote(id)
                    + ", expected one of " + catalogue.categories());
        }
        return spec;
    }

    private void checkSubject(JsonNode subject, CategorySpec category, LocalDate today, boolean rejectUnknown, ValidationErrors errors) {
        if (!requiredObject("subject", subject, errors)) return;
        if (rejectUnknown) rejectUnknownKeys(subject, SUBJECT_KEYS, "subject.", errors);
        SubjectKind kind = null;
        String kindText = requiredText("subject.kind", subject.get("kind"), errors);
        if (kindText != null) {
            if ("ORG".equals(kindText)) kind = SubjectKind.ORG;
            else if ("PERSON".equals(kindText)) kind = SubjectKind.PERSON;
            else errors.add("subject.kind", "ENUM", "expected ORG or PERSON, got " + JsonValues.quote(kindText));
            if (kind != null && category != null && !category.subjectKinds().contains(kind)) {
                errors.add("subject.kind", "ENUM", "category " + category.id() + " takes subjects of kind "
                        + category.subjectKinds() + ", got " + kind);
            }
        }
        String code = requiredText("subject.code", subject.get("code"), errors);
        if (code != null && kind != null) {
            CodeCheck check = kind == SubjectKind.ORG
                    ? UnifiedSocialCreditCode.check(code, regions, catalogue.legacyUsccAllowList())
                    : ResidentIdNumber.check(code, regions, today);
            if (!check.valid()) errors.add("subject.code", check);
        }
        checkName("subject.name", subject.get("name"), errors);
    }

    private void checkAuthority(JsonNode authority, boolean rejectUnknown, ValidationErrors errors) {
        if (!requiredObject("authority", authority, errors)) return;
        if (rejectUnknown) rejectUnknownKeys(authority, AUTHORITY_KEYS, "authority.", errors);
        String code = requiredText("authority.code", authority.get("code"), errors);
        if (code != null) {
            CodeCheck check = UnifiedSocialCreditCode.check(code, regions, catalogue.legacyUsccAllowList());
            if (!check.valid()) errors.add("authority.code", check);
        }
        checkName("authority.name", authority.get("name"), errors);
    }

    private static void checkName(String path, JsonNode v, ValidationErrors errors) {
        String name = requiredText(path, v, errors);
        if (name != null && JsonValues.longerThan(name, NAME_MAX_LENGTH)) {
            errors.add(path, "LENGTH", "at most " + NAME_MAX_LENGTH + " characters, got " + JsonValues.length(name));
        }
    }

    private static LocalDate decisionDate(JsonNode v, LocalDate today, ValidationErrors errors) {
        String text = requiredText("decisionDate", v, errors);
        if (text == null) return null;
        LocalDate date = IsoDates.parse(text);
        if (date == null) {
            errors.add("decisionDate", "FORMAT", "expected a date YYYY-MM-DD, got " + JsonValues.quote(text));
            return null;
        }
        if (date.isAfter(today)) {
            errors.add("decisionDate", "DATE_FUTURE", "decision date " + date + " is after today (" + today + ", Asia/Shanghai)");
            return null;
        }
        return date;
    }

    private void checkSeverity(JsonNode v, CategorySpec category, ValidationErrors errors) {
        boolean absent = JsonValues.isAbsent(v);
        switch (category.severity()) {
            case NONE:
                if (!absent) {
                    errors.add("severity", "UNKNOWN_FIELD", "category " + category.id() + " has no severity; leave it out");
                }
                return;
            case REQUIRED:
                if (absent) {
                    errors.add("severity", "REQUIRED", "category " + category.id() + " needs a severity, one of "
                            + catalogue.severities().keySet());
                    return;
                }
                break;
            default:
                if (absent) return;
        }
        if (!v.isTextual()) {
            errors.add("severity", "TYPE", "expected a string, got " + JsonValues.describe(v));
        } else if (!catalogue.severities().containsKey(v.textValue())) {
            errors.add("severity", "ENUM", "expected one of " + catalogue.severities().keySet() + ", got " + JsonValues.quote(v.textValue()));
        }
    }

    /** The text of a required string value, or null after recording REQUIRED or TYPE. */
    static String requiredText(String path, JsonNode v, ValidationErrors errors) {
        if (JsonValues.isAbsent(v)) {
            errors.add(path, "REQUIRED", path + " is required");
            return null;
        }
        if (!v.isTextual()) {
            errors.add(path, "TYPE", "expected a string, got " + JsonValues.describe(v));
            return null;
        }
        return v.textValue();
    }

    private static boolean requiredObject(String path, JsonNode v, ValidationErrors errors) {
        if (v == null || v.isNull()) {
            errors.add(path, "REQUIRED", path + " is required");
            return false;
        }
        if (!v.isObject()) {
            errors.add(path, "TYPE", "expected an object, got " + JsonValues.describe(v));
            return false;
        }
        return true;
    }

    private static void rejectUnknownKeys(JsonNode object, Set<String> known, String prefix, ValidationErrors errors) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                errors.add(prefix + key, "UNKNOWN_FIELD", "not part of a record; expected " + sorted(known));
            }
        }
    }

    private static String sorted(Set<String> keys) {
        return new java.util.TreeSet<>(keys).toString();
    }
}
