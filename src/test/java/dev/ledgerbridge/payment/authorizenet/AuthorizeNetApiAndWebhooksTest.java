package dev.ledgerbridge.payment.authorizenet;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerbridge.LogCapture;
import dev.ledgerbridge.payment.PaymentFixture;
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
 * Authorize.Net over real HTTP: the payment-settings and payment-profiles contract of the JSON API (connect, save a
 * card from Accept.js's opaque data, link a CIM profile), and webhooks at /webhooks/authorizenet/{companyId} signed
 * (or not) with X-ANET-Signature as Authorize.Net signs them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthorizeNetApiAndWebhooksTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static AuthorizeNetWorld w;
    static LogCapture logs;

    @BeforeAll
    static void start() {
        logs = LogCapture.start(Level.DEBUG, "dev.ledgerbridge", "org.eclipse.jetty");
        w = new AuthorizeNetWorld(Map.of(), false);
    }

    @AfterAll
    static void stop() {
        w.close();
        logs.close();
    }

    static HttpResponse<String> admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(w.fx.baseUrl() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((PaymentFixture.ADMIN + ":"
                        + PaymentFixture.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        b.header("Content-Type", "application/json").method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> webhook(String payload, String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(w.fx.baseUrl() + "/webhooks/authorizenet/"
                + w.fx.companyId)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (signature != null) {
            b.header("X-ANET-Signature", signature);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String settings() {
        return "/api/v1/companies/" + w.fx.companyId + "/payment-settings";
    }

    static String profiles(String listId) {
        return "/api/v1/companies/" + w.fx.companyId + "/customers/" + listId + "/payment-profiles";
    }

    static String keys(String transactionKey) {
        return "{\"gateway\": \"authorizenet\", \"authorizenet\": {\"apiLoginId\": \"" + AuthorizeNetStandIn.LOGIN
                + "\", \"clientKey\": \"" + AuthorizeNetStandIn.CLIENT_KEY + "\", \"transactionKey\": \""
                + transactionKey + "\", \"signatureKey\": \"" + AuthorizeNetStandIn.SIGNATURE_KEY
                + "\", \"mode\": \"sandbox\"}}";
    }

    @Test
    @Order(1)
    void connectingChecksTheKeysAtAuthorizeNetKeepsThemEncryptedAndNeverShowsThemAgain() throws Exception {
        HttpResponse<String> wrong = admin("PUT", settings(), keys("0000000000000000"));
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(400);
        assertThat(wrong.body()).contains("did not accept the API Login ID and Transaction Key").contains("E00007");
        HttpResponse<String> badMode = admin("PUT", settings(), keys(AuthorizeNetStandIn.TRANSACTION_KEY)
                .replace("\"sandbox\"", "\"live\""));
        assertThat(badMode.statusCode()).isEqualTo(400);
        assertThat(badMode.body()).contains("sandbox or production");

        HttpResponse<String> put = admin("PUT", settings(), keys(AuthorizeNetStandIn.TRANSACTION_KEY));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        HttpResponse<String> get = admin("GET", settings(), null);
        JsonNode s = JSON.readTree(get.body());

        assertThat(s.get("gateway").asText()).isEqualTo("authorizenet");
        assertThat(s.path("authorizenet").path("apiLoginId").asText()).isEqualTo(AuthorizeNetStandIn.LOGIN);
        assertThat(s.path("authorizenet").path("clientKey").asText()).isEqualTo(AuthorizeNetStandIn.CLIENT_KEY);
        assertThat(s.path("authorizenet").path("transactionKeySet").asBoolean()).isTrue();
        assertThat(s.path("authorizenet").path("transactionKeyLast4").asText()).isEqualTo("AX7S");
        for (String secret : List.of(AuthorizeNetStandIn.TRANSACTION_KEY, AuthorizeNetStandIn.SIGNATURE_KEY)) {
            assertThat(get.body()).doesNotContain(secret);
            assertThat(put.body()).doesNotContain(secret);
            assertThat(w.fx.everyText()).noneMatch(t -> t.contains(secret));
            assertThat(logs.texts()).noneMatch(t -> t.contains(secret));
        }
        assertThat(w.fx.rows("SELECT name, sealed_value LIKE 'v1:%', last4 FROM gateway_credential WHERE gateway ="
                + " 'authorizenet' AND sealed_value IS NOT NULL ORDER BY name")).containsExactly(
                List.of("signatureKey", "1", "8F90"), List.of("transactionKey", "1", "AX7S"));
    }

    @Test
    @Order(2)
    void aCardIsSavedFromOpaqueDataAndAnExistingCimProfileIsLinkedById() throws Exception {
        Map<String, String> opaque = w.anet.opaqueData(AuthorizeNetStandIn.VISA, 11, 2031);
        HttpResponse<String> made = admin("POST", profiles(w.fx.smith.listId()), "{\"gateway\": \"authorizenet\","
                + " \"opaqueData\": {\"dataDescriptor\": \"" + opaque.get("dataDescriptor") + "\", \"dataValue\": \""
                + opaque.get("dataValue") + "\"}}");

        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        JsonNode p = JSON.readTree(made.body());
        assertThat(p.get("gateway").asText()).isEqualTo("authorizenet");
        assertThat(p.get("last4").asText()).isEqualTo("1111");
        assertThat(p.get("expYear").asInt()).isEqualTo(2031);

        String existing = w.anet.existingProfile("OLD-42", "jones@example.com", "5424000000000015");
        String card = w.anet.paymentProfilesOf(existing).get(0);
        HttpResponse<String> linked = admin("POST", profiles(w.fx.jones.listId()), "{\"gateway\": \"authorizenet\","
                + " \"customerProfileId\": \"" + existing + "\", \"paymentProfileId\": \"" + card + "\"}");

        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(201);
        assertThat(JSON.readTree(linked.body()).get("last4").asText()).isEqualTo("0015");
        assertThat(w.fx.rows("SELECT gateway_customer_id, token FROM payment_profile WHERE customer_list_id = '"
                + w.fx.jones.listId() + "' AND removed_at IS NULL")).containsExactly(List.of(existing, card));
        HttpResponse<String> none = admin("POST", profiles(w.fx.jones.listId()), "{\"gateway\": \"authorizenet\","
                + " \"customerProfileId\": \"99999\"}");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("no customer profile 99999");
        assertThat(w.fx.rows("SELECT COUNT(*) FROM gateway_customer WHERE gateway_customer_id = '99999'"))
                .containsExactly(List.of("0"));
    }

    @Test
    @Order(3)
    void existingCustomersAreFoundByMerchantCustomerIdEmailOrProfileId() {
        String existing = w.anet.existingProfile("QB-7781", "pat@example.com", AuthorizeNetStandIn.VISA);
        var profiles = w.fx.app().paymentProfiles;

        assertThat(profiles.findAtGateway(w.fx.companyId, "QB-7781")).extracting(c -> c.id()).containsExactly(existing);
        assertThat(profiles.findAtGateway(w.fx.companyId, "pat@example.com")).extracting(c -> c.email())
                .containsExactly("pat@example.com");
        assertThat(profiles.findAtGateway(w.fx.companyId, existing)).extracting(c -> c.id()).containsExactly(existing);
        assertThat(profiles.findAtGateway(w.fx.companyId, "nobody@example.com")).isEmpty();
    }

    @Test
    @Order(4)
    void aSignedNotificationSettlesAHeldChargeOnceAndABadOrMissingSignatureIsRefusedAndStoresNothing()
            throws Exception {
        PaymentProfile card = w.card(w.fx.smith, AuthorizeNetStandIn.REVIEW);
        PaymentResult held = w.fx.app().payments.charge(w.pay(card, "w-held", w.fx.open.txnId(), "11.00"));
        assertThat(held.result()).isEqualTo("Held");
        String transId = w.fx.rows("SELECT gateway_ref FROM payment_txn WHERE id = " + held.id()).get(0).get(0);
        w.anet.review(transId, true);
        String body = AuthorizeNetStandIn.notification("net.authorize.payment.fraud.approved", transId, 1, "11.00");

        HttpResponse<String> unsigned = webhook(body, null);
        HttpResponse<String> forged = webhook(body, AuthorizeNetStandIn.signature(body, "00" + AuthorizeNetStandIn
                .SIGNATURE_KEY.substring(2)));
        HttpResponse<String> tampered = webhook(body.replace("11.00", "1100.00"), AuthorizeNetStandIn.signature(body,
                AuthorizeNetStandIn.SIGNATURE_KEY));

        assertThat(List.of(unsigned.statusCode(), forged.statusCode(), tampered.statusCode())).containsOnly(400);
        assertThat(forged.body()).contains("X-ANET-Signature does not match");
        assertThat(w.fx.rows("SELECT COUNT(*) FROM gateway_event")).containsExactly(List.of("0"));
        assertThat(w.fx.rows("SELECT result FROM payment_txn WHERE id = " + held.id())).containsExactly(List.of("Held"));

        HttpResponse<String> good = webhook(body, AuthorizeNetStandIn.signature(body,
                AuthorizeNetStandIn.SIGNATURE_KEY));
        HttpResponse<String> again = webhook(body, AuthorizeNetStandIn.signature(body,
                AuthorizeNetStandIn.SIGNATURE_KEY));

        assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("duplicate").asBoolean()).isTrue();
        assertThat(w.fx.rows("SELECT result, post_action_id IS NOT NULL FROM payment_txn WHERE id = " + held.id()))
                .containsExactly(List.of("Approved", "1"));
        assertThat(w.fx.rows("SELECT kind, payment_id FROM gateway_event")).containsExactly(
                List.of("CHARGE_SUCCEEDED", Long.toString(held.id())));
    }

    @Test
    @Order(5)
    void aNotificationOfACaptureSettlesACaptureWhoseAnswerWasLostByTheInvoiceNumbersPayment() throws Exception {
        PaymentProfile card = w.card(w.fx.jones, "4012888818888");
        w.anet.slowNext(1, AuthorizeNetWorld.TIMEOUT_SECONDS * 1000L + 1500);
        PaymentResult lost = w.fx.app().payments.charge(w.pay(card, "w-lost", w.fx.jonesInvoice.txnId(), "4.00"));
        assertThat(lost.result()).isEqualTo("Error");
        AuthorizeNetStandIn.Txn t = w.anet.charges().get(w.anet.charges().size() - 1);
        String body = AuthorizeNetStandIn.notification("net.authorize.payment.authcapture.created", t.transId, 1,
                "4.00");

        HttpResponse<String> r = webhook(body, AuthorizeNetStandIn.signature(body, AuthorizeNetStandIn.SIGNATURE_KEY));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(w.fx.rows("SELECT result, gateway_ref FROM payment_txn WHERE id = " + lost.id()))
                .containsExactly(List.of("Approved", t.transId));
        assertThat(w.anet.charges().stream().filter(c -> c.invoiceNumber.equals(t.invoiceNumber))).hasSize(1);
    }
}
