/**
 * Email. In: {@link dev.ledgerbridge.mail.Email} messages from the services that notify customers (card-information
 * requests, receipts). Out: the message sent through the configured SMTP server (Jakarta Mail), or, when
 * mail.smtp.host is empty, written as an .eml file to the outbox folder under the data dir; either way one row in
 * mail_log with its status (sent, outbox, failed) and a clear error, which the admin pages' Outbox page lists. A
 * failed send never throws into the request that caused it, and the SMTP password never reaches a log or the table.
 */
package dev.ledgerbridge.mail;
