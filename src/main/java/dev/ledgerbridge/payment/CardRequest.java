package dev.ledgerbridge.payment;

import java.time.Instant;

/**
 * A card-information request as staff see it. {@code state} is what to show: sent, opened, completed, failed (the
 * email could not be sent) or expired (sent or opened, and past {@code expiresAt}).
 */
public record CardRequest(long id, long companyId, String listId, String kind, Long replacesProfileId, String state,
                          String recipients, String requestedBy, Instant createdAt, Instant expiresAt, Instant openedAt,
                          Instant completedAt, String completedFrom, Long profileId, Long mailId) {
    /** Whether its link still works. */
    public boolean usable() {
        return CardRequests.SENT.equals(state) || CardRequests.OPENED.equals(state);
    }
}
