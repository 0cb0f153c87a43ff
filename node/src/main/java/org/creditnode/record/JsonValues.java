package org.creditnode.record;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/** Small helpers for reading submitted JSON values and describing them in messages. */
final class JsonValues {

    private JsonValues() {
    }

    /** Absent, JSON null, or a blank string: all mean "not given". */
    static boolean isAbsent(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode() || (v.isTextual() && v.textValue().isBlank());
    }

    /** "a number", "an object", ... for TYPE messages. */
    static String describe(JsonNode v) {
        switch (v.getNodeType()) {
            case ARRAY: return "an array";
            case OBJECT: return "an object";
            case BOOLEAN: return "a boolean";
            case NUMBER: return "a number";
            case STRING: return "a string";
            default: return v.getNodeType().name().toLowerCase(Locale.ROOT);
        }
    }

    /** Length in characters (code points): a CJK character or an emoji counts once. */
    static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Whether {@code s} has more than {@code max} characters, cheaply for the common short case. */
    static boolean longerThan(String s, int max) {
        return s.length() > max && length(s) > max;
    }

    /**
     * A value for a message, shortened so that a huge submitted string is not echoed whole, and
     * masked when it looks like an ID number sent in the wrong place (15+ digits in a row).
     */
    static String quote(String s) {
        if (hasLongDigitRun(s)) return "'" + ResidentIdNumber.mask(s) + "'";
        if (s.length() <= 40) return "'" + s + "'";
        int cut = s.offsetByCodePoints(0, Math.min(37, s.codePointCount(0, s.length())));
        return "'" + s.substring(0, cut) + "...'";
    }

    private static boolean hasLongDigitRun(String s) {
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = Character.isDigit(s.charAt(i)) ? run + 1 : 0;
            if (run >= 15) return true;
        }
        return false;
    }
}
