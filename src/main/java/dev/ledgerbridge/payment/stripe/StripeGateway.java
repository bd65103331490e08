package dev.ledgerbridge.payment.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.Refund;
import com.stripe.model.SetupIntent;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import com.stripe.param.CustomerPaymentMethodListParams;
import com.stripe.param.CustomerSearchParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentListParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;
import com.stripe.param.SetupIntentCreateParams;
import dev.ledgerbridge.payment.CustomerRef;
import dev.ledgerbridge.payment.GatewayCharge;
import dev.ledgerbridge.payment.GatewayCustomer;
import dev.ledgerbridge.payment.GatewayEvent;
import dev.ledgerbridge.payment.GatewayRefund;
import dev.ledgerbridge.payment.GatewayResult;
import dev.ledgerbridge.payment.HostedFields;
import dev.ledgerbridge.payment.PaymentException;
import dev.ledgerbridge.payment.PaymentGateway;
import dev.ledgerbridge.payment.TokenizedCard;
import dev.ledgerbridge.payment.WebhookRejected;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One company's Stripe account through the official SDK. Cards are saved with a SetupIntent confirmed by Stripe.js in
 * the customer's browser (the number goes to Stripe, never here); charges are PaymentIntents confirmed at once
 * ({@code off_session} when nobody is present), in the currency's minor units, with metadata naming the company,
 * customer, invoices and the attempt's key, and an Idempotency-Key derived from it, so a call sent again returns the
 * first PaymentIntent instead of charging twice. The SDK sends a call again on network errors, 409 and 5xx; a 429 is
 * sent again here, as often. A charge whose answer was lost is found again by listing the customer's PaymentIntents
 * and matching the key in their metadata. Webhooks are verified with the SDK (5 minutes' tolerance).
 */
final class StripeGateway implements PaymentGateway {
    private static final Logger log = LoggerFactory.getLogger(StripeGateway.class);
    /** Currencies without a minor unit (Stripe's list): amounts are sent as they are. */
    private static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA",
            "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
    /** Currencies with three decimals. */
    private static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");
    static final String KEY = "ledgerbridge_key";
    /** What fields.js posts back: the SetupIntent Stripe.js confirmed and its PaymentMethod. */
    static final List<String> RESULT_FIELDS = List.of("setupIntentId", "paymentMethodId");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long WEBHOOK_TOLERANCE_SECONDS = 300;
    static final String AUTHENTICATION_REQUIRED = "the customer must confirm this card: send a card-information"
            + " request";

    /** A company's Stripe keys. */
    record Account(String publishableKey, String secretKey, String webhookSecret) {
        @Override
        public String toString() {
            return "Account[" + (StripeProvider.testKey(secretKey) ? "test" : "live") + "]";
        }
    }

    private final Account account;
    private final StripeClient client;
    private final String jsUrl;
    private final String apiBase;
    private final int retries;

    StripeGateway(Account account, String apiBase, String jsUrl, int retries, Duration timeout) {
        this.account = account;
        this.jsUrl = jsUrl;
        this.apiBase = apiBase;
        this.retries = retries;
        this.client = StripeClient.builder().setApiKey(account.secretKey()).setApiBase(apiBase)
                .setMaxNetworkRetries(retries).setConnectTimeout((int) Math.min(timeout.toMillis(), 30_000))
                .setReadTimeout((int) timeout.toMillis()).build();
    }

    @Override
    public String name() {
        return StripeProvider.NAME;
    }

    @Override
    public String label() {
        return "Stripe";
    }

    @Override
    public String testLabel() {
        return StripeProvider.testKey(account.secretKey()) ? "Stripe test mode" : null;
    }

    @Override
    public boolean isSandbox() {
        return false;
    }

    @Override
    public String account() {
        return StripeProvider.testKey(account.secretKey()) ? "test" : "live";
    }

    /** A call to Stripe; a 429 is sent again as often as the SDK sends others (same Idempotency-Key). */
    private interface Call<T> {
        T run() throws StripeException;
    }

    private <T> T call(Call<T> c) throws StripeException {
        for (int attempt = 0; ; attempt++) {
            try {
                return c.run();
            } catch (RateLimitException e) {
                if (attempt >= retries) {
                    throw e;
                }
                sleep(Duration.ofMillis(500L << attempt));
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RequestOptions key(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    // ---- customers and cards -----------------------------------------------------------------------------------

    @Override
    public String customerProfile(CustomerRef c) {
        CustomerCreateParams.Builder p = CustomerCreateParams.builder()
                .setName(c.name() == null ? null : cut(c.name(), 256))
                .putMetadata("ledgerbridge_company", Long.toString(c.companyId()))
                .putMetadata("ledgerbridge_company_name", cut(c.companyName() == null ? "" : c.companyName(), 500))
                .putMetadata("quickbooks_list_id", c.listId());
        c.firstEmail(512).ifPresent(p::setEmail);
        try {
            // the same key for one customer: two first cards saved at once make one Stripe customer
            Customer made = call(() -> client.customers().create(p.build(),
                    key("lb-customer-" + c.companyId() + "-" + c.listId())));
            log.info("Stripe customer {} made for customer {} of company {}", made.getId(), c.listId(), c.companyId());
            return made.getId();
        } catch (StripeException e) {
            throw refused("The customer could not be made at Stripe", e);
        }
    }


    @Override
    public HostedFields hostedFields(String customerProfileId) {
        SetupIntent si;
        try {
            si = call(() -> client.setupIntents().create(SetupIntentCreateParams.builder()
                    .setCustomer(customerProfileId).addPaymentMethodType("card")
                    .setUsage(SetupIntentCreateParams.Usage.OFF_SESSION).build()));
        } catch (StripeException e) {
            throw refused("Stripe could not prepare the card form", e);
        }
        String js = HostedFields.origin(jsUrl);
        List<String> frames = new ArrayList<>(List.of(js));
        if (js.equals("https://js.stripe.com")) {
            frames.add("https://hooks.stripe.com"); // Stripe.js shows card authentication (3-D Secure) from there
        }
        return new HostedFields(name(), jsUrl, Map.of("publishableKey", account.publishableKey(), "clientSecret", si.getClientSecret()),
                List.of(js), frames, List.of(HostedFields.origin(apiBase)), RESULT_FIELDS);
    }


    /**
     * Saves the card from what Stripe.js returned: {@code setupIntentId} (a SetupIntent of this customer that
     * succeeded) or {@code paymentMethodId} (a PaymentMethod made by Stripe.js, attached here to this customer).
     */
    @Override
    public TokenizedCard saveHosted(String customerProfileId, Map<String, String> result) {
        String setupIntentId = result.get("setupIntentId");
        String pmId = result.get("paymentMethodId");
        try {
            if (setupIntentId != null && !setupIntentId.isBlank()) {
                if (!setupIntentId.matches("seti_[A-Za-z0-9_]{1,100}")) {
                    throw new PaymentException("setupIntentId must be a Stripe SetupIntent id (seti_...).");
                }
                SetupIntent si = call(() -> client.setupIntents().retrieve(setupIntentId));
                if (!customerProfileId.equals(si.getCustomer())) {
                    throw new PaymentException("This SetupIntent belongs to another customer.");
                }
                if (!"succeeded".equals(si.getStatus())) {
                    throw new PaymentException("The card was not confirmed at Stripe (" + si.getStatus() + ")"
                            + (si.getLastSetupError() == null ? "." : ": " + si.getLastSetupError().getMessage()));
                }
                return card(call(() -> client.paymentMethods().retrieve(si.getPaymentMethod())));
            }
            if (pmId == null || !pmId.matches("pm_[A-Za-z0-9_]{1,100}")) {
                throw new PaymentException("Stripe saves a card from \"paymentMethodId\": \"pm_...\", the PaymentMethod"
                        + " Stripe.js created.");
            }
            PaymentMethod pm = call(() -> client.paymentMethods().retrieve(pmId));
            if (pm.getCustomer() != null && !pm.getCustomer().equals(customerProfileId)) {
                throw new PaymentException("This PaymentMethod belongs to another Stripe customer.");
            }
            if (pm.getCustomer() == null) {
                pm = call(() -> client.paymentMethods().attach(pmId, PaymentMethodAttachParams.builder()
                        .setCustomer(customerProfileId).build(), key("lb-attach-" + customerProfileId + "-" + pmId)));
            }
            return card(pm);
        } catch (StripeException e) {
            throw refused("Stripe did not save the card", e);
        }
    }

    private static TokenizedCard card(PaymentMethod pm) {
        if (!"card".equals(pm.getType()) || pm.getCard() == null) {
            throw new PaymentException("Only cards can be saved (this PaymentMethod is " + pm.getType() + ").");
        }
        PaymentMethod.Card c = pm.getCard();
        return new TokenizedCard(pm.getId(), brand(c.getBrand()), c.getLast4(), c.getExpMonth().intValue(),
                c.getExpYear().intValue(), c.getFingerprint());
    }

    static String brand(String stripeBrand) {
        return switch (stripeBrand == null ? "" : stripeBrand) {
            case "visa" -> "Visa";
            case "mastercard" -> "Mastercard";
            case "amex" -> "Amex";
            case "discover" -> "Discover";
            case "diners" -> "Diners";
            case "jcb" -> "JCB";
            case "unionpay" -> "UnionPay";
            case "cartes_bancaires" -> "Cartes Bancaires";
            default -> "Card";
        };
    }

    @Override
    public List<GatewayCustomer> findCustomers(String query) {
        try {
            List<Customer> found;
            if (query.contains("@")) {
                found = call(() -> client.customers().list(CustomerListParams.builder().setEmail(query).setLimit(20L)
                        .build())).getData();
            } else {
                String q = "name~\"" + query.replace("\\", "").replace("\"", "") + "\"";
                found = call(() -> client.customers().search(CustomerSearchParams.builder().setQuery(q).setLimit(20L)
                        .build())).getData();
            }
            return found.stream().map(c -> new GatewayCustomer(c.getId(), c.getName(), c.getEmail())).toList();
        } catch (StripeException e) {
            throw refused("Stripe could not be searched", e);
        }
    }

    @Override
    public List<TokenizedCard> savedCards(String customerProfileId) {
        if (customerProfileId == null || !customerProfileId.matches("cus_[A-Za-z0-9_]{1,100}")) {
            throw new PaymentException("Choose a Stripe customer (cus_...).");
        }
        try {
            return call(() -> client.customers().paymentMethods().list(customerProfileId,
                    CustomerPaymentMethodListParams.builder().setType(CustomerPaymentMethodListParams.Type.CARD)
                            .setLimit(100L).build())).getData().stream().map(StripeGateway::card).toList();
        } catch (StripeException e) {
            throw refused("Stripe did not list the customer's cards", e);
        }
    }

    @Override
    public void deletePaymentMethod(String customerProfileId, String token) {
        try {
            call(() -> client.paymentMethods().detach(token));
        } catch (InvalidRequestException e) {
            log.info("Stripe PaymentMethod {} was already detached or gone: {}", token, e.getCode());
        } catch (StripeException e) {
            throw refused("Stripe did not remove the card", e);
        }
    }

    // ---- charges and refunds -----------------------------------------------------------------------------------

    /** The amount in the currency's smallest unit; throws PaymentException when it has more decimals than that. */
    static long minorUnits(BigDecimal amount, String currency) {
        int digits = ZERO_DECIMAL.contains(currency) ? 0 : THREE_DECIMAL.contains(currency) ? 3 : 2;
        try {
            return amount.movePointRight(digits).longValueExact();
        } catch (ArithmeticException e) {
            throw new PaymentException(currency + " amounts have " + digits + " decimals at most at Stripe.");
        }
    }

    static BigDecimal fromMinor(Long minor, String currency) {
        if (minor == null) {
            return null;
        }
        String c = currency == null ? "" : currency.toUpperCase(Locale.ROOT);
        int digits = ZERO_DECIMAL.contains(c) ? 0 : THREE_DECIMAL.contains(c) ? 3 : 2;
        return BigDecimal.valueOf(minor, digits).setScale(Math.max(2, digits));
    }

    @Override
    public GatewayResult charge(GatewayCharge c) {
        long amount;
        try {
            amount = minorUnits(c.amount(), c.currency());
        } catch (PaymentException e) {
            return GatewayResult.declined(null, "Not sent to Stripe: " + e.getMessage());
        }
        PaymentIntentCreateParams.Builder p = PaymentIntentCreateParams.builder()
                .setAmount(amount).setCurrency(c.currency().toLowerCase(Locale.ROOT))
                .setCustomer(c.customerProfileId()).setPaymentMethod(c.token()).setConfirm(true)
                .setDescription(c.description()).putAllMetadata(c.metadata())
                .addPaymentMethodType("card");
        if (c.offSession()) {
            p.setOffSession(true);
        }
        try {
            PaymentIntent pi = call(() -> client.paymentIntents().create(p.build(), key(c.key())));
            GatewayResult r = result(pi);
            if ("requires_action".equals(pi.getStatus())) {
                cancelQuietly(pi.getId());
            }
            return r;
        } catch (CardException e) {
            return declined(e);
        } catch (StripeException e) {
            return failed(e);
        }
    }

    private void cancelQuietly(String paymentIntentId) {
        try {
            call(() -> client.paymentIntents().cancel(paymentIntentId));
        } catch (StripeException e) {
            log.info("Stripe PaymentIntent {} waiting for authentication was not cancelled: {}", paymentIntentId,
                    e.getCode());
        }
    }

    /** What a PaymentIntent's state means here. */
    static GatewayResult result(PaymentIntent pi) {
        String status = pi.getStatus() == null ? "" : pi.getStatus();
        return switch (status) {
            case "succeeded" -> GatewayResult.approved(pi.getId(), "Approved");
            case "processing", "requires_capture" -> GatewayResult.held(pi.getId(), "Processing at Stripe; it is"
                    + " settled when Stripe decides it.");
            case "requires_action", "requires_confirmation" -> GatewayResult.declined(pi.getId(),
                    "Declined (authentication_required): " + AUTHENTICATION_REQUIRED + ".");
            case "canceled" -> GatewayResult.declined(pi.getId(), "Cancelled at Stripe"
                    + (pi.getLastPaymentError() == null ? "." : ": " + sentence(pi.getLastPaymentError())));
            default -> GatewayResult.declined(pi.getId(), pi.getLastPaymentError() == null
                    ? "Declined by Stripe (" + status + ")." : sentence(pi.getLastPaymentError()));
        };
    }

    private static GatewayResult declined(CardException e) {
        StripeError err = e.getStripeError();
        String ref = err != null && err.getPaymentIntent() != null ? err.getPaymentIntent().getId() : null;
        return GatewayResult.declined(ref, err == null ? "Declined: " + e.getMessage() : sentence(err));
    }

    /** "Declined (insufficient_funds): the card has insufficient funds." and so on. */
    static String sentence(StripeError err) {
        String code = err.getDeclineCode() != null ? err.getDeclineCode() : err.getCode();
        if ("authentication_required".equals(err.getCode()) || "authentication_required".equals(err.getDeclineCode())) {
            return "Declined (authentication_required): " + AUTHENTICATION_REQUIRED + ".";
        }
        String why = switch (code == null ? "" : code) {
            case "insufficient_funds" -> "the card has insufficient funds";
            case "expired_card" -> "the card has expired: ask the customer for a new one";
            case "incorrect_cvc", "invalid_cvc" -> "the card's security code was wrong";
            case "incorrect_number", "invalid_number" -> "the card number is wrong";
            case "lost_card", "stolen_card", "pickup_card" -> "the bank reports the card lost or stolen: do not"
                    + " retry it";
            case "do_not_honor", "generic_decline", "card_declined" -> "the bank declined the card without saying"
                    + " why: the customer should call the bank or use another card";
            case "card_velocity_exceeded", "withdrawal_count_limit_exceeded" -> "the card's limit was reached";
            case "fraudulent" -> "the bank suspects fraud: do not retry this card";
            case "processing_error" -> "the bank had an error processing the card; try again later";
            case "currency_not_supported" -> "the card does not support this currency";
            default -> err.getMessage() == null ? "declined by the bank" : err.getMessage();
        };
        return "Declined (" + (code == null ? "card_declined" : code) + "): " + why + ".";
    }

    private static GatewayResult failed(StripeException e) {
        if (e instanceof InvalidRequestException && !(e instanceof RateLimitException)
                && !"idempotency_error".equals(typeOf(e))
                && !"idempotency_key_in_use".equals(e.getCode())) {
            // a request Stripe refused outright moved no money (e.g. a card no longer there)
            return GatewayResult.declined(null, "Stripe refused the charge: " + e.getStripeError().getMessage());
        }
        log.warn("Stripe call failed ({}): {}", e.getClass().getSimpleName(), e.getCode());
        String what = e instanceof ApiConnectionException ? "did not answer in time"
                : e instanceof RateLimitException ? "is busy (too many requests)"
                : "answered with an error (" + (e.getStatusCode() == null ? "?" : e.getStatusCode()) + ")";
        return GatewayResult.error("Stripe " + what + "; the outcome is unknown. Ask the gateway again: it is asked"
                + " what it did before anything is sent again.");
    }

    private static String typeOf(StripeException e) {
        return e.getStripeError() == null ? null : e.getStripeError().getType();
    }

    @Override
    public GatewayResult refund(GatewayRefund r) {
        if (r.chargeReference() == null || !r.chargeReference().startsWith("pi_")) {
            return GatewayResult.declined(null, "There is no Stripe PaymentIntent to refund.");
        }
        try {
            long amount = minorUnits(r.amount(), r.currency());
            Refund refund = call(() -> client.refunds().create(RefundCreateParams.builder()
                    .setPaymentIntent(r.chargeReference()).setAmount(amount).putAllMetadata(r.metadata()).build(),
                    key(r.key())));
            return refundResult(refund);
        } catch (PaymentException e) {
            return GatewayResult.declined(null, "Not sent to Stripe: " + e.getMessage());
        } catch (CardException e) {
            return declined(e);
        } catch (StripeException e) {
            return failed(e);
        }
    }

    private static GatewayResult refundResult(Refund refund) {
        return switch (refund.getStatus() == null ? "" : refund.getStatus()) {
            case "succeeded" -> GatewayResult.approved(refund.getId(), "Refunded");
            case "pending" -> GatewayResult.approved(refund.getId(), "Refunded (pending at the customer's bank)");
            case "requires_action" -> GatewayResult.held(refund.getId(), "Refund waiting at Stripe");
            default -> GatewayResult.declined(refund.getId(), "Refund " + refund.getStatus() + " at Stripe"
                    + (refund.getFailureReason() == null ? "." : ": " + refund.getFailureReason()));
        };
    }

    @Override
    public Optional<GatewayResult> lookup(GatewayCharge c) {
        try {
            long since = c.createdAt().minus(Duration.ofMinutes(10)).getEpochSecond();
            for (PaymentIntent pi : call(() -> client.paymentIntents().list(PaymentIntentListParams.builder()
                    .setCustomer(c.customerProfileId()).setCreated(PaymentIntentListParams.Created.builder()
                            .setGte(since).build()).setLimit(100L).build())).autoPagingIterable()) {
                if (c.key().equals(pi.getMetadata() == null ? null : pi.getMetadata().get(KEY))) {
                    return Optional.of(result(pi));
                }
            }
            return Optional.empty();
        } catch (StripeException e) {
            throw new PaymentException("Stripe could not be asked about the charge (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    @Override
    public Optional<GatewayResult> lookup(GatewayRefund r) {
        if (r.chargeReference() == null || !r.chargeReference().startsWith("pi_")) {
            return Optional.empty();
        }
        try {
            for (Refund refund : call(() -> client.refunds().list(RefundListParams.builder()
                    .setPaymentIntent(r.chargeReference()).setLimit(100L).build())).autoPagingIterable()) {
                if (r.key().equals(refund.getMetadata() == null ? null : refund.getMetadata().get(KEY))) {
                    return Optional.of(refundResult(refund));
                }
            }
            return Optional.empty();
        } catch (StripeException e) {
            throw new PaymentException("Stripe could not be asked about the refund (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    // ---- webhooks ----------------------------------------------------------------------------------------------

    @Override
    public GatewayEvent verifyWebhook(String payload, Function<String, String> headers) {
        if (account.webhookSecret() == null) {
            throw new WebhookRejected("No Stripe webhook signing secret is set for this company.");
        }
        String signature = headers.apply("Stripe-Signature");
        if (signature == null || signature.isBlank()) {
            throw new WebhookRejected("The Stripe-Signature header is missing.");
        }
        Event event;
        try {
            event = Webhook.constructEvent(payload, signature, account.webhookSecret(), WEBHOOK_TOLERANCE_SECONDS);
        } catch (SignatureVerificationException e) {
            throw new WebhookRejected("The Stripe-Signature does not match (or is older than 5 minutes).");
        } catch (RuntimeException e) {
            throw new WebhookRejected("The body is not a Stripe event.");
        }
        JsonNode o;
        try {
            o = JSON.readTree(event.getDataObjectDeserializer().getRawJson());
        } catch (java.io.IOException | RuntimeException e) {
            throw new WebhookRejected("The Stripe event has no data object.");
        }
        if (o == null || !o.isObject()) {
            throw new WebhookRejected("The Stripe event has no data object.");
        }
        String type = event.getType() == null ? "" : event.getType();
        String currency = str(o, "currency") == null ? null : str(o, "currency").toUpperCase(Locale.ROOT);
        String key = str(o.path("metadata"), KEY);
        return switch (type) {
            case "payment_intent.succeeded" -> new GatewayEvent(event.getId(), type,
                    GatewayEvent.Kind.CHARGE_SUCCEEDED, str(o, "id"), key, str(o, "customer"),
                    fromMinor(num(o, "amount_received"), currency), currency, "Payment succeeded at Stripe.");
            case "payment_intent.payment_failed" -> new GatewayEvent(event.getId(), type,
                    GatewayEvent.Kind.CHARGE_FAILED, str(o, "id"), key, str(o, "customer"),
                    fromMinor(num(o, "amount"), currency), currency, failure(o));
            case "charge.refunded" -> new GatewayEvent(event.getId(), type, GatewayEvent.Kind.REFUNDED,
                    str(o, "payment_intent"), key, str(o, "customer"), fromMinor(num(o, "amount_refunded"), currency),
                    currency, "Refunded at Stripe: " + fromMinor(num(o, "amount_refunded"), currency) + " " + currency
                    + " of " + fromMinor(num(o, "amount"), currency) + " in all (charge " + str(o, "id") + ").");
            case "charge.dispute.created" -> new GatewayEvent(event.getId(), type, GatewayEvent.Kind.DISPUTED,
                    str(o, "payment_intent"), null, null, fromMinor(num(o, "amount"), currency), currency,
                    "Disputed by the cardholder at Stripe" + (str(o, "reason") == null ? "" : " (" + str(o, "reason")
                    + ")") + ": respond in the Stripe Dashboard before the deadline.");
            default -> new GatewayEvent(event.getId(), type, GatewayEvent.Kind.OTHER, null, null, null, null, null,
                    type);
        };
    }

    private static String failure(JsonNode pi) {
        JsonNode o = pi.path("last_payment_error");
        if (!o.isObject()) {
            return "Declined at Stripe.";
        }
        StripeError err = new StripeError();
        err.setCode(str(o, "code"));
        err.setDeclineCode(str(o, "decline_code"));
        err.setMessage(str(o, "message"));
        return sentence(err);
    }

    private static String str(JsonNode o, String field) {
        JsonNode e = o.path(field);
        return e.isValueNode() && !e.isNull() ? e.asText() : null;
    }

    private static Long num(JsonNode o, String field) {
        JsonNode e = o.path(field);
        return e.isIntegralNumber() ? e.asLong() : null;
    }

    private static PaymentException refused(String what, StripeException e) {
        String why = e.getStripeError() != null && e.getStripeError().getMessage() != null
                ? e.getStripeError().getMessage() : e.getClass().getSimpleName();
        log.warn("{}: {} ({})", what, e.getClass().getSimpleName(), e.getCode());
        return new PaymentException(what + ": " + why);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
