package org.creditnode.federation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Outcome of verifying one record: accepted ({@code code == null}, with the record as parsed
 * during the checks, so that no later step parses it again) or refused with a reason.
 */
public record Verdict(Refusal code, String message, JsonNode record) {

    public static Verdict ok(JsonNode record) {
        return new Verdict(null, null, java.util.Objects.requireNonNull(record, "record"));
    }

    public static Verdict refuse(Refusal code, String message) {
        return new Verdict(java.util.Objects.requireNonNull(code, "code"), message, null);
    }

    public boolean isOk() {
        return code == null;
    }
}
