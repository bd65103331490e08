package dev.ledgerbridge.payment;

/**
 * A gateway's answer to a charge or refund: APPROVED with its reference; DECLINED with the gateway's reason; HELD
 * when the gateway has taken it but not decided (held for review, processing): not posted to QuickBooks until it is
 * approved; or ERROR when the outcome is unknown (no answer, timeout): an ERROR may still have charged, so the gateway
 * is asked about it before it is ever sent again.
 */
public record GatewayResult(Outcome outcome, String reference, String message) {

    public enum Outcome { APPROVED, DECLINED, HELD, ERROR }

    public static GatewayResult approved(String reference, String message) {
        return new GatewayResult(Outcome.APPROVED, reference, message);
    }

    public static GatewayResult declined(String reference, String reason) {
        return new GatewayResult(Outcome.DECLINED, reference, reason);
    }

    public static GatewayResult held(String reference, String message) {
        return new GatewayResult(Outcome.HELD, reference, message);
    }

    public static GatewayResult error(String message) {
        return new GatewayResult(Outcome.ERROR, null, message);
    }
}
