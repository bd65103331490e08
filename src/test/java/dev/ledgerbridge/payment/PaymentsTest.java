package dev.ledgerbridge.payment;

import dev.ledgerbridge.payment.sandbox.SandboxGateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerbridge.MutableClock;
import dev.ledgerbridge.config.Setting;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Charges, deposits and refunds on real MariaDB after a real sync, through the sandbox gateway. */
class PaymentsTest {
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

    static InvoiceAmount on(dev.ledgerbridge.testkit.QbInvoice i, String amount) {
        return new InvoiceAmount(i.txnId(), new BigDecimal(amount));
    }

    long postActions() {
        return fx.count("SELECT COUNT(*) FROM action_request WHERE kind = 'post-payment'");
    }

    @Test
    void approvesAPartialPaymentAndQueuesExactlyOnePostWithItsInvoices() {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);

        PaymentResult r = payments.charge(pay(visa, "k1", on(fx.partlyPaid, "50.00"), on(fx.open, "80.00")));

        assertThat(r.result()).isEqualTo("Approved");
        assertThat(r.postedToQuickBooks()).isFalse();
        assertThat(fx.rows("SELECT kind, amount, currency, result, staff_user, source, gateway_ref IS NOT NULL,"
                + " post_action_id IS NOT NULL FROM payment_txn WHERE id = " + r.id()))
                .containsExactly(List.of("charge", "130.00", "USD", "Approved", "clerk", "manual", "1", "1"));
        assertThat(fx.rows("SELECT invoice_txn_id, amount FROM payment_txn_invoice WHERE payment_id = " + r.id()
                + " ORDER BY amount")).containsExactly(List.of(fx.partlyPaid.txnId(), "50.00"),
                List.of(fx.open.txnId(), "80.00"));
        assertThat(postActions()).isEqualTo(1);
        String payload = fx.rows("SELECT a.payload FROM action_request a JOIN payment_txn p ON p.post_action_id = a.id"
                + " WHERE p.id = " + r.id()).get(0).get(0);
        assertThat(payload).contains("\"paymentId\":" + r.id(), "\"amount\":\"130.00\"", fx.partlyPaid.txnId(),
                "\"paymentMethodName\":\"Credit Card\"");
        assertThat(payments.effectiveBalance(fx.companyId, fx.partlyPaid.txnId())).contains(new BigDecimal("163.75"));
        assertThat(payments.effectiveBalance(fx.companyId, fx.open.txnId())).contains(new BigDecimal("0.00"));
    }

    @Test
    void aRepeatedKeyReturnsTheFirstResultWithoutChargingAgain() {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        PaymentResult first = payments.charge(pay(visa, "same", on(fx.open, "10.00")));
        PaymentResult again = payments.charge(pay(visa, "same", on(fx.open, "10.00")));

        assertThat(again).isEqualTo(first);
        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_charge")).isEqualTo(1);
        assertThat(fx.count("SELECT COUNT(*) FROM payment_txn")).isEqualTo(1);
        assertThat(postActions()).isEqualTo(1);
    }

    @Test
    void declinesWithTheGatewaysReasonAndQueuesNoPost() {
        PaymentProfile declined = fx.card(fx.smith, SandboxGateway.DECLINE_CARD);
        PaymentProfile poor = fx.card(fx.smith, SandboxGateway.INSUFFICIENT_FUNDS_CARD);

        PaymentResult r1 = payments.charge(pay(declined, "d1", on(fx.open, "80.00")));
        PaymentResult r2 = payments.charge(pay(poor, "d2", on(fx.open, "80.00")));

        assertThat(r1.result()).isEqualTo("Declined");
        assertThat(r1.message()).isEqualTo("Card declined");
        assertThat(r2.message()).isEqualTo("Insufficient funds");
        assertThat(postActions()).isZero();
        assertThat(payments.effectiveBalance(fx.companyId, fx.open.txnId())).contains(new BigDecimal("80.00"));
        assertThat(payments.summary(fx.companyId, fx.smith.listId()).declined()).isEqualTo(2);
    }

    @Test
    void skipsAnInvoiceAlreadyPaidOrAnAmountOverItsBalanceAndChargesTheRest() {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);

        PaymentResult r = payments.charge(pay(visa, "mix", on(fx.paid, "40.00"), on(fx.partlyPaid, "300.00"),
                on(fx.open, "80.00")));

        assertThat(r.result()).isEqualTo("Approved");
        assertThat(r.message()).contains("INV-3 is already paid", "INV-1: 300.00 is more than its open balance 213.75");
        assertThat(fx.rows("SELECT amount FROM payment_txn WHERE id = " + r.id())).containsExactly(List.of("80.00"));

        PaymentResult none = payments.charge(pay(visa, "none", on(fx.paid, "1.00"), on(fx.open, "1.00")));
        assertThat(none.result()).isEqualTo("Skipped");
        assertThat(none.message()).contains("INV-3 is already paid", "INV-2 is already paid");
        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_charge")).isEqualTo(1);
        assertThat(postActions()).isEqualTo(1);
    }

    @Test
    void twoPaymentsNeverOverpayOneInvoice() {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        assertThat(payments.charge(pay(visa, "a", on(fx.partlyPaid, "200.00"))).result()).isEqualTo("Approved");

        PaymentResult over = payments.charge(pay(visa, "b", on(fx.partlyPaid, "20.00")));

        assertThat(over.result()).isEqualTo("Skipped");
        assertThat(over.message()).contains("more than its open balance 13.75");
        assertThat(payments.charge(pay(visa, "c", on(fx.partlyPaid, "13.75"))).result()).isEqualTo("Approved");
    }

    @Test
    void concurrentChargesWithDifferentKeysOnOneInvoicePayItOnce() throws Exception {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        List<PaymentResult> results = race(8, i -> payments.charge(pay(visa, "k" + i, on(fx.open, "80.00"))));

        assertThat(results).filteredOn(r -> r.result().equals("Approved")).hasSize(1);
        assertThat(results).filteredOn(r -> r.result().equals("Skipped")).hasSize(7);
        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_charge")).isEqualTo(1);
    }

    @Test
    void concurrentChargesWithTheSameKeyChargeOnce() throws Exception {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        List<PaymentResult> results = race(8, i -> payments.charge(pay(visa, "one-key", on(fx.open, "25.00"))));

        assertThat(results).extracting(PaymentResult::result).containsOnly("Approved");
        assertThat(results).extracting(PaymentResult::id).containsOnly(results.get(0).id());
        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_charge")).isEqualTo(1);
        assertThat(fx.count("SELECT COUNT(*) FROM payment_txn")).isEqualTo(1);
        assertThat(postActions()).isEqualTo(1);
    }

    @Test
    void twoServersOnOneDatabaseRacingWithOneKeyChargeOnce() throws Exception {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        try (dev.ledgerbridge.RunningServer other = new dev.ledgerbridge.RunningServer(fx.app().config)) {
            Payments there = other.app().payments;
            List<PaymentResult> results = race(6, i -> (i % 2 == 0 ? payments : there)
                    .charge(pay(visa, "shared", on(fx.partlyPaid, "50.00"))));
            assertThat(results).extracting(PaymentResult::id).containsOnly(results.get(0).id());
            assertThat(results).extracting(PaymentResult::result).containsOnly("Approved");
        }
        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_charge")).isEqualTo(1);
        assertThat(postActions()).isEqualTo(1);
    }

    interface Call {
        PaymentResult call(int i) throws Exception;
    }

    static List<PaymentResult> race(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<PaymentResult>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                Callable<PaymentResult> c = () -> {
                    go.await();
                    return call.call(k);
                };
                futures.add(pool.submit(c));
            }
            go.countDown();
            List<PaymentResult> out = new ArrayList<>();
            for (Future<PaymentResult> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTimeoutIsRecordedAsErrorAndTheRetryWithTheSameKeyDoesNotChargeTwice() {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.TIMEOUT_CARD);

        PaymentResult lost = payments.charge(pay(visa, "t1", on(fx.open, "80.00")));
        assertThat(lost.result()).isEqualTo("Error");
        assertThat(lost.message()).contains("timed out");
        assertThat(postActions()).isZero();
        // the unknown outcome still holds the invoice: no second payment can overpay it meanwhile
        assertThat(payments.charge(pay(fx.card(fx.smith, SandboxGateway.APPROVE_CARD), "other",
                on(fx.open, "80.00"))).result()).isEqualTo("Skipped");

        PaymentResult retried = payments.charge(pay(visa, "t1", on(fx.open, "80.00")));

        assertThat(retried.id()).isEqualTo(lost.id());
        assertThat(retried.result()).isEqualTo("Approved");
        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_charge WHERE kind = 'charge' AND outcome = 'APPROVED'"))
                .isEqualTo(1);
        assertThat(fx.rows("SELECT attempts FROM payment_txn WHERE id = " + lost.id())).containsExactly(List.of("2"));
        assertThat(postActions()).isEqualTo(1);
        assertThat(payments.charge(pay(visa, "t1", on(fx.open, "80.00")))).isEqualTo(retried);
    }

    @Test
    void theSandboxCanBeToldToTimeOut() {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        fx.app().sandbox.timeOutNext(1);

        assertThat(payments.charge(pay(visa, "x", on(fx.open, "5.00"))).result()).isEqualTo("Error");
        assertThat(payments.charge(pay(visa, "x", on(fx.open, "5.00"))).result()).isEqualTo("Approved");
        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_charge")).isEqualTo(1);
    }

    @Test
    void aPaymentIsRecordedInQuickBooksWithItsDateInTheBusinessTimeZone() {
        // given: a business in New York, and a payment taken at 02:00 UTC, still the evening before in New York
        fx.close();
        ZoneId newYork = ZoneId.of("America/New_York");
        Instant at = LocalDate.now(ZoneOffset.UTC).minusDays(1).atTime(2, 0).toInstant(ZoneOffset.UTC);
        fx = new PaymentFixture(new MutableClock(at), Map.of(Setting.AUTO_PROCESSING_TIMEZONE, newYork.getId()));
        payments = fx.app().payments;
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);

        // when
        PaymentResult r = payments.charge(pay(visa, "evening", on(fx.open, "80.00")));

        // then: the post carries the New York date, not the UTC one
        LocalDate local = LocalDate.ofInstant(at, newYork);
        assertThat(local).isNotEqualTo(LocalDate.ofInstant(at, ZoneOffset.UTC));
        String payload = fx.rows("SELECT a.payload FROM action_request a JOIN payment_txn p ON p.post_action_id = a.id"
                + " WHERE p.id = " + r.id()).get(0).get(0);
        assertThat(payload).contains("\"txnDate\":\"" + local + "\"");
    }

    @Test
    void anApprovalIsNeverStoredWithoutItsPostToQuickBooksAndAnAbandonedAttemptIsFinishedLater() {
        fx.close();
        MutableClock clock = new MutableClock(Instant.now());
        fx = new PaymentFixture(clock);
        payments = fx.app().payments;
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        // the action queue refuses posts for a moment: the approval's transaction must fail as a whole
        fx.execute("ALTER TABLE action_request ADD CONSTRAINT no_posts CHECK (kind <> 'post-payment')");

        assertThatThrownBy(() -> payments.charge(pay(visa, "atomic", on(fx.open, "80.00"))))
                .isInstanceOf(RuntimeException.class);
        assertThat(fx.rows("SELECT result, post_action_id FROM payment_txn")).containsExactly(
                java.util.Arrays.asList("Pending", null));
        assertThat(postActions()).isZero();

        // the queue takes posts again; once the attempt is older than Payments.STALE it counts as abandoned (as after
        // a crash) and the same key finishes it: the gateway's first answer, one charge, one post
        fx.execute("ALTER TABLE action_request DROP CONSTRAINT no_posts");
        clock.advance(Payments.STALE.plusSeconds(1));
        PaymentResult finished = payments.charge(pay(visa, "atomic", on(fx.open, "80.00")));
        assertThat(finished.result()).isEqualTo("Approved");
        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_charge")).isEqualTo(1);
        assertThat(postActions()).isEqualTo(1);
    }

    @Test
    void aDepositIsChargedWithoutInvoicesAndPostedUnapplied() {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);

        PaymentResult r = payments.charge(new ChargeRequest(fx.companyId, fx.smith.listId(), visa.id(), List.of(),
                new BigDecimal("500.00"), "dep", "deposit", "clerk"));

        assertThat(r.result()).isEqualTo("Approved");
        assertThat(fx.rows("SELECT kind, amount FROM payment_txn")).containsExactly(List.of("deposit", "500.00"));
        assertThat(fx.rows("SELECT payload FROM action_request").get(0).get(0)).contains("\"applied\":[]");
        assertThat(payments.find(fx.companyId, r.id()).orElseThrow().deposit()).isTrue();
        assertThatThrownBy(() -> payments.charge(new ChargeRequest(fx.companyId, fx.smith.listId(), visa.id(),
                List.of(), null, "dep2", "deposit", "clerk"))).isInstanceOf(PaymentException.class)
                .hasMessageContaining("deposit amount is required");
    }

    @Test
    void refundsAnApprovedPaymentInPartsUpToItsAmount() {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        PaymentResult paid = payments.charge(pay(visa, "p", on(fx.open, "80.00")));
        posted(); // a payment is refunded once it is in QuickBooks

        PaymentResult part = payments.refund(fx.companyId, paid.id(), new BigDecimal("30.00"), "r1", "boss");
        assertThat(part.result()).isEqualTo("Approved");
        assertThatThrownBy(() -> payments.refund(fx.companyId, paid.id(), new BigDecimal("50.01"), "r2", "boss"))
                .isInstanceOf(PaymentException.class).hasMessageContaining("At most 50.00");
        PaymentResult rest = payments.refund(fx.companyId, paid.id(), null, "r3", "boss");

        assertThat(rest.result()).isEqualTo("Approved");
        assertThat(fx.rows("SELECT kind, amount, refund_of FROM payment_txn WHERE kind = 'refund' ORDER BY id"))
                .containsExactly(List.of("refund", "30.00", Long.toString(paid.id())),
                        List.of("refund", "50.00", Long.toString(paid.id())));
        assertThat(payments.summary(fx.companyId, fx.smith.listId()))
                .isEqualTo(new PaymentLedger.Summary(1, 0, new BigDecimal("0.00")));
        assertThat(postActions()).isEqualTo(1);
        assertThatThrownBy(() -> payments.refund(fx.companyId, paid.id(), null, "r4", "boss"))
                .isInstanceOf(PaymentException.class);
    }

    @Test
    void badRequestsAreRefusedWithAMessage() {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        assertThatThrownBy(() -> payments.charge(pay(visa, "", on(fx.open, "1.00"))))
                .isInstanceOf(PaymentException.class).hasMessageContaining("idempotency key");
        assertThatThrownBy(() -> payments.charge(pay(visa, "k", on(fx.open, "-1.00"))))
                .hasMessageContaining("more than 0");
        assertThatThrownBy(() -> payments.charge(pay(visa, "k", on(fx.open, "1.001"))))
                .hasMessageContaining("two decimals");
        assertThatThrownBy(() -> payments.charge(new ChargeRequest(fx.companyId, fx.jones.listId(), visa.id(),
                List.of(on(fx.jonesInvoice, "1.00")), null, "k", "manual", "clerk")))
                .hasMessageContaining("no payment profile");
        PaymentResult other = payments.charge(pay(visa, "k", on(fx.jonesInvoice, "1.00")));
        assertThat(other.result()).isEqualTo("Skipped");
        assertThat(other.message()).contains("not an invoice of this customer");
    }

    @Test
    void theEffectiveBalanceFollowsThePostAndTheNextSync() {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        PaymentResult r = payments.charge(pay(visa, "p", on(fx.partlyPaid, "13.75")));
        assertThat(payments.effectiveBalance(fx.companyId, fx.partlyPaid.txnId())).contains(new BigDecimal("200.00"));

        // posted to QuickBooks, but the invoice here is from before the post: still held
        fx.execute("UPDATE action_request SET state = 'done', updated_at = UTC_TIMESTAMP() WHERE kind = 'post-payment'");
        assertThat(payments.effectiveBalance(fx.companyId, fx.partlyPaid.txnId())).contains(new BigDecimal("200.00"));
        assertThat(payments.find(fx.companyId, r.id()).orElseThrow().postedToQuickBooks()).isTrue();

        // QuickBooks has the payment and the next sync brings the invoice: QuickBooks' balance alone counts
        fx.qb.advance(Duration.ofMinutes(5));
        fx.qb.applyPayment(fx.partlyPaid.txnId(), "13.75");
        sleepPastASecond();
        fx.sync();
        assertThat(fx.rows("SELECT balance_remaining FROM invoice WHERE txn_id = '" + fx.partlyPaid.txnId() + "'"))
                .containsExactly(List.of("200.00"));
        assertThat(payments.effectiveBalance(fx.companyId, fx.partlyPaid.txnId())).contains(new BigDecimal("200.00"));
        assertThat(payments.openBalance(fx.companyId, fx.smith.listId())).isEqualByComparingTo("280.00");
    }

    static void sleepPastASecond() {
        try {
            Thread.sleep(1100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aTokenStillChargesAfterARestart() {
        PaymentProfile visa = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        fx.server.restart();

        PaymentResult r = fx.app().payments.charge(pay(visa, "after-restart", on(fx.open, "80.00")));

        assertThat(r.result()).isEqualTo("Approved");
    }

    /** What the Web Connector's run does once QuickBooks has the payments: their posts are done. */
    void posted() {
        fx.execute("UPDATE action_request SET state = 'done', updated_at = UTC_TIMESTAMP() WHERE kind = 'post-payment'");
    }
}
