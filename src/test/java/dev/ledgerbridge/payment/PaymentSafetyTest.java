package dev.ledgerbridge.payment;

import dev.ledgerbridge.payment.sandbox.SandboxGateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Payments stay safe under races, reused keys, retries after an unknown outcome and oversized input. */
class PaymentSafetyTest {
    PaymentFixture fx;
    Payments payments;

    @BeforeEach
    void start() {
        fx = new PaymentFixture();
        payments = fx.app().payments;
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    ChargeRequest pay(PaymentProfile p, String key, InvoiceAmount... invoices) {
        return new ChargeRequest(fx.companyId, p.customerListId(), p.id(), List.of(invoices), null, key, "manual",
                "clerk");
    }

    static InvoiceAmount on(String txnId, String amount) {
        return new InvoiceAmount(txnId, new BigDecimal(amount));
    }

    // F1: lockInvoices' "held" subquery is a non-locking read; its snapshot is taken when the FIRST invoice row is
    // sent, so a charge that waits on the lock of its SECOND invoice does not see what was committed on it meanwhile.
    @Test
    void aMultiInvoiceChargeSeesAChargeCommittedOnItsSecondInvoiceWhileItWaited() throws Exception {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        String a = fx.partlyPaid.txnId();
        String b = fx.open.txnId();
        String first = a.compareTo(b) < 0 ? a : b;   // locked first by lockInvoices (ORDER BY txn_id)
        String second = a.compareTo(b) < 0 ? b : a;
        String secondBalance = second.equals(fx.open.txnId()) ? "80.00" : "213.75";

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection other = fx.app().db.dataSource().getConnection()) {
            other.setAutoCommit(false);
            // Another charge of the second invoice, exactly as Payments.charge does it: lock, insert Pending + applied.
            try (PreparedStatement st = other.prepareStatement(
                    "SELECT txn_id FROM invoice WHERE company_id = ? AND txn_id = ? FOR UPDATE")) {
                st.setLong(1, fx.companyId);
                st.setString(2, second);
                st.executeQuery().close();
            }
            try (PreparedStatement st = other.prepareStatement("INSERT INTO payment_txn (company_id, customer_list_id,"
                    + " profile_id, kind, source, amount, currency, result, gateway, idempotency_key, post_key,"
                    + " staff_user, attempts, created_at, updated_at) VALUES (?, ?, ?, 'charge', 'auto', ?, 'USD',"
                    + " 'Pending', 'sandbox', 'other', ?, 'scheduler', 1, NOW(), NOW())")) {
                st.setLong(1, fx.companyId);
                st.setString(2, fx.smith.listId());
                st.setLong(3, visa.id());
                st.setBigDecimal(4, new BigDecimal(secondBalance));
                st.setString(5, UUID.randomUUID().toString());
                st.executeUpdate();
            }
            try (PreparedStatement st = other.prepareStatement("INSERT INTO payment_txn_invoice (payment_id,"
                    + " company_id, invoice_txn_id, amount) VALUES (LAST_INSERT_ID(), ?, ?, ?)")) {
                st.setLong(1, fx.companyId);
                st.setString(2, second);
                st.setBigDecimal(3, new BigDecimal(secondBalance));
                st.executeUpdate();
            }
            Future<PaymentResult> both = pool.submit(() -> payments.charge(
                    pay(visa, "both", on(first, "1.00"), on(second, secondBalance))));
            Thread.sleep(2000); // the charge has locked `first` and now waits on `second`
            assertThat(both.isDone()).isFalse();
            other.commit();
            PaymentResult r = both.get(60, TimeUnit.SECONDS);

            assertThat(fx.rows("SELECT invoice_txn_id FROM payment_txn_invoice WHERE payment_id = " + r.id()))
                    .as("the second invoice is already fully held by the other charge: %s", r)
                    .containsExactly(List.of(first));
        } finally {
            pool.shutdownNow();
        }
    }

