package dev.ledgerbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerbridge.action.ActionQueue;
import dev.ledgerbridge.action.ActionRequest;
import dev.ledgerbridge.payment.PaymentFixture;
import dev.ledgerbridge.payment.PaymentProfile;
import dev.ledgerbridge.payment.sandbox.SandboxGateway;
import dev.ledgerbridge.testkit.QbPayment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Payments taken through the payments API reach QuickBooks through the action queue on the next Web Connector run,
 * once, and the run after shows their invoices as paid.
 */
class PaymentsToQuickBooksEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    PaymentFixture fx;
    String base;
    PaymentProfile card;

    @BeforeEach
    void start() {
        fx = new PaymentFixture();
        base = "/api/v1/companies/" + fx.companyId;
        card = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private JsonNode send(String method, String path, String body, int status) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.baseUrl() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (PaymentFixture.STAFF + ":" + PaymentFixture.STAFF_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    private JsonNode payTwoInvoices(String key) throws Exception {
        return send("POST", base + "/payments", "{\"customerListId\": \"" + fx.smith.listId() + "\", \"profileId\": "
                + card.id() + ", \"invoices\": [{\"txnId\": \"" + fx.open.txnId() + "\", \"amount\": \"80.00\"},"
                + " {\"txnId\": \"" + fx.partlyPaid.txnId() + "\", \"amount\": \"213.75\"}], \"idempotencyKey\": \""
                + key + "\"}", 201);
    }

    private List<QbPayment> postedBy(String customer) {
        return fx.qb.payments().stream().filter(p -> p.customerListId().equals(customer) && p.memo() != null
                && p.memo().startsWith("Ledgerbridge payment")).toList();
    }

    private boolean paidHere(String txnId) throws Exception {
        for (JsonNode i : send("GET", base + "/invoices?customer=" + fx.smith.listId(), null, 200).get("items")) {
            if (i.get("txnId").asText().equals(txnId)) {
                return i.get("isPaid").asBoolean();
            }
        }
        throw new AssertionError("invoice " + txnId + " not listed");
    }

    @Test
    void anApprovedPaymentIsPostedOnceOnTheNextRunAndItsInvoicesShowAsPaidAfterTheOneAfter() throws Exception {
        // given QuickBooks knows the company's payment method, and a payment of two invoices approved here
        fx.qb.addPaymentMethod("Credit Card");
        JsonNode p = payTwoInvoices("e2e-1");
        assertThat(p.get("result").asText()).isEqualTo("Approved");
        assertThat(p.get("postedToQuickBooks").asBoolean()).isFalse();

        // when the next Web Connector run comes
        fx.qb.advance(Duration.ofMinutes(5));
        fx.sync();

        // then QuickBooks has it once, applied to both invoices, and the payment reads as posted
        List<QbPayment> posted = postedBy(fx.smith.listId());
        assertThat(posted).hasSize(1);
        assertThat(posted.get(0).totalAmount()).isEqualByComparingTo("293.75");
        assertThat(posted.get(0).paymentMethod()).isEqualTo("Credit Card");
        assertThat(posted.get(0).refNumber()).isEqualTo("LB-" + p.get("id").asLong());
        assertThat(posted.get(0).applied()).hasSize(2);
        assertThat(send("GET", base + "/payments/" + p.get("id").asLong(), null, 200)
                .get("postedToQuickBooks").asBoolean()).isTrue();
        assertThat(fx.qb.invoice(fx.open.txnId()).orElseThrow().paid()).isTrue();

        // and after the next pull Ledgerbridge shows the invoices paid; the same key again posts nothing more
        payTwoInvoices("e2e-1");
        fx.qb.advance(Duration.ofMinutes(5));
        fx.sync();
        assertThat(paidHere(fx.open.txnId())).isTrue();
        assertThat(paidHere(fx.partlyPaid.txnId())).isTrue();
        assertThat(postedBy(fx.smith.listId())).hasSize(1);
    }

    @Test
    void aPaymentMethodQuickBooksDoesNotKnowFailsTheActionUntilStaffRetry() throws Exception {
        // given the company's payment method is missing in QuickBooks
        JsonNode p = payTwoInvoices("e2e-2");

        // when the run posts it
        fx.sync();

        // then QuickBooks has nothing, the payment reads as not posted, and its action says what to do
        assertThat(postedBy(fx.smith.listId())).isEmpty();
        assertThat(send("GET", base + "/payments/" + p.get("id").asLong(), null, 200)
                .get("postedToQuickBooks").asBoolean()).isFalse();
        JsonNode failed = send("GET", base + "/actions?state=failed", null, 200);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("kind").asText()).isEqualTo("post-payment");
        assertThat(failed.get(0).get("message").asText()).contains("payment method", "Credit Card");

        // and once it exists, a retry posts it once
        fx.qb.addPaymentMethod("Credit Card");
        ActionRequest a = fx.app().actions.retry(fx.companyId, failed.get(0).get("id").asLong());
        assertThat(a.state()).isEqualTo(ActionQueue.QUEUED);
        fx.qb.advance(Duration.ofMinutes(5));
        fx.sync();
        assertThat(postedBy(fx.smith.listId())).hasSize(1);
        assertThat(send("GET", base + "/payments/" + p.get("id").asLong(), null, 200)
                .get("postedToQuickBooks").asBoolean()).isTrue();
    }
}
