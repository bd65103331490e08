package dev.ledgerbridge.mail;

/** A message read back from its .eml file in the outbox: its log row, its headers as sent, and its text body. */
public record OutboxMessage(MailLogEntry entry, String from, String to, String subject, String date, String text) {
}
