package dev.ledgerbridge.payment;

/** A webhook request that is not from the gateway (no signature, a wrong one, too old): answered 400, nothing kept. */
public final class WebhookRejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WebhookRejected(String message) {
        super(message);
    }
}
