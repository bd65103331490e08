package dev.ledgerbridge.payment.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerbridge.LogCapture;
import dev.ledgerbridge.payment.PaymentFixture;
import dev.ledgerbridge.payment.PaymentLedger;
import dev.ledgerbridge.payment.PaymentProfile;
import dev.ledgerbridge.payment.PaymentResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Stripe over real HTTP: the payment-settings and payment-profiles contract of the JSON API, and webhooks at
 * /webhooks/stripe/{companyId} signed (or not) as Stripe signs them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StripeApiAndWebhooksTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static StripeWorld w;
    static LogCapture logs;

    @BeforeAll
    static void start() {
        logs = LogCapture.start(Level.DEBUG, "dev.ledgerbridge", "com.stripe", "org.eclipse.jetty");
        w = new StripeWorld(Map.of(), false);
    }

    @AfterAll
    static void stop() throws Exception {
        w.close();
        logs.close();
    }

    static HttpResponse<String> send(String user, String password, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(w.fx.baseUrl() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)));
        b.header("Content-Type", "application/json").method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return send(PaymentFixture.ADMIN, PaymentFixture.ADMIN_PASSWORD, method, path, body);
    }

    static HttpResponse<String> webhook(String payload, String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(w.fx.baseUrl() + "/webhooks/stripe/"
                + w.fx.companyId)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (signature != null) {
            b.header("Stripe-Signature", signature);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String settings() {
        return "/api/v1/companies/" + w.fx.companyId + "/payment-settings";
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    @Test
    @Order(1)
    void paymentSettingsTakeTheKeysOnceAndNeverShowTheSecretsAgain() throws Exception {
        HttpResponse<String> refused = send(PaymentFixture.STAFF, PaymentFixture.STAFF_PASSWORD, "PUT", settings(),
                "{\"gateway\": \"stripe\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        HttpResponse<String> wrongKey = admin("PUT", settings(), "{\"gateway\": \"stripe\", \"stripe\":"
                + " {\"publishableKey\": \"" + StripeStandIn.PUBLISHABLE_KEY + "\", \"secretKey\": \""
                + StripeStandIn.PUBLISHABLE_KEY + "\"}}");
        assertThat(wrongKey.statusCode()).as(wrongKey.body()).isEqualTo(400);
        assertThat(wrongKey.body()).contains("sk_test_");

        HttpResponse<String> put = admin("PUT", settings(), "{\"gateway\": \"stripe\", \"stripe\": {\"publishableKey\":"
                + " \"" + StripeStandIn.PUBLISHABLE_KEY + "\", \"secretKey\": \"" + StripeStandIn.SECRET_KEY
                + "\", \"webhookSecret\": \"" + StripeStandIn.WEBHOOK_SECRET + "\"}}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        // a later change of another field keeps the secrets entered once
        assertThat(admin("PUT", settings(), "{\"currency\": \"usd\", \"stripe\": {\"publishableKey\": \""
                + StripeStandIn.PUBLISHABLE_KEY + "\"}}").statusCode()).isEqualTo(200);
        HttpResponse<String> get = admin("GET", settings(), null);
        JsonNode s = JSON.readTree(get.body());

        assertThat(s.get("gateway").asText()).isEqualTo("stripe");
        assertThat(s.path("stripe").path("publishableKey").asText()).isEqualTo(StripeStandIn.PUBLISHABLE_KEY);
        assertThat(s.path("stripe").path("secretKeySet").asBoolean()).isTrue();
        assertThat(s.path("stripe").path("secretKeyLast4").asText()).isEqualTo("2xYz");
        assertThat(s.path("stripe").path("webhookSecretLast4").asText()).isEqualTo("cret");
        for (String secret : List.of(StripeStandIn.SECRET_KEY, StripeStandIn.WEBHOOK_SECRET)) {
            assertThat(get.body()).doesNotContain(secret);
            assertThat(put.body()).doesNotContain(secret);
            assertThat(w.fx.everyText()).noneMatch(t -> t.contains(secret));
            assertThat(logs.texts()).noneMatch(t -> t.contains(secret));
        }
        assertThat(w.fx.rows("SELECT name, public_value IS NULL, sealed_value LIKE 'v1:%', last4 FROM"
                + " gateway_credential ORDER BY name")).containsExactly(
                java.util.Arrays.asList("publishableKey", "0", null, null), List.of("secretKey", "1", "1", "2xYz"),
                List.of("webhookSecret", "1", "1", "cret"));
    }

    @Test
    @Order(2)
    void aPaymentProfileIsSavedFromAPaymentMethodIdAndACardNumberIsRefused() throws Exception {
        String pm = w.stripe.paymentMethod(StripeStandIn.VISA);
        String path = "/api/v1/companies/" + w.fx.companyId + "/customers/" + w.fx.smith.listId() + "/payment-profiles";

        HttpResponse<String> made = admin("POST", path, "{\"gateway\": \"stripe\", \"paymentMethodId\": \"" + pm
                + "\"}");
        HttpResponse<String> typed = admin("POST", path, "{\"gateway\": \"stripe\", \"testCard\": \""
                + StripeStandIn.VISA + "\", \"expMonth\": 12, \"expYear\": 2030}");

        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        JsonNode p = JSON.readTree(made.body());
        assertThat(p.get("gateway").asText()).isEqualTo("stripe");
        assertThat(p.get("brand").asText()).isEqualTo("Visa");
        assertThat(p.get("last4").asText()).isEqualTo("4242");
        assertThat(w.stripe.paymentMethods(w.fx.rows("SELECT gateway_customer_id FROM payment_profile WHERE id = "
                + p.get("id").asLong()).get(0).get(0))).containsExactly(pm);
        assertThat(typed.statusCode()).isEqualTo(400);
        assertThat(w.fx.count("SELECT COUNT(*) FROM payment_profile")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void unsignedWronglySignedAndStaleWebhooksAreRefusedAndChangeNothing() throws Exception {
        String payload = StripeStandIn.event("evt_bad1", "payment_intent.succeeded", JSON.createObjectNode()
                .put("id", "pi_x").put("object", "payment_intent"));

        assertThat(webhook(payload, null).statusCode()).isEqualTo(400);
        assertThat(webhook(payload, StripeStandIn.signature(payload, "whsec_someoneElse", now())).statusCode())
                .isEqualTo(400);
        assertThat(webhook(payload, StripeStandIn.signature(payload, StripeStandIn.WEBHOOK_SECRET, now() - 600))
                .statusCode()).isEqualTo(400);
        assertThat(webhook(payload + " ", StripeStandIn.signature(payload, StripeStandIn.WEBHOOK_SECRET, now()))
                .statusCode()).as("a body changed after signing").isEqualTo(400);
        assertThat(w.fx.count("SELECT COUNT(*) FROM gateway_event")).isZero();
    }

    @Test
    @Order(4)
    void aSignedEventSettlesALostAnswerOnceAndAReplayChangesNothing() throws Exception {
        PaymentProfile visa = w.card(w.fx.jones, StripeStandIn.VISA);
        w.stripe.slowNext(3, 1300);
        PaymentResult lost = w.fx.app().payments.charge(w.pay(visa, "wh-1", "manual", w.fx.jonesInvoice.txnId(),
                "50.00"));
        assertThat(lost.result()).isEqualTo("Error");
        ObjectNode pi = w.stripe.paymentIntents().stream().filter(x -> x.path("metadata").path("ledgerbridge_key")
                .asText().equals("lb-" + w.fx.companyId + "-wh-1")).findFirst().orElseThrow();
        String payload = StripeStandIn.event("evt_ok1", "payment_intent.succeeded", pi);
        String signature = StripeStandIn.signature(payload, StripeStandIn.WEBHOOK_SECRET, now());

        HttpResponse<String> first = webhook(payload, signature);
        HttpResponse<String> replay = webhook(payload, signature);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).get("duplicate").asBoolean()).isFalse();
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(replay.body()).get("duplicate").asBoolean()).isTrue();
        assertThat(w.fx.rows("SELECT result, gateway_ref, post_action_id IS NOT NULL FROM payment_txn WHERE id = "
                + lost.id())).containsExactly(List.of("Approved", pi.get("id").asText(), "1"));
        assertThat(w.fx.count("SELECT COUNT(*) FROM gateway_event WHERE event_id = 'evt_ok1'")).isEqualTo(1);
        assertThat(w.fx.count("SELECT COUNT(*) FROM action_request WHERE kind = 'post-payment'")).isEqualTo(1);
        assertThat(w.stripe.charges()).isEqualTo(1);
    }

    @Test
    @Order(5)
    void refundsAndDisputesMadeAtStripeShowInTheCustomersHistory() throws Exception {
        ObjectNode pi = w.stripe.paymentIntents().stream().filter(x -> x.path("metadata").path("ledgerbridge_key")
                .asText().equals("lb-" + w.fx.companyId + "-wh-1")).findFirst().orElseThrow();
        ObjectNode charge = JSON.createObjectNode().put("id", "ch_1").put("object", "charge")
                .put("payment_intent", pi.get("id").asText()).put("customer", pi.get("customer").asText())
                .put("amount", 5000).put("amount_refunded", 1500).put("currency", "usd");
        ObjectNode dispute = JSON.createObjectNode().put("id", "dp_1").put("object", "dispute").put("charge", "ch_1")
                .put("payment_intent", pi.get("id").asText()).put("amount", 3500).put("currency", "usd")
                .put("reason", "fraudulent");
        for (String payload : List.of(StripeStandIn.event("evt_ref1", "charge.refunded", charge),
                StripeStandIn.event("evt_dsp1", "charge.dispute.created", dispute))) {
            assertThat(webhook(payload, StripeStandIn.signature(payload, StripeStandIn.WEBHOOK_SECRET, now()))
                    .statusCode()).isEqualTo(200);
        }

        List<PaymentLedger.Transaction> history = w.fx.app().payments.transactions(w.fx.companyId,
                w.fx.jones.listId());

        assertThat(history).anySatisfy(t -> {
            assertThat(t.result()).isEqualTo("Refunded");
            assertThat(t.amount()).isEqualByComparingTo("-15.00");
            assertThat(t.invoiceTxnId()).isEqualTo(w.fx.jonesInvoice.txnId());
            assertThat(t.message()).contains("Refunded at Stripe");
        });
        assertThat(history).anySatisfy(t -> {
            assertThat(t.result()).isEqualTo("Disputed");
            assertThat(t.amount()).isEqualByComparingTo("35.00");
            assertThat(t.message()).contains("fraudulent");
        });
    }
}
