package dev.ledgerbridge.autopay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.payment.sandbox.SandboxGateway;
import dev.ledgerbridge.testkit.QbCustomer;
import dev.ledgerbridge.testkit.QbInvoice;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduler inside the server: started with it, charging on its own, stopped with it. */
class AutoSchedulerTest {

    @Test
    void runsWhileTheServerRunsAndChargesADueInvoiceOnItsOwn() throws InterruptedException {
        AutoWorld w = new AutoWorld(1);
        List<String> charged;
        try (w) {
            // given
            assertThat(w.app.autoScheduler.running()).isTrue();
            AutoWorld.Company acme = w.company("Acme");
            QbCustomer c = acme.customer("Scheduled Buyer");
            QbInvoice inv = acme.invoice(c, "S-1", LocalDate.of(2026, 4, 30), "12.34");
            acme.sync();
            acme.autoOn(c);
            acme.card(c, SandboxGateway.APPROVE_CARD);

            // when: the company turns auto processing on, for invoices already due too, and the scheduler ticks
            // (every second)
            acme.rules(true, 0, 0, 0, 1, true);
            long until = System.nanoTime() + 20_000_000_000L;
            do {
                Thread.sleep(200);
                charged = acme.payments(inv);
            } while (charged.isEmpty() && System.nanoTime() < until);
            Thread.sleep(2500);

            // then: charged once, though the scheduler went on ticking
            assertThat(acme.payments(inv)).containsExactly("auto Approved 12.34 2026-05-01 00:00:00");
        }
        assertThat(w.app.autoScheduler.running()).as("stopped with the server").isFalse();
    }
}
