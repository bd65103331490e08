package dev.ledgerbridge.mail;

import java.time.Instant;

/** One row of mail_log: a message Ledgerbridge sent, wrote to the outbox, or failed to send. */
public record MailLogEntry(long id, Instant createdAt, String recipients, String subject, String status, String error,
                           String outboxFile) {
    public boolean inOutbox() {
        return outboxFile != null;
    }
}
