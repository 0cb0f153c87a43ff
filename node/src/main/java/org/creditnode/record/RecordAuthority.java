package org.creditnode.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The authority a record reports for (its {@code authority.code}, the deciding authority of a
 * decision), as accounts and rules compare it: trimmed, upper case, "" when absent.
 */
public final class RecordAuthority {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordAuthority() {
    }

    /** The code of a parsed record. */
    public static String code(JsonNode record) {
        return record.path("authority").path("code").asText("").trim().toUpperCase(Locale.ROOT);
    }

    /** The code of a record's canonical JSON text (a stored record, already checked when it was made). */
    public static String code(String canonical) {
        try {
            return code(JSON.readTree(canonical));
        } catch (IOException e) {
            throw new UncheckedIOException("a stored record that is not JSON", e);
        }
    }
}
