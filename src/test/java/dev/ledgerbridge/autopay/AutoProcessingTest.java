package dev.ledgerbridge.autopay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerbridge.App;
import dev.ledgerbridge.payment.sandbox.SandboxGateway;
import dev.ledgerbridge.testkit.QbCustomer;
import dev.ledgerbridge.testkit.QbInvoice;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Auto processing over a simulated calendar, on the real database and the sandbox gateway. */
class AutoProcessingTest {
    private final AutoWorld w = new AutoWorld();

    @AfterEach
    void close() {
        w.close();
    }

    private static LocalDate may(int day) {
        return LocalDate.of(2026, 5, day);
    }

    private static Instant mayAt(int day, int hour) {
        return may(day).atTime(hour, 0).toInstant(java.time.ZoneOffset.UTC);
    }

    @Test
    void chargesExactlyTheEligibleInvoicesEachOnceOnTheirDueDateAtTheHour() {
        // given: one company with auto processing on (no delay, 09:00, no retries), one with it off
        AutoWorld.Company acme = w.company("Acme");
        AutoWorld.Company other = w.company("Other");
        QbCustomer ready = acme.customer("Ready Buyer");
        QbCustomer off = acme.customer("Switched Off");
        QbCustomer noCard = acme.customer("No Card");
        QbCustomer disabledCard = acme.customer("Disabled Card");
        QbCustomer paid = acme.customer("Paid Already");
        QbCustomer planned = acme.customer("On A Plan");
        QbCustomer elsewhere = other.customer("Other Company Buyer");
        QbInvoice due3 = acme.invoice(ready, "R-1", may(3), "120.00");
        QbInvoice due10 = acme.invoice(ready, "R-2", may(10), "80.50");
        QbInvoice offInv = acme.invoice(off, "O-1", may(2), "10.00");
        QbInvoice noCardInv = acme.invoice(noCard, "N-1", may(2), "10.00");
        QbInvoice disabledInv = acme.invoice(disabledCard, "D-1", may(2), "10.00");
        QbInvoice paidInv = acme.invoice(paid, "P-1", may(2), "10.00");
        QbInvoice plannedInv = acme.invoice(planned, "PL-1", may(2), "90.00");
        QbInvoice otherInv = other.invoice(elsewhere, "X-1", may(2), "10.00");
        acme.qb.applyPayment(paidInv.txnId(), "10.00");
        acme.sync();
        other.sync();
        acme.rules(true, 0, 9, 0, 3);
        other.rules(false, 0, 9, 0, 3);
        for (QbCustomer c : List.of(ready, off, noCard, disabledCard, paid, planned)) {
            if (c != off) {
                acme.autoOn(c);
            }
            if (c != noCard) {
                acme.card(c, SandboxGateway.APPROVE_CARD);
            }
        }
        long disabledProfile = w.app.paymentProfiles.list(acme.id, disabledCard.listId()).get(0).id();
        w.app.paymentProfiles.setAutoEnabled(acme.id, disabledCard.listId(), disabledProfile, false, "test");
        other.autoOn(elsewhere);
        other.card(elsewhere, SandboxGateway.APPROVE_CARD);
        long planProfile = w.app.paymentProfiles.list(acme.id, planned.listId()).get(0).id();
        w.app.plans.create(acme.id, planned.listId(), plannedInv.txnId(), planProfile,
                List.of(new InstallmentPlans.Dated(may(20), new java.math.BigDecimal("90.00"))), "test");

        // when: the scheduler runs every hour until May 3rd, 08:00
        w.runUntil(mayAt(3, 8), Duration.ofHours(1));

        // then: nothing was due yet at the hour
        assertThat(acme.payments(due3)).isEmpty();
        Forecast f = w.app.auto.forecast(acme.id, ready.listId()).get(0);
        assertThat(f.status()).isEqualTo(Forecast.Status.SCHEDULED);
        assertThat(f.chargeAt()).isEqualTo(mayAt(3, 9));

        // when: it runs on every hour for twelve more days
        w.runUntil(mayAt(15, 0), Duration.ofHours(1));

        // then: each eligible invoice was charged once, in full, at its hour; nothing else was charged
        assertThat(acme.payments(due3)).containsExactly("auto Approved 120.00 2026-05-03 09:00:00");
        assertThat(acme.payments(due10)).containsExactly("auto Approved 80.50 2026-05-10 09:00:00");
        for (QbInvoice never : List.of(offInv, noCardInv, disabledInv, paidInv, plannedInv)) {
            assertThat(acme.payments(never)).as(never.refNumber()).isEmpty();
        }
        assertThat(other.payments(otherInv)).isEmpty();
        assertThat(w.gatewayCharges()).isEqualTo(2);
        assertThat(reason(acme, off)).isEqualTo("Auto processing is off for this customer");
        assertThat(reason(acme, noCard)).isEqualTo("No payment profile is enabled for auto processing");
        assertThat(reason(acme, disabledCard)).isEqualTo("No payment profile is enabled for auto processing");
        assertThat(reason(acme, planned)).startsWith("Installment plan #");
        assertThat(w.app.auto.forecast(acme.id, paid.listId())).as("a paid invoice is not open").isEmpty();
        assertThat(reason(other, elsewhere)).isEqualTo("Auto processing is off for the company");
        assertThat(w.app.auto.forecast(acme.id, ready.listId())).extracting(Forecast::reason)
                .allMatch(r -> r.startsWith("Charged on"));
    }

