package org.creditnode.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A test on another value of the same record, used by {@code requiredWhen} and {@code typeWhen}.
 * {@code field} names a field of the category ({@code CF_CFLB}) or, with a dot, an envelope value
 * ({@code subject.kind}). Then exactly one of:
 * <ul>
 *   <li>{@code equals: X} — the value is X;</li>
 *   <li>{@code contains: X} or {@code contains: [X, Y]} — for a multi-valued enum one of its
 *       items is X (or Y); for other fields the text contains X (or Y);</li>
 *   <li>neither — the value is present and not blank.</li>
 * </ul>
 */
public final class Condition {

    private final String field;
    private final String equals;
    private final List<String> contains;
    /** Precomputed so that envelope lookups cost no parsing per record. */
    private final JsonPointer envelopePointer;

    @JsonCreator
    public Condition(@JsonProperty("field") String field,
                     @JsonProperty("equals") String equals,
                     @JsonProperty("contains") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> contains) {
        this.field = field;
        this.equals = equals;
        this.contains = contains == null ? List.of() : List.copyOf(contains);
        this.envelopePointer = field != null && field.indexOf('.') > 0 ? JsonPointer.compile("/" + field.replace('.', '/')) : null;
    }

    public String field() {
        return field;
    }

    public String equalsValue() {
        return equals;
    }

    public List<String> contains() {
        return contains;
    }

    /** Whether {@link #field} names an envelope value ({@code subject.kind}) rather than a catalogue field. */
    public boolean isEnvelopeField() {
        return envelopePointer != null;
    }

    /** Whether the condition holds for a record; {@code fields} is its "fields" object (may be missing). */
    boolean holds(JsonNode record, JsonNode fields, CategorySpec category) {
        JsonNode node = envelopePointer != null ? record.at(envelopePointer) : fields.path(field);
        if (!node.isValueNode() || node.isNull()) return false;
        String text = node.asText();
        if (text.isBlank()) return false;
        if (equals != null) return equals.equals(text);
        if (contains.isEmpty()) return true;
        FieldSpec referenced = envelopePointer == null ? category.fields().get(field) : null;
        String separator = referenced == null ? null : referenced.multi();
        for (String wanted : contains) {
            if (separator == null ? text.contains(wanted) : MultiValues.containsItem(text, separator, wanted)) return true;
        }
        return false;
    }

    /** For messages: "CF_CFLB contains 罚款". */
    public String describe() {
        if (equals != null) return field + " is " + equals;
        if (contains.isEmpty()) return field + " is given";
        return field + " contains " + (contains.size() == 1 ? contains.get(0) : "one of " + contains);
    }
}
