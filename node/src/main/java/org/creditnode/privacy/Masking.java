package org.creditnode.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How personal data is shown where it must not be read in full (the public view, logs, audit
 * messages): as 信用中国 shows it — an ID number keeps its region and last four characters, a
 * natural person's name its family name.
 */
public final class Masking {
    /** Eighteen-character resident ID numbers standing alone in a text (not inside a longer code). */
    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9A-Za-z])(\\d{6})\\d{8}(\\d{3}[0-9Xx])(?![0-9A-Za-z])");

    private Masking() {
    }

    /** 36040419900101123X → 360404********123X. */
    public static String maskIdNumber(String id) {
        if (id == null || id.length() < 10) return "*".repeat(id == null ? 0 : id.length());
        return id.substring(0, 6) + "*".repeat(id.length() - 10) + id.substring(id.length() - 4);
    }

    /** 张三 → 张*, 欧阳娜娜 → 欧***: the first character stays. */
    public static String maskName(String name) {
        if (name == null || name.isEmpty()) return name;
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }

    /** Every ID number in a free text (an error message, an audit entry) masked. */
    public static String maskIdNumbers(String text) {
        if (text == null) return null;
        Matcher m = ID_NUMBER.matcher(text);
        if (!m.find()) return text;
        StringBuilder out = new StringBuilder();
        do {
            m.appendReplacement(out, m.group(1) + "********" + m.group(2));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
