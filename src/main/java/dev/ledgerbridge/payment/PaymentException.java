package dev.ledgerbridge.payment;

/** A payment request that cannot be carried out, with a message fit for the person who made it. */
public class PaymentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PaymentException(String message) {
        super(message);
    }
}