    @Test
    void turningASwitchOnDoesNotPayInvoicesAlreadyDueUnlessTheRulesSaySo() {
        // given: on May 5th, a company with auto processing on; a customer with a card, one invoice due May 2nd
        // (already due) and one due May 8th
        w.clock.advance(Duration.between(w.clock.instant(), mayAt(5, 12)));
        AutoWorld.Company acme = w.company("Acme");
        QbCustomer c = acme.customer("Old Debts");
        QbInvoice old = acme.invoice(c, "OLD-1", may(2), "40.00");
        QbInvoice coming = acme.invoice(c, "NEW-1", may(8), "25.00");
        acme.sync();
        acme.rules(true, 0, 9, 0, 3);
        acme.card(c, SandboxGateway.APPROVE_CARD);

        // when: staff turn the customer on at noon on May 5th and the scheduler runs hourly until May 10th
        acme.autoOn(c);
        w.runUntil(mayAt(10, 0), Duration.ofHours(1));

        // then: only the invoice that fell due after the switch was turned on is charged; the page says why not
        assertThat(acme.payments(old)).isEmpty();
        assertThat(acme.payments(coming)).containsExactly("auto Approved 25.00 2026-05-08 09:00:00");
        Forecast f = w.app.auto.forecast(acme.id, c.listId()).stream()
                .filter(x -> x.invoice().txnId().equals(old.txnId())).findFirst().orElseThrow();
        assertThat(f.status()).isEqualTo(Forecast.Status.NOT_CHARGED);
        assertThat(f.reason()).contains("2026-05-02").contains("before it was turned on (2026-05-05)");

        // when: turning the customer off and on again later still does not reach back
        acme.autoOff(c);
        acme.autoOn(c);
        w.runUntil(mayAt(11, 0), Duration.ofHours(1));
        assertThat(acme.payments(old)).isEmpty();

        // when: the company's rules say to charge invoices already due too
        acme.rules(true, 0, 9, 0, 3, true);
        w.runUntil(mayAt(12, 0), Duration.ofHours(1));

        // then: the old invoice is charged, once
        assertThat(acme.payments(old)).containsExactly("auto Approved 40.00 2026-05-11 00:00:00");
        assertThat(w.gatewayCharges()).isEqualTo(2);
    }

