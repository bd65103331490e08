package dev.ledgerbridge.payment;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One company's account at a payment gateway. The rest of Ledgerbridge asks only this interface: what differs between
 * providers (idempotency keys or searchable transaction lists, refund or void, where the card is typed) stays in the
 * adapter. A customer has a profile at the gateway; its cards are known here only by token. Card numbers reach
 * {@link #tokenize} only for a gateway that takes them on Ledgerbridge's own form (the sandbox); a real provider
 * takes them in its hosted fields ({@link #hostedFields}) and hands back what {@link #saveHosted} turns into a card.
 */
public interface PaymentGateway {

    /** The name stored in the settings and on each profile and payment, e.g. "sandbox", "stripe". */
    String name();

    /** What the pages call it, e.g. "Stripe". */
    String label();

    /**
     * What every payment page shows while no real money moves, e.g. "Sandbox - no real money" or "Stripe test mode";
     * null for a live account.
     */
    String testLabel();

    /** True for the built-in sandbox, which moves no money. */
    boolean isSandbox();

    /**
     * True when cards are typed into Ledgerbridge's own form and sent to {@link #tokenize} (the sandbox's test
     * cards); false for a provider with hosted fields.
     */
    default boolean typedCards() {
        return false;
    }

    /**
     * Which account of the gateway this is (e.g. Stripe's test or live mode): a customer profile made in one is not
     * looked for in another.
     */
    String account();

    /** The gateway's customer profile for a QuickBooks customer (created now; the caller keeps its id). */
    String customerProfile(CustomerRef customer);

    /**
     * What a page needs to run the gateway's hosted card fields for this customer profile (a script, its data, the
     * origins the Content-Security-Policy must allow); null when cards are typed into Ledgerbridge's own form.
     */
    default HostedFields hostedFields(String customerProfileId) {
        return null;
    }

    /** Saves a typed card; only for a gateway without hosted fields. Throws PaymentException when refused. */
    default TokenizedCard tokenize(String customerProfileId, CardDetails card) {
        throw new PaymentException(label() + " takes cards only in its own secure fields: card numbers are never sent"
                + " to Ledgerbridge.");
    }

    /**
     * Saves the card the hosted fields produced, from their result as the page or API sent it (field names are the
     * provider's, e.g. paymentMethodId); throws PaymentException when it is missing, refused or someone else's.
     */
    default TokenizedCard saveHosted(String customerProfileId, Map<String, String> hostedResult) {
        throw new PaymentException(label() + " takes typed test cards, not a hosted-fields result.");
    }

    /** What a person types to find customers already at the gateway ({@link #findCustomers}). */
    default String findPrompt() {
        return "Name or email";
    }

    /** Customers already at the gateway whose name or email matches, to link (empty when it cannot search). */
    default List<GatewayCustomer> findCustomers(String query) {
        return List.of();
    }

    /** The cards saved for a customer profile at the gateway, to link as payment profiles. */
    default List<TokenizedCard> savedCards(String customerProfileId) {
        return List.of();
    }

    /** Deletes a payment method; deleting one already gone is not an error. */
    void deletePaymentMethod(String customerProfileId, String token);

    /** Charges a saved card under the attempt's key; the same key never moves money twice. */
    GatewayResult charge(GatewayCharge charge);

    /** Returns money of an approved charge (refund, or void where the gateway has not settled it yet). */
    GatewayResult refund(GatewayRefund refund);

    /**
     * What the gateway did with this charge, without doing anything: its result, or empty when nothing reached it
     * (by key where the gateway keeps them, else by searching its records for the attempt).
     */
    Optional<GatewayResult> lookup(GatewayCharge charge);

    /** As {@link #lookup(GatewayCharge)}, for a refund. */
    Optional<GatewayResult> lookup(GatewayRefund refund);

    /**
     * Verifies a webhook request (raw body and its headers by name) and returns its event; throws {@link
     * WebhookRejected} when it is unsigned, wrongly signed or too old.
     */
    default GatewayEvent verifyWebhook(String payload, Function<String, String> headers) {
        throw new WebhookRejected(label() + " sends no webhooks.");
    }

    /**
     * How long the gateway keeps what makes a repeated call safe (Stripe: idempotency keys, 24 hours). A charge
     * whose outcome is unknown and that is older than this is never sent again automatically.
     */
    default Duration idempotencyWindow() {
        return Duration.ofHours(24);
    }
}