    // F2: a key used before returns the earlier attempt whatever the new request asks (other invoices, amount,
    // customer, or even a refund instead of a charge).
    @Test
    void aKeyReusedForADifferentChargeIsRefusedNotAnsweredWithTheOtherPayment() {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        PaymentResult first = payments.charge(pay(visa, "K", on(fx.open.txnId(), "10.00")));
        assertThat(first.result()).isEqualTo("Approved");

        assertThatThrownBy(() -> payments.charge(pay(visa, "K", on(fx.partlyPaid.txnId(), "200.00"))))
                .as("a different body under a used key must not report the earlier approval")
                .isInstanceOf(PaymentException.class);
    }

    @Test
    void theSameRequestAgainGetsTheFirstResultAndADifferentOneUnderItsKeyA409() throws Exception {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        String body = "{\"customerListId\":\"" + fx.smith.listId() + "\",\"profileId\":" + visa.id()
                + ",\"idempotencyKey\":\"api-k\",\"invoices\":[{\"txnId\":\"" + fx.open.txnId()
                + "\",\"amount\":\"10.00\"}]}";
        HttpResponse<String> first = postPayment(body);
        HttpResponse<String> again = postPayment(body.replace("\"10.00\"", "\"10.0\""));
        HttpResponse<String> other = postPayment(body.replace("\"10.00\"", "\"11.00\""));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(again.body()).as("the same request repeated").isEqualTo(first.body());
        assertThat(other.statusCode()).as(other.body()).isEqualTo(409);
        assertThat(other.body()).contains("already used for a different request");
        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_charge")).isEqualTo(1);
    }

    @Test
    void theApiTakesOnlyWholeNumbersAsIds() throws Exception {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        for (String id : List.of(visa.id() + ".9", "\"" + visa.id() + "\"", visa.id() + "e0")) {
            HttpResponse<String> r = postPayment("{\"customerListId\":\"" + fx.smith.listId() + "\",\"profileId\":"
                    + id + ",\"idempotencyKey\":\"ids-" + id.length() + id.charAt(0) + "\",\"invoices\":[{\"txnId\":\""
                    + fx.open.txnId() + "\",\"amount\":\"10.00\"}]}");
            assertThat(r.statusCode()).as("profileId %s: %s", id, r.body()).isEqualTo(400);
        }
        assertThat(fx.count("SELECT COUNT(*) FROM payment_txn")).isZero();
    }

