package org.creditnode.node;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

import org.creditnode.privacy.Masking;

/**
 * A last line of defence for personal data in logs: every run that looks like a resident ID
 * number is masked as {@link Masking#maskIdNumbers} masks it (the audit log uses the same), and
 * quotes are escaped so that the msg="..." field stays one field. Code should not log ID numbers
 * at all; this catches the ones that slip through (e.g. inside an exception message).
 */
public final class MaskingConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return mask(event.getFormattedMessage());
    }

    public static String mask(String message) {
        if (message == null) return "";
        return Masking.maskIdNumbers(message).replace("\"", "\\\"").replace("\n", "\\n");
    }
}
