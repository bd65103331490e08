package dev.ledgerbridge.autopay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.payment.sandbox.SandboxGateway;
import dev.ledgerbridge.simulate.QbCreditMemo;
import dev.ledgerbridge.sync.CompanyMirror;
import dev.ledgerbridge.testkit.CycleResult;
import dev.ledgerbridge.testkit.Faults;
import dev.ledgerbridge.testkit.QbCustomer;
import dev.ledgerbridge.testkit.QbInvoice;
import dev.ledgerbridge.testkit.QbPayment;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With "apply credit memos before charging" on, auto processing applies the customer's open credit to a due invoice,
 * writes it to QuickBooks once through the action queue (ReceivePaymentAdd with SetCredit, over the real SOAP
 * endpoint), and charges the card only for what is left.
 */
class CreditsBeforeChargingEndToEndTest {
    AutoWorld w;
    AutoWorld.Company co;
    QbCustomer smith;

    @BeforeEach
    void start() {
        w = new AutoWorld();
        co = w.company("Credit Co");
        co.qb.addPaymentMethod("Credit Card");
        smith = co.customer("Smith");
    }

    @AfterEach
    void close() {
        w.close();
    }

    private void autoProcessingWithCreditsFirst() {
        co.rules(true, 0, 9, 0, 3);
        co.autoOn(smith);
        co.card(smith, SandboxGateway.APPROVE_CARD);
        w.app.paymentSettings.saveCredits(co.id, true, null, "test");
    }

    /** Runs auto processing at 09:00 on the day, the clock left there. */
    private AutoProcessing.RunReport runOn(LocalDate day) {
        w.clock.advance(Duration.between(w.clock.instant(), day.atTime(9, 0).toInstant(ZoneOffset.UTC)));
        return w.app.auto.runOnce(w.clock.instant());
    }

    private List<String> creditActions() {
        return w.rows("SELECT state, payload FROM action_request WHERE company_id = ? AND kind = 'apply-credit'"
                + " ORDER BY id", co.id);
    }

    private List<QbPayment> creditPayments() {
        return co.qb.payments().stream().filter(p -> p.memo() != null && p.memo().startsWith("Ledgerbridge credit"))
                .toList();
    }

    @Test
    void anOpenCreditIsAppliedOnceAndTheCardChargedOnlyForTheRest() throws Exception {
        // given an invoice of 100.00 due on May 3 and a credit memo of 30.00 in QuickBooks, synced
        QbInvoice inv = co.invoice(smith, "C-1", LocalDate.of(2026, 5, 3), "100.00");
        QbCreditMemo credit = co.qb.company().addCreditMemo(smith.listId(), "Returned part", new BigDecimal("30.00"));
        co.sync();
        autoProcessingWithCreditsFirst();

        // when auto processing runs on the due date, and again an hour later
        AutoProcessing.RunReport r = runOn(LocalDate.of(2026, 5, 3));
        w.clock.advance(Duration.ofHours(1));
        AutoProcessing.RunReport again = w.app.auto.runOnce(w.clock.instant());

        // then the credit is queued once for QuickBooks and the card is charged 70.00, once
        assertThat(r.approved()).isEqualTo(1);
        assertThat(again.charged()).isZero();
        assertThat(co.payments(inv)).singleElement().asString().startsWith("auto Approved 70.00");
        assertThat(creditActions()).singleElement().asString().startsWith("queued").contains(credit.txnId(),
                inv.txnId(), "30.00");

        // and the next Web Connector run writes the credit and the payment to QuickBooks: the invoice is paid,
        // the credit used up, and the credit written exactly once
        co.sync();
        assertThat(creditActions()).singleElement().asString().startsWith("done");
        assertThat(creditPayments()).singleElement().satisfies(p -> assertThat(p.totalAmount()).isZero());
        assertThat(co.qb.creditMemo(credit.txnId()).orElseThrow().creditRemaining()).isZero();
        assertThat(co.qb.invoice(inv.txnId()).orElseThrow().balanceRemaining()).isZero();
        assertThat(co.qb.customer(smith.listId()).orElseThrow().balance()).isZero();

        // and the run after mirrors QuickBooks exactly; nothing more is applied or charged
        w.clock.advance(Duration.ofMinutes(15));
        co.sync();
        CompanyMirror.assertInvoicesMirror(w.app, co.id, co.qb);
        CompanyMirror.assertReceivablesMirror(w.app, co.id, co.qb);
        w.clock.advance(Duration.ofDays(1));
        assertThat(w.app.auto.runOnce(w.clock.instant()).charged()).isZero();
        assertThat(creditActions()).hasSize(1);
        assertThat(w.gatewayCharges()).isEqualTo(1);
    }