    @Test
    void turningTheCompanySwitchOnDoesNotReachBackEither() {
        // given: a customer switched on long ago (its invoice fell due on May 2nd) while the company was off
        w.clock.advance(Duration.between(w.clock.instant(), mayAt(1, 12)));
        AutoWorld.Company acme = w.company("Acme");
        QbCustomer c = acme.customer("Waiting Buyer");
        QbInvoice old = acme.invoice(c, "W-1", may(2), "15.00");
        acme.sync();
        acme.autoOn(c);
        acme.card(c, SandboxGateway.APPROVE_CARD);
        w.runUntil(mayAt(6, 0), Duration.ofHours(1));

        // when: the company turns auto processing on on May 6th
        acme.rules(true, 0, 9, 0, 3);
        w.runUntil(mayAt(8, 0), Duration.ofHours(1));

        // then: the invoice already due is left for staff
        assertThat(acme.payments(old)).isEmpty();
        assertThat(reason(acme, c)).contains("before it was turned on (2026-05-06)");

        // and saving the rules again while on keeps the date the switch was turned on
        acme.rules(true, 0, 10, 0, 3);
        assertThat(w.app.auto.settings(acme.id).enabledSince()).isEqualTo(mayAt(6, 0));
    }

    private String reason(AutoWorld.Company c, QbCustomer customer) {
        List<Forecast> f = w.app.auto.forecast(c.id, customer.listId());
        assertThat(f).hasSize(1);
        assertThat(f.get(0).status()).isEqualTo(Forecast.Status.NOT_CHARGED);
        return f.get(0).reason();
    }

    @Test
    void appliesDelayDaysAndNeverChargesAnInvoiceQuickBooksShowsPaidBeforeItsDay() {
        // given: a delay of 2 days at 14:00; one invoice is paid in QuickBooks before its day comes
        AutoWorld.Company acme = w.company("Acme");
        QbCustomer c = acme.customer("Late Payer");
        QbInvoice a = acme.invoice(c, "L-1", may(4), "50.00");
        QbInvoice b = acme.invoice(c, "L-2", may(4), "60.00");
        acme.sync();
        acme.rules(true, 2, 14, 0, 1);
        acme.autoOn(c);
        acme.card(c, SandboxGateway.APPROVE_CARD);
        w.runUntil(mayAt(6, 13), Duration.ofHours(1));
        assertThat(acme.payments(a)).isEmpty();

        // when: QuickBooks receives L-2's payment and syncs before 14:00 on the 6th
        acme.qb.applyPayment(b.txnId(), "60.00");
        acme.sync();
        w.runUntil(mayAt(9, 0), Duration.ofHours(1));

        // then
        assertThat(acme.payments(a)).containsExactly("auto Approved 50.00 2026-05-06 14:00:00");
        assertThat(acme.payments(b)).isEmpty();
    }

    @Test
    void recordsADeclineAndRetriesOnlyAsTheRuleSays() {
        // given: no retries for one company, two retries three days apart for another
        AutoWorld.Company strict = w.company("Strict");
        AutoWorld.Company lenient = w.company("Lenient");
        QbCustomer s = strict.customer("Declined Once");
        QbCustomer l = lenient.customer("Declined Thrice");
        QbInvoice si = strict.invoice(s, "S-1", may(2), "25.00");
        QbInvoice li = lenient.invoice(l, "T-1", may(2), "35.00");
        strict.sync();
        lenient.sync();
        strict.rules(true, 0, 9, 0, 3);
        lenient.rules(true, 0, 9, 2, 3);
        strict.autoOn(s);
        lenient.autoOn(l);
        strict.card(s, SandboxGateway.DECLINE_CARD);
        lenient.card(l, SandboxGateway.INSUFFICIENT_FUNDS_CARD);

        // when: a month of hourly runs
        w.runUntil(mayAt(31, 0), Duration.ofHours(1));

        // then
        assertThat(strict.payments(si)).containsExactly("auto Declined 25.00 2026-05-02 09:00:00");
        assertThat(lenient.payments(li)).containsExactly("auto Declined 35.00 2026-05-02 09:00:00",
                "auto Declined 35.00 2026-05-05 09:00:00", "auto Declined 35.00 2026-05-08 09:00:00");
        Forecast f = w.app.auto.forecast(lenient.id, l.listId()).get(0);
        assertThat(f.status()).isEqualTo(Forecast.Status.DONE);
        assertThat(f.reason()).contains("Declined on 2026-05-08", "no retries left");
        assertThat(strict.attempts(si)).containsExactly("auto:" + si.txnId() + ":2026-05-02:1 done Declined");
    }

