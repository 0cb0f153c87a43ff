package org.creditnode.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A stricter type for a field when another value says so, e.g. a certificate number is checked
 * as a resident ID number when its certificate type is 身份证:
 * {@code typeWhen: {field: CF_FR_ZJLX, equals: 身份证, type: idnumber}}.
 */
public final class TypeOverride {

    private final Condition when;
    private final FieldType type;

    @JsonCreator
    public TypeOverride(@JsonProperty("field") String field,
                        @JsonProperty("equals") String equals,
                        @JsonProperty("contains") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> contains,
                        @JsonProperty("type") FieldType type) {
        this.when = new Condition(field, equals, contains);
        this.type = type;
    }

    public Condition when() {
        return when;
    }

    public FieldType type() {
        return type;
    }
}
