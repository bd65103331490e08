package dev.ledgerbridge.mail;

/**
 * What became of one {@link Email}: the id of its mail_log row, its status ({@link Mailer#SENT} through SMTP,
 * {@link Mailer#OUTBOX} written to the outbox folder, or {@link Mailer#FAILED}) and, when it failed, why (fit for
 * people; never a password).
 */
public record MailReceipt(long id, String status, String error) {
    /** Sent through SMTP or written to the outbox: the message exists somewhere a person can read it. */
    public boolean delivered() {
        return !Mailer.FAILED.equals(status);
    }
}