    @Test
    void twoSchedulersOnTwoServersAtTheSameMomentChargeEachInvoiceOnce() throws Exception {
        // given: 30 invoices due, and a second server on the same database
        AutoWorld.Company acme = w.company("Acme");
        List<QbInvoice> invoices = new ArrayList<>();
        List<QbCustomer> customers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            QbCustomer c = acme.customer("Buyer " + i);
            customers.add(c);
            for (int j = 0; j < 3; j++) {
                invoices.add(acme.invoice(c, "B" + i + "-" + j, may(2), (10 + i) + "." + j + "0"));
            }
        }
        acme.sync();
        acme.rules(true, 0, 9, 0, 3);
        for (QbCustomer c : customers) {
            acme.autoOn(c);
            acme.card(c, SandboxGateway.APPROVE_CARD);
        }
        w.clock.advance(Duration.between(w.clock.instant(), mayAt(2, 9)));
        try (App second = App.open(w.config, w.clock)) {
            List<AutoProcessing> schedulers = List.of(w.app.auto, second.auto, w.newScheduler(), w.newScheduler());
            CyclicBarrier start = new CyclicBarrier(schedulers.size());
            ExecutorService pool = Executors.newFixedThreadPool(schedulers.size());
            List<Future<AutoProcessing.RunReport>> runs = new ArrayList<>();
            for (AutoProcessing a : schedulers) {
                Instant now = w.clock.instant();
                runs.add(pool.submit((Callable<AutoProcessing.RunReport>) () -> {
                    start.await();
                    return a.runOnce(now);
                }));
            }
            int approved = 0;
            for (Future<AutoProcessing.RunReport> r : runs) {
                approved += r.get().approved();
            }
            pool.shutdown();

            // then
            assertThat(approved).isEqualTo(30);
        }
        for (QbInvoice i : invoices) {
            assertThat(acme.payments(i)).as(i.refNumber()).hasSize(1).allMatch(p -> p.startsWith("auto Approved"));
        }
        assertThat(w.gatewayCharges()).isEqualTo(30);
        assertThat(w.app.auto.runOnce(w.clock.instant()).charged()).as("a later run").isZero();
    }

    /** What a server dying at a point of a charge looks like to the run: it stops there. */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void aRestartAfterAClaimChargesTheInvoiceOnceWhenTheLeaseRunsOut() {
        // given: the scheduler dies right after claiming the first charge
        AutoWorld.Company acme = w.company("Acme");
        QbCustomer c = acme.customer("Crash Victim");
        QbInvoice a = acme.invoice(c, "C-1", may(2), "40.00");
        QbInvoice b = acme.invoice(c, "C-2", may(2), "41.00");
        acme.sync();
        acme.rules(true, 0, 9, 0, 3);
        acme.autoOn(c);
        acme.card(c, SandboxGateway.APPROVE_CARD);
        w.clock.advance(Duration.between(w.clock.instant(), mayAt(2, 9)));
        AutoProcessing dying = w.newScheduler();
        dying.interruption((stage, key) -> {
            if (stage == AutoProcessing.Stage.CLAIMED) {
                throw new Crash();
            }
        });
        assertThatThrownBy(() -> dying.runOnce(w.clock.instant())).isInstanceOf(Crash.class);
        assertThat(w.gatewayCharges()).isZero();

        // when: the restarted server runs at once, and again after the lease
        AutoProcessing restarted = w.newScheduler();
        AutoProcessing.RunReport first = restarted.runOnce(w.clock.instant());
        List<Forecast> during = w.app.auto.forecast(acme.id, c.listId());
        w.clock.advance(AutoWorld.LEASE.plusMinutes(1));
        restarted.runOnce(w.clock.instant());
        restarted.runOnce(w.clock.instant());

        // then: the claimed one waited for its lease, the other was charged at once; each exactly once
        assertThat(first.approved()).isEqualTo(1);
        assertThat(during).extracting(Forecast::status).containsExactlyInAnyOrder(Forecast.Status.RUNNING,
                Forecast.Status.DONE);
        assertThat(acme.payments(a)).hasSize(1).allMatch(p -> p.startsWith("auto Approved"));
        assertThat(acme.payments(b)).hasSize(1).allMatch(p -> p.startsWith("auto Approved"));
        assertThat(w.gatewayCharges()).isEqualTo(2);
    }

    @Test
    void aRestartAfterTheGatewayChargedButBeforeTheResultWasRecordedDoesNotChargeAgain() {
        // given: the scheduler dies after the gateway approved the charge, before it recorded the result
        AutoWorld.Company acme = w.company("Acme");
        QbCustomer c = acme.customer("Crash After Charge");
        QbInvoice a = acme.invoice(c, "CC-1", may(2), "70.00");
        acme.sync();
        acme.rules(true, 0, 9, 0, 3);
        acme.autoOn(c);
        acme.card(c, SandboxGateway.APPROVE_CARD);
        w.clock.advance(Duration.between(w.clock.instant(), mayAt(2, 9)));
        AutoProcessing dying = w.newScheduler();
        dying.interruption((stage, key) -> {
            if (stage == AutoProcessing.Stage.CHARGED) {
                throw new Crash();
            }
        });
        assertThatThrownBy(() -> dying.runOnce(w.clock.instant())).isInstanceOf(Crash.class);
        assertThat(w.gatewayCharges()).isEqualTo(1);

        // when: a restarted server runs through the next day
        AutoProcessing restarted = w.newScheduler();
        for (int i = 0; i < 30; i++) {
            restarted.runOnce(w.clock.instant());
            w.clock.advance(Duration.ofHours(1));
        }

        // then: its claim was finished under the same key: one charge, recorded Approved
        assertThat(w.gatewayCharges()).isEqualTo(1);
        assertThat(acme.payments(a)).hasSize(1).allMatch(p -> p.startsWith("auto Approved"));
        assertThat(acme.attempts(a)).containsExactly("auto:" + a.txnId() + ":2026-05-02:1 done Approved");
    }

    @Test
    void asksAgainUnderTheSameKeyWhenTheGatewayDidNotAnswer() {
        // given: a card whose charge is taken but whose answer is lost
        AutoWorld.Company acme = w.company("Acme");
        QbCustomer c = acme.customer("Timed Out");
        QbInvoice a = acme.invoice(c, "TO-1", may(2), "15.00");
        acme.sync();
        acme.rules(true, 0, 9, 0, 3);
        acme.autoOn(c);
        acme.card(c, SandboxGateway.TIMEOUT_CARD);
        w.clock.advance(Duration.between(w.clock.instant(), mayAt(2, 9)));

        // when
        AutoProcessing.RunReport first = w.app.auto.runOnce(w.clock.instant());
        Forecast waiting = w.app.auto.forecast(acme.id, c.listId()).get(0);
        w.runUntil(mayAt(3, 9), Duration.ofMinutes(30));

        // then
        assertThat(first.errors()).isEqualTo(1);
        assertThat(waiting.status()).isEqualTo(Forecast.Status.RUNNING);
        assertThat(waiting.reason()).contains("did not answer");
        assertThat(w.gatewayCharges()).isEqualTo(1);
        assertThat(acme.attempts(a)).containsExactly("auto:" + a.txnId() + ":2026-05-02:1 done Approved");
        assertThat(acme.payments(a)).hasSize(1).allMatch(p -> p.startsWith("auto Approved"));
    }

    @Test
    void readsTheHourInTheConfiguredZoneAcrossADaylightSavingChange() {
        AutoProcessing ny = new AutoProcessing(w.app.db, w.clock, java.time.ZoneId.of("America/New_York"),
                AutoWorld.LEASE, PaymentsPort.of(w.app.payments, w.app.paymentProfiles));
        assertThat(ny.at(LocalDate.of(2026, 3, 7), 9)).isEqualTo(Instant.parse("2026-03-07T14:00:00Z"));
        assertThat(ny.at(LocalDate.of(2026, 3, 9), 9)).isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
        assertThat(w.app.auto.at(LocalDate.of(2026, 3, 9), 9)).isEqualTo(Instant.parse("2026-03-09T09:00:00Z"));
    }
}