    HttpResponse<String> postPayment(String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(fx.baseUrl() + "/api/v1/companies/" + fx.companyId + "/payments"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (PaymentFixture.STAFF + ":" + PaymentFixture.STAFF_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRefundUnderAChargesKeyIsRefusedNotReportedAsAnApprovedRefund() {
        // given: an approved charge already in QuickBooks, so a refund of it would otherwise go ahead
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        PaymentResult charge = payments.charge(pay(visa, "K", on(fx.open.txnId(), "80.00")));
        assertThat(charge.result()).isEqualTo("Approved");
        posted();

        // when / then: the charge's key cannot name a refund
        assertThatThrownBy(() -> payments.refund(fx.companyId, charge.id(), new BigDecimal("80.00"), "K", "boss"))
                .isInstanceOf(IdempotencyKeyConflict.class)
                .hasMessageContaining("already used for a different request (payment #" + charge.id() + ")");
        assertThat(fx.count("SELECT COUNT(*) FROM payment_txn WHERE kind = 'refund'")).isZero();
        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_charge WHERE kind = 'refund'")).isZero();
        // and under a key of its own the same refund is made
        assertThat(payments.refund(fx.companyId, charge.id(), new BigDecimal("80.00"), "K-refund", "boss").result())
                .isEqualTo("Approved");
    }

    // The payment look-ups (find, lock) are filtered by company: another company's id reaches nothing.
    @Test
    void aPaymentOfOneCompanyIsNeitherFoundNorRetriedNorRefundedThroughAnother() throws Exception {
        // given: an approved charge, in QuickBooks, and a second company on the same server
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        PaymentResult charge = payments.charge(pay(visa, "theirs", on(fx.open.txnId(), "80.00")));
        posted();
        long other = fx.app().companies.addLogin("other-wc", "Other Co", "other company password").companyId();

        // when / then
        assertThat(payments.find(other, charge.id())).isEmpty();
        assertThatThrownBy(() -> payments.retry(other, charge.id())).isInstanceOf(PaymentException.class)
                .hasMessageContaining("There is no payment #" + charge.id());
        assertThatThrownBy(() -> payments.refund(other, charge.id(), null, "cross-refund", "boss"))
                .isInstanceOf(PaymentException.class).hasMessageContaining("There is no payment #" + charge.id());
        assertThat(fx.count("SELECT COUNT(*) FROM payment_txn WHERE kind = 'refund'")).isZero();
        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_charge WHERE kind = 'refund'")).isZero();
        String path = "/api/v1/companies/" + other + "/payments/" + charge.id();
        assertThat(apiGet(path).statusCode()).isEqualTo(404);
        assertThat(payments.find(fx.companyId, charge.id())).hasValueSatisfying(
                p -> assertThat(p.result()).isEqualTo("Approved"));
    }

    HttpResponse<String> apiGet(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fx.baseUrl() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (PaymentFixture.STAFF + ":" + PaymentFixture.STAFF_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    // F3: a charge whose outcome is unknown (Error) is sent again by "Ask the gateway again" without looking at the
    // invoice: if the first call never reached the gateway and QuickBooks shows the invoice paid since, it charges.
    @Test
    void aRetryDoesNotChargeAnInvoiceQuickBooksNowShowsPaid() {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        fx.app().sandbox.timeOutNext(1);
        PaymentResult lost = payments.charge(pay(visa, "lost", on(fx.open.txnId(), "80.00")));
        assertThat(lost.result()).isEqualTo("Error");
        fx.execute("DELETE FROM sandbox_charge"); // the first call never reached the gateway (connect timeout)
        fx.qb.applyPayment(fx.open.txnId(), "80.00"); // the customer paid by check; the next sync shows it paid
        fx.sync();
        assertThat(fx.rows("SELECT is_paid FROM invoice WHERE txn_id = '" + fx.open.txnId() + "'"))
                .containsExactly(List.of("1"));

        PaymentResult again = payments.retry(fx.companyId, lost.id());

        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_charge WHERE outcome = 'APPROVED'"))
                .as("retry answered %s", again).isZero();
    }

    @Test
    void aRetryOfAChargeTheGatewayTookIsRecordedAsApprovedEvenThoughTheInvoiceIsNowPaid() {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        fx.app().sandbox.timeOutNext(1);
        PaymentResult lost = payments.charge(pay(visa, "taken", on(fx.open.txnId(), "80.00")));
        assertThat(lost.result()).isEqualTo("Error");
        fx.qb.applyPayment(fx.open.txnId(), "80.00");
        fx.sync();

        PaymentResult again = payments.retry(fx.companyId, lost.id());

        assertThat(again.result()).as("the gateway took the first call: %s", again).isEqualTo("Approved");
        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_charge WHERE outcome = 'APPROVED'")).isEqualTo(1);
    }

    @Test
    void aRetryNeverChargesACardRemovedSince() {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        fx.app().sandbox.timeOutNext(1);
        PaymentResult lost = payments.charge(pay(visa, "removed", on(fx.open.txnId(), "80.00")));
        fx.execute("DELETE FROM sandbox_charge");
        fx.app().paymentProfiles.remove(fx.companyId, fx.smith.listId(), visa.id(), "boss");

        PaymentResult again = payments.retry(fx.companyId, lost.id());

        assertThat(again.result()).isEqualTo("Skipped");
        assertThat(again.message()).contains("card was removed");
        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_charge")).isZero();
    }

    @Test
    void aRetryOlderThanTheGatewayKeepsKeysIsNotSentAgain() {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        fx.app().sandbox.timeOutNext(1);
        PaymentResult lost = payments.charge(pay(visa, "old", on(fx.open.txnId(), "80.00")));
        fx.execute("DELETE FROM sandbox_charge");
        fx.execute("UPDATE payment_txn SET created_at = created_at - INTERVAL 25 HOUR WHERE id = " + lost.id());

        PaymentResult again = payments.retry(fx.companyId, lost.id());

        assertThat(again.result()).isEqualTo("Error");
        assertThat(again.message()).contains("24 hours");
        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_charge")).isZero();
    }

    @Test
    void aCardIsChargedOnlyAtTheGatewayItWasSavedAt() {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        fx.execute("UPDATE payment_profile SET gateway = 'retired' WHERE id = " + visa.id());

        assertThatThrownBy(() -> payments.charge(pay(visa, "elsewhere", on(fx.open.txnId(), "10.00"))))
                .isInstanceOf(PaymentException.class).hasMessageContaining("'retired'");
        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_charge")).isZero();
    }

    // F4: an attempt abandoned between the gateway's approval and its recording stays Pending: no retry offered.
    @Test
    void anAbandonedPendingAttemptCanBeFinishedFromTheCustomerPage() {
        // given: the gateway approved, then the server stopped before recording it (Pending, an hour old, no post)
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        PaymentResult r = payments.charge(pay(visa, "crash", on(fx.open.txnId(), "80.00")));
        fx.execute("DELETE FROM action_request WHERE id = (SELECT post_action_id FROM payment_txn WHERE id = "
                + r.id() + ")");
        fx.execute("UPDATE payment_txn SET result = 'Pending', message = NULL, gateway_ref = NULL,"
                + " post_action_id = NULL, updated_at = created_at - INTERVAL 1 HOUR WHERE id = " + r.id());
        assertThat(payments.find(fx.companyId, r.id()).orElseThrow().retryable())
                .as("a Pending attempt older than Payments.STALE is offered 'Ask the gateway again'").isTrue();

        // when: staff press it (the customer page's retry)
        PaymentResult again = payments.retry(fx.companyId, r.id());

        // then: the gateway's approval is recorded and posted, and the card was charged once
        assertThat(again.result()).as("%s", again).isEqualTo("Approved");
        PaymentRecord p = payments.find(fx.companyId, r.id()).orElseThrow();
        assertThat(p.result()).isEqualTo("Approved");
        assertThat(p.gatewayRef()).isNotBlank();
        assertThat(p.postActionId()).isNotNull();
        assertThat(p.retryable()).isFalse();
        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_charge")).as("charged once").isEqualTo(1);
        assertThat(fx.count("SELECT COUNT(*) FROM action_request WHERE kind = 'post-payment'")).isEqualTo(1);
    }

    @Test
    void theSweepFinishesAnAbandonedApprovedAttemptAndQueuesItsPost() {
        assertThat(fx.app().staleAttempts.running()).as("the sweep runs while the server does").isTrue();
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        PaymentResult r = payments.charge(pay(visa, "crash", on(fx.open.txnId(), "80.00")));
        fx.execute("DELETE FROM action_request WHERE id = (SELECT post_action_id FROM payment_txn WHERE id = "
                + r.id() + ")");
        fx.execute("UPDATE payment_txn SET result = 'Pending', message = NULL, gateway_ref = NULL,"
                + " post_action_id = NULL, updated_at = created_at - INTERVAL 1 HOUR WHERE id = " + r.id());

        assertThat(payments.resumeStale()).isEqualTo(1);

        PaymentRecord p = payments.find(fx.companyId, r.id()).orElseThrow();
        assertThat(p.result()).isEqualTo("Approved");
        assertThat(p.postActionId()).isNotNull();
        assertThat(p.retryable()).isFalse();
        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_charge")).as("charged once").isEqualTo(1);
        assertThat(payments.resumeStale()).isZero();
    }

    // F5: every input is valid, yet the insert fails: 500 instead of a Skipped result / 400.
    @Test
    void manyUnknownInvoicesGiveASkippedResultNotADatabaseError() {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        List<InvoiceAmount> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add(on(UUID.randomUUID().toString(), "1.00"));
        }
        PaymentResult r = payments.charge(new ChargeRequest(fx.companyId, fx.smith.listId(), visa.id(), many, null,
                "many", "manual", "clerk"));
        assertThat(r.result()).isEqualTo("Skipped");
    }

    @Test
    void twoHugeUnknownInvoicesGiveASkippedResultNotADatabaseError() {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        PaymentResult r = payments.charge(pay(visa, "huge", on("X-1", "9999999999999.99"),
                on("X-2", "9999999999999.99")));
        assertThat(r.result()).isEqualTo("Skipped");
    }

    @Test
    void moreThanAHundredInvoicesInOnePaymentAreRefused() {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        List<InvoiceAmount> many = new ArrayList<>();
        for (int i = 0; i <= Payments.MAX_INVOICES; i++) {
            many.add(on("T-" + i, "1.00"));
        }
        assertThatThrownBy(() -> payments.charge(new ChargeRequest(fx.companyId, fx.smith.listId(), visa.id(), many,
                null, "too-many", "manual", "clerk"))).isInstanceOf(PaymentException.class)
                .hasMessageContaining("at most 100 invoices");
        assertThat(fx.count("SELECT COUNT(*) FROM payment_txn")).isZero();
    }

    @Test
    void aSkippedAttemptNeverListsAnotherCustomersInvoice() {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        PaymentResult r = payments.charge(pay(visa, "theirs", on(fx.jonesInvoice.txnId(), "5.00")));
        assertThat(r.result()).isEqualTo("Skipped");
        assertThat(r.message()).contains("not an invoice of this customer");
        assertThat(fx.count("SELECT COUNT(*) FROM payment_txn_invoice WHERE payment_id = " + r.id())).isZero();
    }

    @Test
    void theApiAnswersManyUnknownInvoicesWithASkippedResultNotA500() throws Exception {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        StringBuilder inv = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            inv.append(i == 0 ? "" : ",").append("{\"txnId\":\"").append(UUID.randomUUID()).append("\",\"amount\":\"1.00\"}");
        }
        String body = "{\"customerListId\":\"" + fx.smith.listId() + "\",\"profileId\":" + visa.id()
                + ",\"idempotencyKey\":\"api-many\",\"invoices\":[" + inv + "]}";

        HttpResponse<String> resp = postPayment(body);

        // the attempt is recorded (201) as Skipped, saying why, and nothing reaches the gateway
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(201);
        assertThat(resp.body()).contains("\"result\":\"Skipped\"", "Nothing charged");
        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_charge")).isZero();
        assertThat(fx.count("SELECT COUNT(*) FROM payment_txn WHERE result = 'Skipped'")).isEqualTo(1);
    }

    @Test
    void aPaymentIsRefundedOnlyOnceItsPostIsInQuickBooks() {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        PaymentResult paid = payments.charge(pay(visa, "p", on(fx.open.txnId(), "80.00")));

        assertThatThrownBy(() -> payments.refund(fx.companyId, paid.id(), null, "r-early", "boss"))
                .isInstanceOf(PaymentException.class).hasMessageContaining("not in QuickBooks yet");
        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_charge WHERE kind = 'refund'")).isZero();
        posted();
        assertThat(payments.refund(fx.companyId, paid.id(), null, "r-late", "boss").result()).isEqualTo("Approved");
    }

    @Test
    void concurrentRefundsWithDifferentKeysNeverExceedThePayment() throws Exception {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        PaymentResult paid = payments.charge(pay(visa, "p", on(fx.open.txnId(), "80.00")));
        posted(); // a payment is refunded once it is in QuickBooks
        List<PaymentResult> results = PaymentsTest.race(6, i -> {
            try {
                return payments.refund(fx.companyId, paid.id(), new BigDecimal("50.00"), "r" + i, "boss");
            } catch (PaymentException e) {
                return new PaymentResult(0, "Refused", e.getMessage(), false);
            }
        });
        assertThat(results).filteredOn(r -> r.result().equals("Approved")).hasSize(1);
        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_charge WHERE kind = 'refund'")).isEqualTo(1);
    }

    @org.junit.jupiter.api.RepeatedTest(5) // a race: seen failing with 3 defaults, not on every run
    void twoCardsSavedAtOnceForANewCustomerGiveOneDefault() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<Future<PaymentProfile>> fs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                fs.add(pool.submit(() -> {
                    go.await();
                    return fx.card(fx.jones, SandboxGateway.APPROVE_CARD);
                }));
            }
            go.countDown();
            for (Future<PaymentProfile> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(fx.count("SELECT COUNT(*) FROM payment_profile WHERE is_default AND customer_list_id = '"
                + fx.jones.listId() + "'")).isEqualTo(1);
    }

    /** What the Web Connector's run does once QuickBooks has the payments: their posts are done. */
    void posted() {
        fx.execute("UPDATE action_request SET state = 'done', updated_at = UTC_TIMESTAMP() WHERE kind = 'post-payment'");
    }
}
