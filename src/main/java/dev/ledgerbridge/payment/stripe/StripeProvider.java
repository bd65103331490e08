package dev.ledgerbridge.payment.stripe;

import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.payment.GatewayProvider;
import dev.ledgerbridge.payment.PaymentException;
import dev.ledgerbridge.payment.PaymentGateway;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Stripe as a provider: an account is a publishable key (for Stripe.js), a secret key (sk_ or a restricted rk_) and,
 * for webhooks, a signing secret (whsec_). Calls go to stripe.api.base through the official SDK; pages load Stripe.js
 * from stripe.js.url.
 */
public final class StripeProvider implements GatewayProvider {
    public static final String NAME = "stripe";
    static final String PUBLISHABLE_KEY = "publishableKey";
    static final String SECRET_KEY = "secretKey";
    static final String WEBHOOK_SECRET = "webhookSecret";

    private final String apiBase;
    private final String jsUrl;
    private final int retries;
    private final Duration timeout;

    public StripeProvider(Config config) {
        this(config.get(Setting.STRIPE_API_BASE), config.get(Setting.STRIPE_JS_URL),
                config.getInt(Setting.STRIPE_MAX_NETWORK_RETRIES),
                Duration.ofSeconds(config.getInt(Setting.STRIPE_TIMEOUT_SECONDS)));
    }

    StripeProvider(String apiBase, String jsUrl, int retries, Duration timeout) {
        this.apiBase = url(apiBase, Setting.STRIPE_API_BASE);
        this.jsUrl = url(jsUrl, Setting.STRIPE_JS_URL);
        this.retries = retries;
        this.timeout = timeout;
    }

    private static String url(String v, Setting s) {
        try {
            URI u = URI.create(v.trim());
            if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null) {
                throw new IllegalArgumentException(v);
            }
            return v.trim().replaceAll("/+$", s == Setting.STRIPE_API_BASE ? "" : "/");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(s.key() + " must be an http(s) URL, e.g. " + s.defaultValue(), e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String label() {
        return "Stripe";
    }

    @Override
    public List<CredentialField> fields() {
        return List.of(
                new CredentialField(PUBLISHABLE_KEY, "publishable key", false, true,
                        "pk_test_... or pk_live_..., from the Stripe Dashboard's API keys page; Stripe.js uses it on the"
                                + " card pages."),
                new CredentialField(SECRET_KEY, "secret key", true, true,
                        "sk_test_... or sk_live_... (or a restricted rk_ key); entered once, kept encrypted, never shown"
                                + " again."),
                new CredentialField(WEBHOOK_SECRET, "webhook signing secret", true, false,
                        "whsec_..., from the webhook endpoint you add in Stripe (optional: only when Stripe can reach"
                                + " this server)."));
    }

    @Override
    public void check(Map<String, String> c) {
        String pk = c.get(PUBLISHABLE_KEY);
        String sk = c.get(SECRET_KEY);
        String wh = c.get(WEBHOOK_SECRET);
        if (pk != null && !pk.matches("pk_(test|live)_[A-Za-z0-9_]+")) {
            throw new PaymentException("The Stripe publishable key starts with pk_test_ or pk_live_.");
        }
        if (sk != null && !sk.matches("[sr]k_(test|live)_[A-Za-z0-9_]+")) {
            throw new PaymentException("The Stripe secret key starts with sk_test_ or sk_live_ (or rk_ for a restricted"
                    + " key); a publishable key (pk_) cannot be used here.");
        }
        if (wh != null && !wh.matches("whsec_[A-Za-z0-9_+/=]+")) {
            throw new PaymentException("The Stripe webhook signing secret starts with whsec_.");
        }
        if (pk != null && sk != null && testKey(pk) != testKey(sk)) {
            throw new PaymentException("The Stripe keys are from different modes: use the publishable and secret key of"
                    + " test mode together (pk_test_, sk_test_), or of live mode (pk_live_, sk_live_).");
        }
    }

    static boolean testKey(String key) {
        return key.contains("_test_");
    }

    @Override
    public String fieldsScript() {
        return "dev/ledgerbridge/payment/stripe/fields.js";
    }

    @Override
    public List<String> hostedResultFields() {
        return StripeGateway.RESULT_FIELDS;
    }

    @Override
    public PaymentGateway open(Map<String, String> credentials) {
        String sk = credentials.get(SECRET_KEY);
        if (sk == null || credentials.get(PUBLISHABLE_KEY) == null) {
            throw new PaymentException("Stripe is not connected for this company: an admin enters its publishable and"
                    + " secret keys under Payment settings.");
        }
        return new StripeGateway(new StripeGateway.Account(credentials.get(PUBLISHABLE_KEY), sk,
                credentials.get(WEBHOOK_SECRET)), apiBase, jsUrl, retries, timeout);
    }
}
