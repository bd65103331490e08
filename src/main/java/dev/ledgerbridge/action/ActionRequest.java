package dev.ledgerbridge.action;

import java.time.Instant;

/** A request for the action queue, as listed: what, for how many customers, in which state, with what result. */
public record ActionRequest(long id, long companyId, String kind, String state, String idempotencyKey,
                            int customerCount, String message, String requestedBy, Instant createdAt,
                            Instant updatedAt) {
}
