package dev.ledgerbridge.sync;

import static dev.ledgerbridge.sync.SyncChecks.assertExactMirror;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.qbwc.QbwcService;
import dev.ledgerbridge.testkit.CustomerSpec;
import dev.ledgerbridge.testkit.CycleResult;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import dev.ledgerbridge.testkit.FakeWebConnector;
import dev.ledgerbridge.testkit.Faults;
import dev.ledgerbridge.testkit.InvoiceSpec;
import dev.ledgerbridge.testkit.LineSpec;
import dev.ledgerbridge.testkit.QbCustomer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Balances QuickBooks moves without touching the customer record: the stored Balance and TotalBalance of every
 * customer must follow them after the next run.
 */
class CustomerBalanceEndToEndTest {
    static final String PASSWORD = "correct horse battery";
    RunningServer server;
    FakeWebConnector wc;
    QbwcLogin login;
    FakeQuickBooks qb;

    @BeforeEach
    void start() {
        server = new RunningServer(TestDb.freshConfig());
        wc = new FakeWebConnector(server.endpoint());
        login = server.app().companies.addLogin("acme", "Acme", PASSWORD);
        qb = SyncChecks.company(login, "Acme Corp", Instant.parse("2026-05-04T14:00:00Z"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void sync() {
        CycleResult r = wc.runCycle(qb, "acme", PASSWORD);
        assertThat(r.outcome()).as("%s", r).isEqualTo(CycleResult.Outcome.COMPLETED);
    }

    private BigDecimal storedTotalBalance(String listId) {
        try (SqlSession s = server.app().db.session()) {
            return server.app().customers.find(s, login.companyId(), listId).orElseThrow().totalBalance();
        }
    }

    @Test
    void movingAJobWithABalanceToAnotherParentMovesTheParentsTotalBalances() throws Exception {
        // given two customers, one with a job that owes 100.00, synced
        QbCustomer from = qb.addCustomer("Harbor Holdings");
        QbCustomer to = qb.addCustomer("Oak Partners");
        QbCustomer job = qb.addJob(from.listId(), "Kitchen remodel");
        qb.addInvoice(InvoiceSpec.forCustomer(job.listId()).lines(LineSpec.amount("Labor", "Demolition", "100.00")));
        sync();
        assertThat(storedTotalBalance(from.listId())).isEqualByComparingTo("100.00");

        // when the job is moved under the other customer in QuickBooks, and the next run comes
        qb.advance(Duration.ofHours(2));
        qb.editCustomer(job.listId(), CustomerSpec.changes().parent(to.listId()));
        sync();

        // then the old parent no longer carries the job's balance and the new one does
        assertThat(storedTotalBalance(from.listId())).isEqualByComparingTo("0.00");
        assertThat(storedTotalBalance(to.listId())).isEqualByComparingTo("100.00");
        assertExactMirror(server.app(), login.companyId(), qb);
    }

    @Test
    void anInvoiceDeletedBeforeTheRunReachedItLeavesNoBalanceBehind() throws Exception {
        // given a customer owing 100.00, synced
        QbCustomer c = qb.addCustomer("Harbor Holdings");
        qb.addInvoice(InvoiceSpec.forCustomer(c.listId()).lines(LineSpec.amount("Labor", "Demolition", "100.00")));
        sync();

        // when the customer is edited and billed 250.00 more, and that invoice is deleted again while the run is
        // between the customer pull (which read the 350.00) and the invoice pull (which no longer finds it)
        qb.advance(Duration.ofHours(2));
        qb.editCustomer(c.listId(), CustomerSpec.changes().phone("(555) 010-2030"));
        String mistake = qb.addInvoice(InvoiceSpec.forCustomer(c.listId())
                .lines(LineSpec.amount("Labor", "Wrong customer", "250.00"))).txnId();
        CycleResult r = wc.runCycle(qb, "acme", PASSWORD, Faults.none().onExchange(1, () -> {
            qb.advance(Duration.ofSeconds(20));
            qb.deleteInvoice(mistake);
        }));
        assertThat(r.outcome()).as("%s", r).isEqualTo(CycleResult.Outcome.COMPLETED);

        // then the stored balance is QuickBooks' balance at the end: the 250.00 is gone
        assertThat(storedTotalBalance(c.listId())).isEqualByComparingTo("100.00");
        assertExactMirror(server.app(), login.companyId(), qb);
    }

    @Test
    void aFullReSyncCorrectsBalancesThatDriftedWhileTheRecordsKeptTheirEditSequence() throws Exception {
        // given a customer owing 100.00 on one invoice, synced
        QbCustomer c = qb.addCustomer("Harbor Holdings");
        String invoice = qb.addInvoice(InvoiceSpec.forCustomer(c.listId())
                .lines(LineSpec.amount("Labor", "Demolition", "100.00"))).txnId();
        sync();

        // when the stored balance drifted (a database restored from an older backup, say) while QuickBooks' record
        // kept its EditSequence, and staff ask for a full re-sync of customers
        tamper("UPDATE customer SET balance = 35.00, total_balance = 35.00 WHERE list_id = '" + c.listId() + "'");
        assertThat(storedTotalBalance(c.listId())).isEqualByComparingTo("35.00");
        server.app().sync.requestResync(login.companyId(), "customer");
        qb.advance(Duration.ofHours(3));
        sync();

        // then the customer read again brings QuickBooks' balance with it
        assertThat(storedTotalBalance(c.listId())).isEqualByComparingTo("100.00");

        // and when an invoice's amounts paid drifted the same way, reading the invoices again restores them
        tamper("UPDATE invoice SET balance_remaining = 35.00, applied_amount = -65.00 WHERE txn_id = '" + invoice + "'");
        server.app().sync.requestResync(login.companyId(), "invoice");
        qb.advance(Duration.ofHours(3));
        sync();
        assertExactMirror(server.app(), login.companyId(), qb);
    }

    private void tamper(String sql) throws Exception {
        try (java.sql.Connection db = server.app().db.dataSource().getConnection();
             java.sql.Statement st = db.createStatement()) {
            assertThat(st.executeUpdate(sql)).as(sql).isEqualTo(1);
            if (!db.getAutoCommit()) {
                db.commit();
            }
        }
    }

    @Test
    void deletingAPaymentAppliedToNoInvoiceRaisesTheCustomersBalanceAgain() throws Exception {
        // given a customer with an open invoice and a 40.00 payment on account applied to nothing, synced
        QbCustomer c = qb.addCustomer("Harbor Holdings");
        qb.addInvoice(InvoiceSpec.forCustomer(c.listId()).lines(LineSpec.amount("Labor", "Demolition", "100.00")));
        String payment = qb.receiveUnappliedPayment(c.listId(), new BigDecimal("40.00")).txnId();
        sync();
        assertThat(storedTotalBalance(c.listId())).isEqualByComparingTo("60.00");

        // when the payment is deleted in QuickBooks, and the next run comes
        qb.advance(Duration.ofHours(2));
        qb.deletePayment(payment);
        sync();

        // then the customer owes the whole invoice again
        assertThat(storedTotalBalance(c.listId())).isEqualByComparingTo("100.00");
        assertExactMirror(server.app(), login.companyId(), qb);
    }
}
