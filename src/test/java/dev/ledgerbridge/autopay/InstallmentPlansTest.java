package dev.ledgerbridge.autopay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerbridge.payment.sandbox.SandboxGateway;
import dev.ledgerbridge.testkit.QbCustomer;
import dev.ledgerbridge.testkit.QbInvoice;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Installment plans: exact splits, checks, and their installments charged on their dates, once, unless paused. */
class InstallmentPlansTest {
    private final AutoWorld w = new AutoWorld();

    @AfterEach
    void close() {
        w.close();
    }

    private static LocalDate date(int month, int day) {
        return LocalDate.of(2026, month, day);
    }

    private static Instant at(int month, int day, int hour) {
        return date(month, day).atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    private static InstallmentPlans.Dated dated(LocalDate d, String amount) {
        return new InstallmentPlans.Dated(d, new BigDecimal(amount));
    }

    @Test
    void splitsEquallyToTheCentWithTheLeftoverCentsFirst() {
        assertThat(InstallmentPlans.equalSplit(new BigDecimal("100.00"), 3, date(5, 5), Period.ofMonths(1)))
                .containsExactly(dated(date(5, 5), "33.34"), dated(date(6, 5), "33.33"), dated(date(7, 5), "33.33"));
        assertThat(InstallmentPlans.equalSplit(new BigDecimal("0.05"), 3, date(5, 5), Period.ofWeeks(2)))
                .extracting(InstallmentPlans.Dated::amount)
                .containsExactly(new BigDecimal("0.02"), new BigDecimal("0.02"), new BigDecimal("0.01"));
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            BigDecimal total = BigDecimal.valueOf(1 + random.nextInt(10_000_000), 2);
            int n = 1 + random.nextInt(60);
            if (total.movePointRight(2).longValue() < n) {
                continue;
            }
            List<InstallmentPlans.Dated> split = InstallmentPlans.equalSplit(total, n, date(5, 5), Period.ofWeeks(1));
            assertThat(split).hasSize(n);
            assertThat(split.stream().map(InstallmentPlans.Dated::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .as(total + " in " + n).isEqualByComparingTo(total);
            BigDecimal max = split.get(0).amount();
            assertThat(split).allSatisfy(d -> assertThat(max.subtract(d.amount())).isBetween(BigDecimal.ZERO,
                    new BigDecimal("0.01")));
        }
        assertThatThrownBy(() -> InstallmentPlans.equalSplit(new BigDecimal("0.02"), 3, date(5, 5), Period.ofDays(7)))
                .hasMessageContaining("too small");
        assertThatThrownBy(() -> InstallmentPlans.equalSplit(new BigDecimal("10.00"), 61, date(5, 5), Period.ofDays(7)))
                .hasMessageContaining("between 1 and 60");
    }

    @Test
    void readsCustomSchedulesAndSaysWhatIsWrongWithABadLine() {
        assertThat(InstallmentPlans.parse("2026-05-05 10.00\n\n2026-06-05, 20.5\r\n"))
                .containsExactly(dated(date(5, 5), "10.00"), dated(date(6, 5), "20.50"));
        assertThatThrownBy(() -> InstallmentPlans.parse("2026-05-05 10.00\nsoon 5")).hasMessageContaining("Line 2");
        assertThatThrownBy(() -> InstallmentPlans.parse("2026-05-05 10.001")).hasMessageContaining("not an amount");
        assertThatThrownBy(() -> InstallmentPlans.parse("2026-05-05")).hasMessageContaining("YYYY-MM-DD amount");
    }

    @Test
    void refusesPlansThatDoNotAddUpOrPointAtTheWrongThings() {
        AutoWorld.Company acme = w.company("Acme");
        QbCustomer c = acme.customer("Planner");
        QbCustomer other = acme.customer("Someone Else");
        QbInvoice inv = acme.invoice(c, "P-1", date(5, 2), "100.00");
        QbInvoice othersInv = acme.invoice(other, "P-2", date(5, 2), "100.00");
        acme.sync();
        long profile = acme.card(c, SandboxGateway.APPROVE_CARD).id();
        long othersProfile = acme.card(other, SandboxGateway.APPROVE_CARD).id();
        InstallmentPlans plans = w.app.plans;

        assertThatThrownBy(() -> plans.create(acme.id, c.listId(), inv.txnId(), profile,
                List.of(dated(date(5, 5), "50.00"), dated(date(6, 5), "49.99")), "test"))
                .hasMessage("The installments add up to 99.99 but must add up to the invoice's open balance, 100.00");
        assertThatThrownBy(() -> plans.create(acme.id, c.listId(), inv.txnId(), profile,
                List.of(dated(date(4, 30), "100.00")), "test")).hasMessageContaining("is in the past");
        assertThatThrownBy(() -> plans.create(acme.id, c.listId(), inv.txnId(), profile,
                List.of(dated(date(5, 5), "120.00"), dated(date(6, 5), "-20.00")), "test"))
                .hasMessageContaining("above zero");
        assertThatThrownBy(() -> plans.create(acme.id, c.listId(), othersInv.txnId(), profile,
                List.of(dated(date(5, 5), "100.00")), "test")).hasMessageContaining("open invoices");
        assertThatThrownBy(() -> plans.create(acme.id, c.listId(), inv.txnId(), othersProfile,
                List.of(dated(date(5, 5), "100.00")), "test")).hasMessageContaining("payment profiles");

        Plan made = plans.create(acme.id, c.listId(), inv.txnId(), profile,
                List.of(dated(date(6, 5), "60.00"), dated(date(5, 5), "40.00")), "test");
        assertThat(made.installments()).extracting(Installment::dueDate).containsExactly(date(5, 5), date(6, 5));
        assertThatThrownBy(() -> plans.create(acme.id, c.listId(), inv.txnId(), profile,
                List.of(dated(date(5, 5), "100.00")), "test")).hasMessageContaining("already has installment plan #"
                + made.id());
        assertThat(plans.invoicesWithoutPlan(acme.id, c.listId())).isEmpty();
        plans.change(acme.id, made.id(), InstallmentPlans.CANCEL, "test");
        assertThat(plans.invoicesWithoutPlan(acme.id, c.listId())).extracting(OpenInvoice::txnId)
                .containsExactly(inv.txnId());
        assertThatThrownBy(() -> plans.change(acme.id, made.id(), InstallmentPlans.RESUME, "test"))
                .hasMessageContaining("cancelled");
    }

    @Test
    void chargesEachInstallmentOnceOnItsDateAndNotWhilePaused() throws Exception {
        // given: auto processing on for the customer too, and an invoice due May 2nd split in three from May 5th
        AutoWorld.Company acme = w.company("Acme");
        QbCustomer c = acme.customer("Three Parts");
        QbInvoice inv = acme.invoice(c, "I-1", date(5, 2), "100.00");
        acme.sync();
        acme.rules(true, 0, 9, 0, 3);
        acme.autoOn(c);
        long profile = acme.card(c, SandboxGateway.APPROVE_CARD).id();
        Plan plan = w.app.plans.create(acme.id, c.listId(), inv.txnId(), profile,
                InstallmentPlans.equalSplit(new BigDecimal("100.00"), 3, date(5, 5), Period.ofMonths(1)), "test");

        // when: two schedulers run at the same moments every 3 hours until June 1st
        AutoProcessing second = w.newScheduler();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Runnable both = () -> {
            Instant now = w.clock.instant();
            Future<?> x = pool.submit(() -> w.app.auto.runOnce(now));
            Future<?> y = pool.submit(() -> second.runOnce(now));
            try {
                x.get();
                y.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        runUntil(at(6, 1, 0), both);

        // then: the first installment, on its date at the hour; auto processing left the invoice to the plan
        assertThat(acme.payments(inv)).containsExactly("installment Approved 33.34 2026-05-05 09:00:00");
        assertThat(w.app.auto.forecast(acme.id, c.listId()).get(0).reason()).startsWith("Installment plan #");

        // when: paused through June 20th, resumed at noon, and run until August
        w.app.plans.change(acme.id, plan.id(), InstallmentPlans.PAUSE, "test");
        runUntil(at(6, 20, 12), both);
        assertThat(acme.payments(inv)).hasSize(1);
        w.app.plans.change(acme.id, plan.id(), InstallmentPlans.RESUME, "test");
        runUntil(at(8, 1, 0), both);
        pool.shutdown();

        // then: the missed one at the first run after resuming, the last on its date; the plan is complete
        assertThat(acme.payments(inv)).containsExactly("installment Approved 33.34 2026-05-05 09:00:00",
                "installment Approved 33.33 2026-06-20 12:00:00", "installment Approved 33.33 2026-07-05 09:00:00");
        assertThat(w.gatewayCharges()).isEqualTo(3);
        Plan done = w.app.plans.plan(acme.id, plan.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(Plan.COMPLETED);
        assertThat(done.installments()).extracting(Installment::state).containsOnly(Installment.CHARGED);
        assertThat(done.charged()).isEqualByComparingTo("100.00");
    }

    private void runUntil(Instant until, Runnable run) {
        while (true) {
            run.run();
            if (w.clock.instant().plus(Duration.ofHours(3)).isAfter(until)) {
                return;
            }
            w.clock.advance(Duration.ofHours(3));
        }
    }

    @Test
    void reschedulesWhatIsLeftAndRecordsDeclinedInstallments() {
        // given: a plan whose first installment is charged; one retry two days after a decline
        AutoWorld.Company acme = w.company("Acme");
        QbCustomer c = acme.customer("Reschedule Me");
        QbInvoice inv = acme.invoice(c, "R-1", date(5, 2), "90.00");
        acme.sync();
        acme.rules(false, 0, 9, 1, 2);
        long good = acme.card(c, SandboxGateway.APPROVE_CARD).id();
        Plan plan = w.app.plans.create(acme.id, c.listId(), inv.txnId(), good,
                List.of(dated(date(5, 3), "30.00"), dated(date(5, 10), "60.00")), "test");
        w.runUntil(at(5, 4, 0), Duration.ofHours(1));
        assertThat(acme.payments(inv)).containsExactly("installment Approved 30.00 2026-05-03 09:00:00");

        // when: the rest is rescheduled wrongly, then rightly
        assertThatThrownBy(() -> w.app.plans.reschedule(acme.id, plan.id(),
                List.of(dated(date(5, 12), "30.00"), dated(date(5, 20), "20.00")), "test"))
                .hasMessageContaining("must add up to what the plan has left to collect, 60.00");
        Plan changed = w.app.plans.reschedule(acme.id, plan.id(),
                List.of(dated(date(5, 12), "30.00"), dated(date(5, 20), "30.00")), "test");

        // then
        assertThat(changed.installments()).extracting(i -> i.dueDate() + " " + i.amount() + " " + i.state())
                .containsExactly("2026-05-03 30.00 charged", "2026-05-12 30.00 scheduled", "2026-05-20 30.00 scheduled");

        // when: the plan is replaced by one charging a card that declines
        w.app.plans.change(acme.id, plan.id(), InstallmentPlans.CANCEL, "test");
        long bad = acme.card(c, SandboxGateway.DECLINE_CARD).id();
        Plan declining = w.app.plans.create(acme.id, c.listId(), inv.txnId(), bad,
                List.of(dated(date(5, 12), "60.00")), "test");
        w.runUntil(at(5, 31, 0), Duration.ofHours(1));

        // then: one retry two days later (the company's rule, even with its auto switch off), then declined for good
        Plan after = w.app.plans.plan(acme.id, declining.id()).orElseThrow();
        assertThat(after.installments()).singleElement().satisfies(i -> {
            assertThat(i.state()).isEqualTo(Installment.DECLINED);
            assertThat(i.attempts()).isEqualTo(2);
            assertThat(i.result()).isEqualTo("Declined");
            assertThat(i.message()).isNotBlank();
        });
        assertThat(after.needsAttention()).isTrue();
        assertThat(acme.payments(inv)).containsExactly("installment Approved 30.00 2026-05-03 09:00:00",
                "installment Declined 60.00 2026-05-12 09:00:00", "installment Declined 60.00 2026-05-14 09:00:00");
    }

    @Test
    void aPlanPausedOrMadeAfterTheRunReadItIsNotChargedBehindItsBack() {
        // given: an installment and an auto processing invoice both due now
        AutoWorld.Company acme = w.company("Acme");
        QbCustomer c = acme.customer("Changing Minds");
        QbInvoice planned = acme.invoice(c, "M-1", date(5, 2), "50.00");
        QbInvoice auto = acme.invoice(c, "M-2", date(5, 2), "70.00");
        acme.sync();
        acme.rules(true, 0, 9, 0, 3);
        acme.autoOn(c);
        long profile = acme.card(c, SandboxGateway.APPROVE_CARD).id();
        Plan plan = w.app.plans.create(acme.id, c.listId(), planned.txnId(), profile,
                List.of(dated(date(5, 2), "50.00")), "test");
        w.clock.advance(Duration.between(w.clock.instant(), at(5, 2, 9)));

        // when: staff pause the plan and make a plan for the other invoice after the run found both due
        AutoProcessing run = w.newScheduler();
        run.interruption((stage, key) -> {
            if (stage == AutoProcessing.Stage.DUE && key.startsWith("plan:")) {
                w.app.plans.change(acme.id, plan.id(), InstallmentPlans.PAUSE, "staff");
            }
            if (stage == AutoProcessing.Stage.DUE && key.startsWith("auto:")) {
                w.app.plans.create(acme.id, c.listId(), auto.txnId(), profile,
                        List.of(dated(date(6, 2), "70.00")), "staff");
            }
        });
        AutoProcessing.RunReport r = run.runOnce(w.clock.instant());

        // then
        assertThat(r.charged()).isZero();
        assertThat(acme.payments(planned)).isEmpty();
        assertThat(acme.payments(auto)).isEmpty();
        assertThat(w.gatewayCharges()).isZero();
    }
}
