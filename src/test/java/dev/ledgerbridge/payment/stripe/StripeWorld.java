package dev.ledgerbridge.payment.stripe;

import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.payment.ChargeRequest;
import dev.ledgerbridge.payment.InvoiceAmount;
import dev.ledgerbridge.payment.PaymentFixture;
import dev.ledgerbridge.payment.PaymentProfile;
import dev.ledgerbridge.testkit.QbCustomer;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A running server with a synced company (see {@link PaymentFixture}) connected to the Stripe stand-in: its calls go
 * there through the SDK (stripe.api.base), with a one-second timeout so a late answer is quick to make.
 */
public final class StripeWorld implements AutoCloseable {
    public final StripeStandIn stripe = new StripeStandIn();
    public final PaymentFixture fx;

    StripeWorld() {
        this(Map.of());
    }

    public StripeWorld(Map<Setting, String> settings) {
        this(settings, true);
    }

    /** {@code connect}: the company's Stripe keys are saved at once (else a test saves them itself). */
    StripeWorld(Map<Setting, String> settings, boolean connect) {
        java.util.Map<Setting, String> all = new java.util.EnumMap<>(Setting.class);
        all.put(Setting.STRIPE_API_BASE, stripe.baseUrl());
        all.put(Setting.STRIPE_JS_URL, stripe.jsUrl());
        all.put(Setting.STRIPE_TIMEOUT_SECONDS, "1");
        all.put(Setting.AUTO_PROCESSING_TICK_SECONDS, "0");
        all.putAll(settings);
        fx = new PaymentFixture(Clock.systemUTC(), all);
        if (connect) {
            connect();
        }
    }

    void connect() {
        fx.app().paymentSettings.save(fx.companyId, "stripe", null, "USD", "Credit Card", null,
                Map.of("publishableKey", StripeStandIn.PUBLISHABLE_KEY, "secretKey", StripeStandIn.SECRET_KEY,
                        "webhookSecret", StripeStandIn.WEBHOOK_SECRET), "boss");
    }

    /** A card saved as the card pages do: a PaymentMethod made by Stripe.js, saved from its id. */
    PaymentProfile card(QbCustomer c, String number) {
        return fx.app().paymentProfiles.addHosted(fx.companyId, c.listId(),
                Map.of("paymentMethodId", stripe.paymentMethod(number)), "Pat Smith", "clerk");
    }

    ChargeRequest pay(PaymentProfile p, String key, String source, String txnId, String amount) {
        return new ChargeRequest(fx.companyId, p.customerListId(), p.id(),
                List.of(new InvoiceAmount(txnId, new BigDecimal(amount))), null, key, source, "clerk");
    }

    @Override
    public void close() {
        fx.close();
        stripe.close();
    }
}
