package dev.ledgerbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerbridge.MutableClock;
import dev.ledgerbridge.payment.PaymentFixture;
import dev.ledgerbridge.payment.PaymentProfile;
import dev.ledgerbridge.payment.sandbox.SandboxGateway;
import dev.ledgerbridge.simulate.QbCreditMemo;
import dev.ledgerbridge.simulate.QbRefund;
import dev.ledgerbridge.sync.CompanyMirror;
import dev.ledgerbridge.testkit.CycleResult;
import dev.ledgerbridge.testkit.FakeWebConnector;
import dev.ledgerbridge.testkit.Faults;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A refund made here reaches QuickBooks through the action queue over the real SOAP endpoint: a credit memo of the
 * refunded amount and a credit card refund out of it, each once, whatever happens to the answers; the run after
 * mirrors the company exactly (customers' balances, invoices, payments and credit memos).
 */
class RefundsToQuickBooksEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    final MutableClock clock = new MutableClock(Instant.now());
    PaymentFixture fx;
    String base;
    PaymentProfile card;

    @BeforeEach
    void start() {
        fx = new PaymentFixture(clock);
        base = "/api/v1/companies/" + fx.companyId;
        card = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        fx.qb.addPaymentMethod("Credit Card");
        fx.qb.addItem("Card refunds");
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private JsonNode send(String method, String path, String body, String user, String password, int status)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.baseUrl() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        b.header("Content-Type", "application/json").method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    private JsonNode send(String method, String path, String body, int status) throws Exception {
        return send(method, path, body, PaymentFixture.STAFF, PaymentFixture.STAFF_PASSWORD, status);
    }

    /** A quarter of an hour later, here and in QuickBooks, then a Web Connector run. */
    private CycleResult later(Faults faults) {
        clock.advance(Duration.ofMinutes(15));
        fx.qb.advance(Duration.ofMinutes(15));
        return new FakeWebConnector(fx.server.endpoint()).runCycle(fx.qb, PaymentFixture.WC_USER, PaymentFixture.WC_PASSWORD, faults);
    }

    /** The open invoice paid in full here and posted to QuickBooks; returns the payment's id. */
    private long paidAndPosted() throws Exception {
        send("PUT", base + "/payment-settings", "{\"refundItemName\": \"Card refunds\"}", PaymentFixture.ADMIN,
                PaymentFixture.ADMIN_PASSWORD, 200);
        JsonNode p = send("POST", base + "/payments", "{\"customerListId\": \"" + fx.smith.listId()
                + "\", \"profileId\": " + card.id() + ", \"invoices\": [{\"txnId\": \"" + fx.open.txnId()
                + "\", \"amount\": \"80.00\"}], \"idempotencyKey\": \"refund-e2e-pay\"}", 201);
        assertThat(p.get("result").asText()).isEqualTo("Approved");
        later(Faults.none());
        assertThat(send("GET", base + "/payments/" + p.get("id").asLong(), null, 200).get("postedToQuickBooks")
                .asBoolean()).isTrue();
        return p.get("id").asLong();
    }

    private JsonNode refund(long paymentId, String amount, String key) throws Exception {
        return send("POST", base + "/payments/" + paymentId + "/refunds", "{\"amount\": \"" + amount
                + "\", \"idempotencyKey\": \"" + key + "\"}", 201);
    }

    private List<QbCreditMemo> refundCredits() {
        return fx.qb.creditMemos().stream().filter(c -> c.memo() != null && c.memo().startsWith("Ledgerbridge refund"))
                .toList();
    }

    @Test
    void aRefundIsRecordedInQuickBooksOnceAsACreditMemoRefundedToTheCard() throws Exception {
        // given a payment of 80.00 posted to QuickBooks, and the customer's balance there
        long paymentId = paidAndPosted();
        BigDecimal balanceBefore = fx.qb.customer(fx.smith.listId()).orElseThrow().balance();

        // when 30.00 of it is refunded here (and the same request is sent twice)
        JsonNode r = refund(paymentId, "30.00", "refund-e2e-1");
        assertThat(r.get("result").asText()).isEqualTo("Approved");
        refund(paymentId, "30.00", "refund-e2e-1");
        later(Faults.none());

        // then QuickBooks has one credit memo of 30.00 of the refund item, refunded to the card in full
        assertThat(refundCredits()).singleElement().satisfies(c -> {
            assertThat(c.totalAmount()).isEqualByComparingTo("30.00");
            assertThat(c.creditRemaining()).isZero();
            assertThat(c.lines().get(0).item()).isEqualTo("Card refunds");
            assertThat(c.lines().get(0).desc()).contains("LB-" + paymentId, "INV-2");
        });
        List<QbRefund> refunds = fx.qb.refunds();
        assertThat(refunds).singleElement().satisfies(f -> {
            assertThat(f.totalAmount()).isEqualByComparingTo("30.00");
            assertThat(f.applied()).singleElement().satisfies(a ->
                    assertThat(a.invoiceTxnId()).isEqualTo(refundCredits().get(0).txnId()));
            assertThat(f.refundFromAccount()).isEqualTo("Undeposited Funds");
            assertThat(f.paymentMethod()).isEqualTo("Credit Card");
        });
        // the customer's balance and the invoice are as they were: the credit was paid out to the card
        assertThat(fx.qb.customer(fx.smith.listId()).orElseThrow().balance()).isEqualByComparingTo(balanceBefore);
        assertThat(fx.qb.invoice(fx.open.txnId()).orElseThrow().paid()).isTrue();
        assertThat(send("GET", base + "/payments/" + r.get("id").asLong(), null, 200).get("postedToQuickBooks")
                .asBoolean()).isTrue();

        // and the run after mirrors QuickBooks exactly; nothing is written again
        later(Faults.none());
        CompanyMirror.assertMirrors(fx.app(), fx.companyId, fx.qb);
        CompanyMirror.assertInvoicesMirror(fx.app(), fx.companyId, fx.qb);
        CompanyMirror.assertReceivablesMirror(fx.app(), fx.companyId, fx.qb);
        assertThat(fx.qb.refunds()).hasSize(1);
        assertThat(refundCredits()).hasSize(1);
        JsonNode memos = send("GET", base + "/credit-memos?customer=" + fx.smith.listId(), null, 200);
        assertThat(memos.get("items").toString()).contains(refundCredits().get(0).txnId(), "\"creditRemaining\":\"0.00\"");
    }

    @Test
    void aRefundWhoseAnswersWereLostIsFoundInQuickBooksAndWrittenOnlyOnce() throws Exception {
        // given a posted payment and the exchanges of a run with nothing to write
        long paymentId = paidAndPosted();
        int pullExchanges = later(Faults.none()).exchangeCount();
        refund(paymentId, "80.00", "refund-e2e-2");

        // when QuickBooks records the credit memo but its answer is lost
        CycleResult lost = later(Faults.none().loseResponseAfter(pullExchanges + 1));
        assertThat(lost.requests().get(pullExchanges)).contains("<CreditMemoAddRq");
        assertThat(refundCredits()).hasSize(1);

        // then the next run finds the credit memo by its key, and writes the refund, whose answer is lost too
        CycleResult second = later(Faults.none().loseResponseAfter(pullExchanges + 2));
        assertThat(second.requests()).noneMatch(q -> q.contains("<CreditMemoAddRq"));
        assertThat(second.requests().get(pullExchanges)).contains("<CreditMemoQueryRq", "<EntityFilter>");
        assertThat(second.requests().get(pullExchanges + 1)).contains("<ARRefundCreditCardAddRq",
                refundCredits().get(0).txnId());
        assertThat(fx.qb.refunds()).hasSize(1);

        // and the run after finds the refund by its key: QuickBooks has one credit memo and one refund
        CycleResult third = later(Faults.none());
        assertThat(third.requests()).anyMatch(q -> q.contains("<ARRefundCreditCardQueryRq"));
        assertThat(third.requests()).noneMatch(q -> q.contains("<ARRefundCreditCardAddRq")
                || q.contains("<CreditMemoAddRq"));
        assertThat(refundCredits()).hasSize(1);
        assertThat(fx.qb.refunds()).singleElement().satisfies(f ->
                assertThat(f.totalAmount()).isEqualByComparingTo("80.00"));
        JsonNode done = send("GET", base + "/actions?state=done", null, 200);
        assertThat(done.toString()).contains("post-refund", "already has this refund");

        later(Faults.none());
        CompanyMirror.assertMirrors(fx.app(), fx.companyId, fx.qb);
        CompanyMirror.assertReceivablesMirror(fx.app(), fx.companyId, fx.qb);
    }
}
