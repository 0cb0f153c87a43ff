package org.creditnode.record;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Finds text a record may not carry: unpaired UTF-16 surrogates (JSON's "\ud800" escapes parse
 * into them), NUL and the other C0 control characters except tab, line feed and carriage return,
 * and the Unicode noncharacters U+FFFE, U+FFFF and U+FDD0–U+FDEF. Such text cannot be encoded as
 * UTF-8, stored by every database or shown to a person; a lone surrogate once failed a whole commit
 * group in the database, other clients' batches with it. Keys are checked as well as values.
 *
 * <p>One pass over the characters, nothing allocated while the record is clean.
 */
final class TextCheck {
    private TextCheck() {
    }

    /** Adds an INVALID_TEXT error per offending key or value, with its path; returns whether any was found. */
    static boolean check(JsonNode node, String path, ValidationErrors errors) {
        boolean found = false;
        if (node.isTextual()) {
            int at = firstInvalid(node.textValue());
            if (at >= 0) {
                errors.add(path.isEmpty() ? "record" : path, "INVALID_TEXT", describe(node.textValue(), at));
                return true;
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int at = firstInvalid(e.getKey());
                if (at >= 0) {
                    errors.add(path.isEmpty() ? "record" : path, "INVALID_TEXT", "a key: " + describe(e.getKey(), at));
                    found = true;
                    continue;
                }
                found |= check(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), errors);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) found |= check(node.get(i), path + "[" + i + "]", errors);
        }
        return found;
    }

    /** Index of the first character that may not be stored, or -1. */
    static int firstInvalid(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') return i;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
                else return i;
            } else if (Character.isLowSurrogate(c) || c == 0xFFFE || c == 0xFFFF || (c >= 0xFDD0 && c <= 0xFDEF)) {
                return i;
            }
        }
        return -1;
    }

    /** Names the character by its code, never echoing the text (it cannot be written back as UTF-8). */
    private static String describe(String s, int at) {
        char c = s.charAt(at);
        String what = Character.isSurrogate(c) ? "an unpaired surrogate" : c < 0x20 ? "a control character" : "a noncharacter";
        return String.format("%s U+%04X at character %d; text must be valid Unicode without control characters other "
                + "than tab and line breaks", what, (int) c, at + 1);
    }
}
