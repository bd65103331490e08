package dev.ledgerbridge.payment;

/**
 * What {@link CardRequests#send} did for one customer: {@code status} is {@link #SENT} (with the request's id; the
 * email went out, or to the outbox), {@link #SKIPPED} (nothing created, e.g. "skipped: no email address") or
 * {@link #FAILED} (the request exists but its email could not be sent). {@code message} says it in words.
 */
public record CardRequestOutcome(String status, Long requestId, String message) {
    public static final String SENT = "sent";
    public static final String SKIPPED = "skipped";
    public static final String FAILED = "failed";

    public boolean sent() {
        return SENT.equals(status);
    }

    static CardRequestOutcome skipped(String reason) {
        return new CardRequestOutcome(SKIPPED, null, "skipped: " + reason);
    }
}
