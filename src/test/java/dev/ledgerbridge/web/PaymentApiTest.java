package dev.ledgerbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerbridge.payment.PaymentFixture;
import dev.ledgerbridge.payment.sandbox.SandboxGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The payments JSON API over real HTTP: DESIGN.md's contract for profiles, payments and the summary. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PaymentApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static PaymentFixture fx;
    static String base;
    static long visaId;
    static long approvedId;

    @BeforeAll
    static void start() {
        fx = new PaymentFixture();
        base = "/api/v1/companies/" + fx.companyId;
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.baseUrl() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (PaymentFixture.STAFF + ":" + PaymentFixture.STAFF_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    String profiles(String listId) {
        return base + "/customers/" + listId + "/payment-profiles";
    }

    @Test
    @Order(1)
    void addsASandboxTestCardAsAProfileAndListsIt() throws Exception {
        JsonNode p = json(send("POST", profiles(fx.smith.listId()), "{\"gateway\": \"sandbox\", \"testCard\": \""
                + SandboxGateway.APPROVE_CARD + "\", \"expMonth\": 12, \"expYear\": 2030}"), 201);
        visaId = p.get("id").asLong();
        assertThat(p.get("brand").asText()).isEqualTo("Visa");
        assertThat(p.get("last4").asText()).isEqualTo("1111");
        assertThat(p.get("expMonth").asInt()).isEqualTo(12);
        assertThat(p.get("isDefault").asBoolean()).isTrue();
        assertThat(p.get("autoEnabled").asBoolean()).isTrue();
        assertThat(p.get("gatewayLabel").asText()).isEqualTo("Sandbox - no real money");
        assertThat(p.toString()).doesNotContain(SandboxGateway.APPROVE_CARD).doesNotContain("sbx_pm_");

        JsonNode list = json(send("GET", profiles(fx.smith.listId()), null), 200);
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("id").asLong()).isEqualTo(visaId);
    }

    @Test
    @Order(2)
    void refusesBadCardsAndBodiesWithAMessage() throws Exception {
        assertThat(json(send("POST", profiles(fx.smith.listId()), "{\"gateway\": \"sandbox\", \"testCard\":"
                + " \"4111111111111112\", \"expMonth\": 12, \"expYear\": 2030}"), 400).get("message").asText())
                .contains("not valid");
        assertThat(json(send("POST", profiles(fx.smith.listId()), "{\"gateway\": \"sandbox\", \"testCard\":"
                + " \"4111111111111111\", \"expMonth\": 12, \"expYear\": 2001}"), 400).get("message").asText())
                .contains("expired");
        assertThat(json(send("POST", profiles(fx.smith.listId()), "{\"gateway\": \"sandbox\"}"), 400)
                .get("message").asText()).contains("testCard");
        assertThat(json(send("POST", profiles(fx.smith.listId()), "not json"), 400).get("error").asText())
                .isEqualTo("bad_request");
        json(send("POST", profiles("NO-SUCH-CUSTOMER"), "{\"gateway\": \"sandbox\", \"testCard\":"
                + " \"4111111111111111\", \"expMonth\": 12, \"expYear\": 2030}"), 404);
        assertThat(json(send("POST", base + "/payments", "{\"customerListId\": \"" + fx.smith.listId()
                + "\", \"profileId\": " + visaId + ", \"invoices\": [{\"txnId\": \"" + fx.open.txnId()
                + "\", \"amount\": \"1.00\"}]}"), 400).get("message").asText()).contains("idempotencyKey");
        assertThat(json(send("POST", base + "/payments", "{\"customerListId\": \"" + fx.smith.listId()
                + "\", \"profileId\": " + visaId + ", \"invoices\": [{\"txnId\": \"" + fx.open.txnId()
                + "\", \"amount\": \"abc\"}], \"idempotencyKey\": \"x\"}"), 400).get("message").asText())
                .contains("amount");
        assertThat(fx.count("SELECT COUNT(*) FROM payment_txn")).isZero();
    }

    @Test
    @Order(3)
    void chargesInvoicesAndARepeatedKeyAnswersTheFirstResult() throws Exception {
        String body = "{\"customerListId\": \"" + fx.smith.listId() + "\", \"profileId\": " + visaId
                + ", \"invoices\": [{\"txnId\": \"" + fx.open.txnId() + "\", \"amount\": \"80.00\"}, {\"txnId\": \""
                + fx.partlyPaid.txnId() + "\", \"amount\": \"13.75\"}], \"idempotencyKey\": \"api-1\"}";
        JsonNode r = json(send("POST", base + "/payments", body), 201);
        approvedId = r.get("id").asLong();
        assertThat(r.get("result").asText()).isEqualTo("Approved");
        assertThat(r.get("postedToQuickBooks").asBoolean()).isFalse();
        assertThat(r.has("message")).isTrue();

        JsonNode again = json(send("POST", base + "/payments", body), 201);
        assertThat(again.get("id").asLong()).isEqualTo(approvedId);
        assertThat(again.get("result").asText()).isEqualTo("Approved");
        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_charge")).isEqualTo(1);

        JsonNode skipped = json(send("POST", base + "/payments", "{\"customerListId\": \"" + fx.smith.listId()
                + "\", \"profileId\": " + visaId + ", \"invoices\": [{\"txnId\": \"" + fx.open.txnId()
                + "\", \"amount\": \"80.00\"}], \"idempotencyKey\": \"api-2\"}"), 201);
        assertThat(skipped.get("result").asText()).isEqualTo("Skipped");
        assertThat(skipped.get("message").asText()).contains("already paid");
    }

    @Test
    @Order(4)
    void takesADepositAndRecordsADecline() throws Exception {
        JsonNode d = json(send("POST", base + "/payments", "{\"customerListId\": \"" + fx.smith.listId()
                + "\", \"profileId\": " + visaId + ", \"amount\": \"25.50\", \"idempotencyKey\": \"dep-1\"}"), 201);
        assertThat(d.get("result").asText()).isEqualTo("Approved");

        long declining = json(send("POST", profiles(fx.smith.listId()), "{\"gateway\": \"sandbox\", \"testCard\": \""
                + SandboxGateway.DECLINE_CARD + "\", \"expMonth\": 1, \"expYear\": 2031}"), 201).get("id").asLong();
        JsonNode no = json(send("POST", base + "/payments", "{\"customerListId\": \"" + fx.smith.listId()
                + "\", \"profileId\": " + declining + ", \"invoices\": [{\"txnId\": \"" + fx.partlyPaid.txnId()
                + "\", \"amount\": \"10.00\"}], \"idempotencyKey\": \"dec-1\"}"), 201);
        assertThat(no.get("result").asText()).isEqualTo("Declined");
        assertThat(no.get("message").asText()).isEqualTo("Card declined");
    }

    @Test
    @Order(5)
    void refundsAndListsPaymentsAndSummarisesTheCustomer() throws Exception {
        // a payment is refunded once it is in QuickBooks: its post is done
        fx.execute("UPDATE action_request SET state = 'done' WHERE kind = 'post-payment'");
        JsonNode refund = json(send("POST", base + "/payments/" + approvedId + "/refunds",
                "{\"amount\": \"3.75\", \"idempotencyKey\": \"ref-1\"}"), 201);
        assertThat(refund.get("result").asText()).isEqualTo("Approved");

        JsonNode list = json(send("GET", base + "/payments?customer=" + fx.smith.listId(), null), 200);
        assertThat(list).extracting(n -> n.get("kind").asText() + " " + n.get("result").asText() + " "
                + n.get("amount").asText()).containsExactlyInAnyOrder("charge Approved 93.75", "charge Skipped 80.00",
                "deposit Approved 25.50", "charge Declined 10.00", "refund Approved 3.75");
        JsonNode first = json(send("GET", base + "/payments/" + approvedId, null), 200);
        assertThat(first.get("invoices")).hasSize(2);
        assertThat(first.get("refunded").asText()).isEqualTo("3.75");
        assertThat(first.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*(Z|[+-]\\d\\d:\\d\\d)");

        JsonNode sum = json(send("GET", base + "/customers/" + fx.smith.listId() + "/summary", null), 200);
        assertThat(sum.get("approved").asLong()).isEqualTo(2);
        assertThat(sum.get("declined").asLong()).isEqualTo(1);
        assertThat(sum.get("collected").asText()).isEqualTo("115.50");
        // 213.75 + 80.00 open in QuickBooks, 93.75 taken here and not yet posted
        assertThat(sum.get("openBalance").asText()).isEqualTo("200.00");
        json(send("GET", base + "/payments/999999", null), 404);
        json(send("POST", base + "/payments/" + approvedId, "{}"), 405);
    }
}
