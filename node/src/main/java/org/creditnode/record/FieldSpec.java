package org.creditnode.record;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One catalogue field of a category (catalog.yaml {@code fields:}); the key in the category's
 * map is its identifier. Unset limits are null.
 *
 * @param values      allowed values of an ENUM, in catalogue order
 * @param multi       separator of a multi-valued ENUM (e.g. ";"), else null
 * @param scale       most digits after the decimal point of a DECIMAL
 * @param requiredWhen makes the field required when the condition holds
 * @param typeWhen    checks the value as another type when the condition holds
 * @param personal    a natural person's data (an ID number, a name): masked in the public view
 */
public record FieldSpec(String label,
                        FieldType type,
                        Integer maxLength,
                        Boolean required,
                        Condition requiredWhen,
                        @JsonDeserialize(as = LinkedHashSet.class) Set<String> values,
                        String multi,
                        BigDecimal min,
                        BigDecimal max,
                        Integer scale,
                        TypeOverride typeWhen,
                        Boolean personal) {

    public FieldSpec {
        required = Boolean.TRUE.equals(required);
        values = values == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    /** Marked personal, or an ID number by type: shown masked to the public. */
    public boolean isPersonal() {
        return Boolean.TRUE.equals(personal) || type == FieldType.IDNUMBER
                || (typeWhen != null && typeWhen.type() == FieldType.IDNUMBER);
    }

    public boolean isRequired() {
        return required;
    }
}
