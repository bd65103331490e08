package dev.ledgerbridge.action;

import java.time.Instant;

/** A customer's primary email changed here and waiting to be written to QuickBooks. */
public record PendingEmail(String email, long actionId, String state, Instant createdAt) {
}
