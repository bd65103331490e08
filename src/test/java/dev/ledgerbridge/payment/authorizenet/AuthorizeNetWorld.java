package dev.ledgerbridge.payment.authorizenet;

import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.payment.ChargeRequest;
import dev.ledgerbridge.payment.InvoiceAmount;
import dev.ledgerbridge.payment.PaymentFixture;
import dev.ledgerbridge.payment.PaymentProfile;
import dev.ledgerbridge.testkit.QbCustomer;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A running server with a synced company (see {@link PaymentFixture}) connected to the Authorize.Net stand-in: the
 * SDK's calls go there (authorizenet.api.url), with a short timeout so a late answer is quick to make (long enough for
 * the SDK's first call of each kind, which sets up its XML binding).
 */
public final class AuthorizeNetWorld implements AutoCloseable {
    public static final int TIMEOUT_SECONDS = 4;
    public final AuthorizeNetStandIn anet = new AuthorizeNetStandIn();
    public final PaymentFixture fx;

    public AuthorizeNetWorld() {
        this(Map.of(), true);
    }

    /** {@code connect}: the company's keys are saved at once (else a test saves them itself). */
    public AuthorizeNetWorld(Map<Setting, String> settings, boolean connect) {
        Map<Setting, String> all = new EnumMap<>(Setting.class);
        all.put(Setting.AUTHORIZENET_API_URL, anet.baseUrl());
        all.put(Setting.AUTHORIZENET_ACCEPT_JS_URL, anet.acceptJsUrl());
        all.put(Setting.AUTHORIZENET_TIMEOUT_SECONDS, Integer.toString(TIMEOUT_SECONDS));
        all.put(Setting.AUTO_PROCESSING_TICK_SECONDS, "0");
        all.putAll(settings);
        fx = new PaymentFixture(Clock.systemUTC(), all);
        if (connect) {
            connect();
        }
    }

    public void connect() {
        fx.app().paymentSettings.save(fx.companyId, "authorizenet", null, "USD", "Credit Card", null,
                Map.of("apiLoginId", AuthorizeNetStandIn.LOGIN, "clientKey", AuthorizeNetStandIn.CLIENT_KEY,
                        "transactionKey", AuthorizeNetStandIn.TRANSACTION_KEY, "signatureKey",
                        AuthorizeNetStandIn.SIGNATURE_KEY, "mode", "sandbox"), "boss");
    }

    /** A card saved as the card pages do: Accept.js's opaque data for this card number, saved as a payment profile. */
    public PaymentProfile card(QbCustomer c, String number) {
        Map<String, String> opaque = anet.opaqueData(number, 12, 2030);
        return fx.app().paymentProfiles.addHosted(fx.companyId, c.listId(), opaque, "Pat Smith", "clerk");
    }

    public ChargeRequest pay(PaymentProfile p, String key, String txnId, String amount) {
        return new ChargeRequest(fx.companyId, p.customerListId(), p.id(),
                List.of(new InvoiceAmount(txnId, new BigDecimal(amount))), null, key, "manual", "clerk");
    }

    /** The stand-in's id of a saved profile's card (its payment profile id). */
    public String token(PaymentProfile p) {
        return fx.rows("SELECT token FROM payment_profile WHERE id = " + p.id()).get(0).get(0).toString();
    }

    @Override
    public void close() {
        fx.close();
        anet.close();
    }
}
