package org.creditnode.privacy;

import org.creditnode.record.ResidentIdNumber;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How personal data is shown where it must not be read in full (the public view, logs, audit
 * messages): as 信用中国 shows it — an ID number keeps its region and last four characters, a
 * natural person's name its family name.
 */
public final class Masking {
    /** Eighteen characters that may be a resident ID number, standing alone in a text (not inside a longer code). */
    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9A-Za-z])\\d{17}[0-9Xx](?![0-9A-Za-z])");

    private Masking() {
    }

    /** 36040419900101123X → 360404********123X (region and last four kept, the birth date hidden). */
    public static String maskIdNumber(String id) {
        return ResidentIdNumber.mask(id);
    }

    /** 张三 → 张*, 欧阳娜娜 → 欧***: the first character stays. */
    public static String maskName(String name) {
        if (name == null || name.isEmpty()) return name;
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }

    /**
     * Every ID number in a free text (a log line, an error message, an audit entry) masked — with
     * a bad check character too (a mistyped number is still a person's), but not an all-digit
     * unified social credit code of a state organ (11…), whose "birth date" is no date.
     */
    public static String maskIdNumbers(String text) {
        if (text == null) return null;
        Matcher m = ID_NUMBER.matcher(text);
        if (!m.find()) return text;
        StringBuilder out = new StringBuilder();
        do {
            String candidate = m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(hasBirthDate(candidate) ? maskIdNumber(candidate) : candidate));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    /** Characters 7 to 14 read as a date between 1900 and 2099. */
    private static boolean hasBirthDate(String id) {
        int year = Integer.parseInt(id.substring(6, 10));
        int month = Integer.parseInt(id.substring(10, 12));
        int day = Integer.parseInt(id.substring(12, 14));
        return year >= 1900 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }
}
