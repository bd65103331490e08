package dev.ledgerbridge.payment;

/** An idempotency key that an earlier, different request used: nothing was charged or refunded for this one. */
public final class IdempotencyKeyConflict extends PaymentException {
    private static final long serialVersionUID = 1L;

    IdempotencyKeyConflict(long paymentId) {
        super("This idempotency key was already used for a different request (payment #" + paymentId + ").");
    }
}