    @Test
    void aCreditApplicationWhoseAnswerWasLostIsFoundInQuickBooksAndNotAppliedAgain() throws Exception {
        // given an invoice of 100.00 and a credit memo of 150.00: the credit pays the whole invoice
        QbInvoice inv = co.invoice(smith, "C-2", LocalDate.of(2026, 5, 3), "100.00");
        QbCreditMemo credit = co.qb.company().addCreditMemo(smith.listId(), "Overpaid deposit", new BigDecimal("150.00"));
        co.sync();
        autoProcessingWithCreditsFirst();
        w.clock.advance(Duration.between(w.clock.instant(), LocalDate.of(2026, 5, 3).atTime(8, 0)
                .toInstant(ZoneOffset.UTC)));
        co.sync();
        // the exchanges of a run with nothing to write: the write of the next run comes right after them
        int pullExchanges = co.sync(Faults.none()).exchangeCount();
        AutoProcessing.RunReport r = runOn(LocalDate.of(2026, 5, 3));
        assertThat(r.charged()).isZero();
        assertThat(creditActions()).singleElement().asString().contains("100.00");

        // when QuickBooks applies it but the answer never reaches the server
        CycleResult lost = co.sync(Faults.none().loseResponseAfter(pullExchanges + 1));
        assertThat(lost.requests().get(pullExchanges)).contains("<SetCredit>", credit.txnId());
        assertThat(creditPayments()).hasSize(1);
        assertThat(co.qb.creditMemo(credit.txnId()).orElseThrow().creditRemaining()).isEqualByComparingTo("50.00");
        assertThat(creditActions()).singleElement().asString().startsWith("sent");

        // then, while it is unconfirmed, auto processing neither applies the credit again nor charges the invoice
        w.clock.advance(Duration.ofHours(1));
        assertThat(w.app.auto.runOnce(w.clock.instant()).charged()).isZero();
        assertThat(creditActions()).hasSize(1);

        // and the next run finds it in QuickBooks by its key and does not send it again
        CycleResult next = co.sync(Faults.none());
        assertThat(next.requests()).anyMatch(q -> q.contains("<ReceivePaymentQueryRq") && q.contains("<EntityFilter>"));
        assertThat(next.requests()).noneMatch(q -> q.contains("<SetCredit>"));
        assertThat(creditActions()).singleElement().asString().startsWith("done");
        assertThat(creditPayments()).hasSize(1);
        assertThat(co.qb.creditMemo(credit.txnId()).orElseThrow().creditRemaining()).isEqualByComparingTo("50.00");

        // and once read again, the mirror equals QuickBooks, with 50.00 of credit left and the invoice paid
        w.clock.advance(Duration.ofMinutes(15));
        co.sync();
        CompanyMirror.assertInvoicesMirror(w.app, co.id, co.qb);
        CompanyMirror.assertReceivablesMirror(w.app, co.id, co.qb);
        assertThat(w.rows("SELECT credit_remaining FROM credit_memo WHERE company_id = ? AND txn_id = ?", co.id,
                credit.txnId())).containsExactly("50.00");
        assertThat(w.gatewayCharges()).isZero();
        assertThat(co.payments(inv)).isEmpty();
    }
}
