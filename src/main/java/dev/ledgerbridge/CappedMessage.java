package dev.ledgerbridge;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.slf4j.helpers.MessageFormatter;

/**
 * The log message ({@code %msg} in conf/logback.xml) with what a caller cannot vouch for kept in bounds: every
 * argument of a parameterised message (user names, addresses, file names, QuickBooks' texts, exception messages) is
 * cut to {@value #MAX_ARGUMENT} characters with its line breaks and other control characters made visible, so a
 * client cannot write a two-megabyte line or a line that looks like another entry; the whole message is cut to
 * {@value #MAX_MESSAGE} characters. One place for every log line, instead of each call remembering to do it.
 */
public final class CappedMessage extends ClassicConverter {
    static final int MAX_ARGUMENT = 1000;
    static final int MAX_MESSAGE = 20_000;

    @Override
    public String convert(ILoggingEvent event) {
        Object[] args = event.getArgumentArray();
        String message;
        if (args == null || args.length == 0) {
            message = event.getFormattedMessage();
        } else {
            Object[] capped = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                capped[i] = args[i] == null ? null : argument(String.valueOf(args[i]));
            }
            message = MessageFormatter.arrayFormat(event.getMessage(), capped).getMessage();
        }
        return cut(message == null ? "" : message, MAX_MESSAGE);
    }

    /** An argument as it may appear in a log line: at most MAX_ARGUMENT characters, on the line it was put in. */
    static String argument(String s) {
        String cut = cut(s, MAX_ARGUMENT);
        StringBuilder b = null;
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            String replacement = c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? null
                    : Character.isISOControl(c) ? "?" : null;
            if (replacement != null && b == null) {
                b = new StringBuilder(cut.length() + 16).append(cut, 0, i);
            }
            if (b != null) {
                if (replacement != null) {
                    b.append(replacement);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? cut : b.toString();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "… (" + (s.length() - max) + " more characters)";
    }
}
