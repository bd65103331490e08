package dev.ledgerbridge.customer;

import java.time.Instant;
import java.util.List;

/**
 * What Ledgerbridge keeps about a customer beyond QuickBooks' own fields: additional email addresses (which
 * receive receipts and requests too) and notes. {@code updatedAt} is null when nothing was ever saved.
 */
public record CustomerSettings(List<String> extraEmails, String notes, Instant updatedAt, String updatedBy) {
    public static final CustomerSettings NONE = new CustomerSettings(List.of(), null, null, null);
}
