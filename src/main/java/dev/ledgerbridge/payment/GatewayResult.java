package dev.ledgerbridge.payment;

/**
 * A gateway's answer to a charge or refund: APPROVED with its reference, DECLINED with the gateway's reason, or
 * ERROR when the outcome is unknown (no answer, timeout): an ERROR may still have charged, so it is retried only with
 * the same idempotency key.
 */
public record GatewayResult(Outcome outcome, String reference, String message) {

    public enum Outcome { APPROVED, DECLINED, ERROR }

    public static GatewayResult approved(String reference, String message) {
        return new GatewayResult(Outcome.APPROVED, reference, message);
    }

    public static GatewayResult declined(String reference, String reason) {
        return new GatewayResult(Outcome.DECLINED, reference, reason);
    }

    public static GatewayResult error(String message) {
        return new GatewayResult(Outcome.ERROR, null, message);
    }
}
