package dev.ledgerbridge.payment;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * A payment gateway, shaped after real ones: a customer profile per customer, cards saved there as payment methods
 * known here only by token, charges and refunds that carry an idempotency key (the same key always gives the
 * first answer and never moves money twice), amounts in a currency. Card numbers go to {@link #tokenize} and
 * nowhere else.
 */
public interface PaymentGateway {

    /** The name stored in the settings, e.g. "sandbox". */
    String name();

    /** What the pages show for it, e.g. "Sandbox - no real money". */
    String label();

    /** True for a gateway that moves no real money. */
    boolean isSandbox();

    /** The gateway's customer profile for this reference (created on first use); returns its id. */
    String customerProfile(String reference);

    /** Saves a card as a payment method of the customer profile; throws PaymentException when refused. */
    TokenizedCard tokenize(String customerProfileId, CardDetails card);

    /** Deletes a payment method; deleting one already gone is not an error. */
    void deletePaymentMethod(String customerProfileId, String token);

    GatewayResult charge(String token, BigDecimal amount, String currency, String idempotencyKey);

    GatewayResult refund(String chargeReference, BigDecimal amount, String idempotencyKey);

    /**
     * What the gateway did under an idempotency key, without doing anything: its first answer, or empty when the key
     * never reached it (or it no longer keeps it, see {@link #idempotencyWindow}).
     */
    Optional<GatewayResult> lookup(String idempotencyKey);

    /**
     * How long the gateway keeps idempotency keys (Stripe: 24 hours). A charge sent again under an older key could be
     * carried out twice, so an attempt older than this is never sent again automatically.
     */
    default Duration idempotencyWindow() {
        return Duration.ofHours(24);
    }
}
