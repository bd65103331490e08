package dev.ledgerbridge.sync;

import static dev.ledgerbridge.sync.CompanyMirror.assertInvoicesMirror;
import static dev.ledgerbridge.sync.CompanyMirror.assertMirrors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.qbwc.QbwcService;
import dev.ledgerbridge.testkit.CycleResult;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import dev.ledgerbridge.testkit.FakeWebConnector;
import dev.ledgerbridge.testkit.QbInvoice;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Invoices with lines, groups and payments, end to end through the real server. */
class InvoiceSyncEndToEndTest {
    static final String PASSWORD = "correct horse battery";
    RunningServer server;
    FakeWebConnector wc;

    @BeforeEach
    void start() {
        server = new RunningServer(TestDb.freshConfig(Map.of(Setting.QBWC_MAX_RETURNED, "200")));
        wc = new FakeWebConnector(server.endpoint());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void mirrorsInvoicesWithLinesGroupsAndPaymentsAcrossCycles() throws Exception {
        QbwcLogin login = server.app().companies.addLogin("acme", "Acme", PASSWORD);
        FakeQuickBooks qb = SyncChecks.company(login, "Acme Corp", Instant.parse("2026-03-02T15:00:00Z"));
        qb.generateCustomers(300, 1);
        qb.generateInvoices(1200, 2);
        qb.generatePayments(200, 3);

        CycleResult first = wc.runCycle(qb, "acme", PASSWORD);
        assertThat(first.lastErrors()).isEmpty();
        assertThat(first.percentages()).last().isEqualTo(100);
        assertMirrors(server.app(), login.companyId(), qb);
        assertInvoicesMirror(server.app(), login.companyId(), qb);

        Random rnd = new Random(4);
        for (int cycle = 0; cycle < 2; cycle++) {
            qb.advance(Duration.ofMinutes(20));
            List<QbInvoice> open = qb.invoices().stream().filter(i -> !i.paid()).toList();
            for (int i = 0; i < 40; i++) {
                QbInvoice inv = open.get(rnd.nextInt(open.size()));
                qb.advance(Duration.ofSeconds(3));
                if (qb.invoice(inv.txnId()).map(QbInvoice::paid).orElse(true)) {
                    continue;
                }
                switch (i % 3) {
                    case 0 -> qb.applyPayment(inv.txnId(), qb.invoice(inv.txnId()).get().balanceRemaining()
                            .min(new BigDecimal("25.00")));
                    case 1 -> qb.editInvoice(inv.txnId(), s -> s.memo("changed " + inv.txnId()));
                    default -> qb.deleteInvoice(inv.txnId());
                }
            }
            qb.generateInvoices(60, 10 + cycle);
            CycleResult r = wc.runCycle(qb, "acme", PASSWORD);
            assertThat(r.lastErrors()).isEmpty();
            assertMirrors(server.app(), login.companyId(), qb);
            assertInvoicesMirror(server.app(), login.companyId(), qb);
        }
    }
}
