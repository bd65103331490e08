package dev.ledgerbridge.payment;

import java.math.BigDecimal;

/**
 * A verified webhook event, in provider-neutral terms: its id (stored once), the provider's type, what it means here
 * ({@link Kind}), the charge it concerns (the gateway's reference and, when the gateway carries it, the attempt's key
 * from the charge's metadata), the gateway's customer, an amount, a sentence for the customer's history, and the
 * Ledgerbridge payment the gateway's record names, when it names one (a gateway without metadata carries it in its own
 * reference field).
 */
public record GatewayEvent(String id, String type, Kind kind, String chargeReference, String attemptKey,
                           String customerProfileId, BigDecimal amount, String currency, String summary,
                           Long paymentId) {

    public GatewayEvent(String id, String type, Kind kind, String chargeReference, String attemptKey,
                        String customerProfileId, BigDecimal amount, String currency, String summary) {
        this(id, type, kind, chargeReference, attemptKey, customerProfileId, amount, currency, summary, null);
    }

    public enum Kind {
        /** A charge was approved (settles an attempt whose answer was lost or held). */
        CHARGE_SUCCEEDED,
        /** A charge was declined. */
        CHARGE_FAILED,
        /** Money of a charge was returned (here or at the gateway). */
        REFUNDED,
        /** The cardholder disputed a charge. */
        DISPUTED,
        /** Anything else: stored, nothing changes. */
        OTHER
    }
}
