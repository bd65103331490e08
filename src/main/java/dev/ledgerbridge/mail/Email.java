package dev.ledgerbridge.mail;

import java.util.List;
import java.util.Objects;

/**
 * One message to send: recipients (plain addresses), subject, text body and an optional HTML body (null = text
 * only). The sender is the configured mail.from.
 */
public record Email(List<String> to, String subject, String text, String html) {
    public Email {
        to = List.copyOf(Objects.requireNonNull(to, "to"));
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
    }

    /** A text-only message. */
    public Email(List<String> to, String subject, String text) {
        this(to, subject, text, null);
    }
}
