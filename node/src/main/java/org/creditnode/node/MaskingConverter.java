package org.creditnode.node;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A last line of defence for personal data in logs: every 18-character run that looks like a
 * resident ID number (17 digits and a digit or X) is masked to its first 6 and last 2 characters,
 * and quotes are escaped so that the msg="..." field stays one field. Code should not log ID
 * numbers at all; this catches the ones that slip through (e.g. inside an exception message).
 */
public final class MaskingConverter extends ClassicConverter {
    private static final Pattern ID = Pattern.compile("(?<![0-9A-Za-z])(\\d{6})\\d{10}([0-9Xx]{2})(?![0-9A-Za-z])");

    @Override
    public String convert(ILoggingEvent event) {
        return mask(event.getFormattedMessage());
    }

    public static String mask(String message) {
        if (message == null) return "";
        Matcher m = ID.matcher(message);
        String masked = m.find() ? m.replaceAll("$1**********$2") : message;
        return masked.replace("\"", "\\\"").replace("\n", "\\n");
    }
}
