package dev.ledgerbridge.action;

import java.time.Instant;

/**
 * A request of the action queue: what, for whom, in which state, with what result. {@code statusCode} is the qbXML
 * status of QuickBooks' last answer, {@code qbRef} what QuickBooks made (a posted payment's TxnID); the
 * {@code results*} counts say, for a bulk action, how many customers were done, skipped or failed.
 */
public record ActionRequest(long id, long companyId, String kind, String targetType, String targetId, String state,
                            String idempotencyKey, int customerCount, String payload, String message,
                            String requestedBy, int attempts, Integer statusCode, String qbRef, Instant sentAt,
                            Instant finishedAt, boolean dismissed, int resultsDone, int resultsSkipped,
                            int resultsFailed, Instant createdAt, Instant updatedAt) {

    /** Whether the action is over (done, failed or cancelled). */
    public boolean finished() {
        return ActionQueue.DONE.equals(state) || ActionQueue.FAILED.equals(state)
                || ActionQueue.CANCELLED.equals(state);
    }
}
