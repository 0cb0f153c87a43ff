package org.creditnode.record;

import java.time.LocalDate;

/**
 * Strict {@code YYYY-MM-DD} reading without exceptions: records are validated at high rates and
 * a bad date is an ordinary outcome, not an exceptional one.
 */
final class IsoDates {

    private IsoDates() {
    }

    /** The date, or null when {@code text} is not exactly a valid {@code YYYY-MM-DD}. */
    static LocalDate parse(String text) {
        if (text == null || text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') return null;
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        return isValid(year, month, day) ? LocalDate.of(year, month, day) : null;
    }

    /** The number written by {@code length} ASCII digits from {@code offset}, or -1 if any is not a digit. */
    static int digits(CharSequence s, int offset, int length) {
        int v = 0;
        for (int i = offset; i < offset + length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    static boolean isValid(int year, int month, int day) {
        if (year < 1 || month < 1 || month > 12 || day < 1) return false;
        return day <= lengthOfMonth(year, month);
    }

    private static int lengthOfMonth(int year, int month) {
        switch (month) {
            case 2:
                boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                return leap ? 29 : 28;
            case 4: case 6: case 9: case 11:
                return 30;
            default:
                return 31;
        }
    }
}
