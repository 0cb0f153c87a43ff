package org.creditnode.record;

import java.util.ArrayList;
import java.util.List;

/** Collects a record's errors; allocates nothing while the record is clean. */
final class ValidationErrors {

    private List<FieldError> errors;

    void add(String field, String code, String message) {
        if (errors == null) errors = new ArrayList<>(4);
        errors.add(new FieldError(field, code, message));
    }

    void add(String field, CodeCheck failed) {
        add(field, failed.code(), failed.message());
    }

    List<FieldError> toList() {
        return errors == null ? List.of() : List.copyOf(errors);
    }
}
