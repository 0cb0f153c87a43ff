package org.creditnode.federation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Outcome of verifying one record: accepted ({@code code == null}, with the record as parsed
 * during the checks, so that no later step parses it again, and for a batch-signed record its
 * whole audit path, base64) or refused with a reason.
 */
public record Verdict(Refusal code, String message, JsonNode record, List<String> proof) {

    public static Verdict ok(JsonNode record, List<String> proof) {
        return new Verdict(null, null, java.util.Objects.requireNonNull(record, "record"), proof);
    }

    public static Verdict refuse(Refusal code, String message) {
        return new Verdict(java.util.Objects.requireNonNull(code, "code"), message, null, null);
    }

    public boolean isOk() {
        return code == null;
    }
}
