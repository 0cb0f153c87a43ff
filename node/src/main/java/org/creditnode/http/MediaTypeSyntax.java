package org.creditnode.http;

/**
 * The syntax of a Content-Type value (RFC 9110 §8.3.1): type "/" subtype, then parameters
 * name=value where a value is a token or a quoted string. Jetty's servlet layer threw on some
 * malformed values (a lone quote: {@code charset="}) and answered 500.
 */
final class MediaTypeSyntax {
    private static final String TSPECIALS = "()<>@,;:\\\"/[]?={} \t";

    private MediaTypeSyntax() {
    }

    /** What is wrong with the value, or null when it parses. */
    static String problem(String value) {
        int i = token(value, 0);
        if (i == 0) return "has no media type";
        if (i >= value.length() || value.charAt(i) != '/') return "has no \"/\" after the type";
        int j = token(value, i + 1);
        if (j == i + 1) return "has no subtype";
        i = j;
        while (true) {
            i = spaces(value, i);
            if (i == value.length()) return null;
            if (value.charAt(i) != ';') return "has an unexpected character at position " + (i + 1);
            i = spaces(value, i + 1);
            if (i == value.length()) return null; // a trailing ';' is tolerated
            j = token(value, i);
            if (j == i) return "has a parameter without a name at position " + (i + 1);
            if (j >= value.length() || value.charAt(j) != '=') return "has a parameter without \"=\" at position " + (j + 1);
            i = j + 1;
            if (i < value.length() && value.charAt(i) == '"') {
                i++;
                while (i < value.length() && value.charAt(i) != '"') {
                    if (value.charAt(i) == '\\') i++;
                    i++;
                }
                if (i >= value.length()) return "has an unterminated quoted parameter value";
                i++;
            } else {
                j = token(value, i);
                if (j == i) return "has a parameter without a value at position " + (i + 1);
                i = j;
            }
        }
    }

    private static int token(String s, int from) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || TSPECIALS.indexOf(c) >= 0) break;
            i++;
        }
        return i;
    }

    private static int spaces(String s, int from) {
        int i = from;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
        return i;
    }
}
