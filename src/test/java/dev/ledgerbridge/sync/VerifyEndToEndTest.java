package dev.ledgerbridge.sync;

import static dev.ledgerbridge.sync.SyncChecks.assertCompleted;
import static dev.ledgerbridge.sync.SyncChecks.assertExactMirror;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.MutableClock;
import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.testkit.CustomerSpec;
import dev.ledgerbridge.testkit.CycleResult;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import dev.ledgerbridge.testkit.FakeWebConnector;
import dev.ledgerbridge.testkit.InvoiceSpec;
import dev.ledgerbridge.testkit.LineSpec;
import dev.ledgerbridge.testkit.QbCustomer;
import dev.ledgerbridge.testkit.QbInvoice;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The daily proof: a mirror that drifted for reasons no pull can see - a change QuickBooks did not stamp, a database
 * restored from an older backup, a company file restored to an older copy - is corrected by the next verification,
 * and the run's verify step says what it checked and corrected.
 */
class VerifyEndToEndTest {
    static final String PASSWORD = "correct horse battery";
    final MutableClock clock = new MutableClock(Instant.parse("2026-05-04T14:00:00Z"));
    RunningServer server;
    FakeWebConnector wc;
    QbwcLogin login;
    FakeQuickBooks qb;

    @BeforeEach
    void start() {
        server = new RunningServer(TestDb.freshConfig(Map.of(Setting.SYNC_VERIFY_HOURS, "24")), clock);
        wc = new FakeWebConnector(server.endpoint());
        login = server.app().companies.addLogin("acme", "Acme", PASSWORD);
        qb = SyncChecks.company(login, "Acme Corp", Instant.parse("2026-05-04T14:00:00Z"));
        qb.generateCustomers(150, 1);
        qb.generateInvoices(400, 2);
        qb.generatePayments(100, 3);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Time passes for QuickBooks and the server alike. */
    private void advance(Duration d) {
        qb.advance(d);
        clock.advance(d);
    }

    private CycleResult sync() {
        CycleResult r = wc.runCycle(qb, "acme", PASSWORD);
        assertCompleted(r);
        return r;
    }

    /** Work hours after the first sync, so the pulls' watermarks move past the first sync's records. */
    private void laterWork() {
        advance(Duration.ofHours(3));
        QbCustomer late = qb.addCustomer("Late Client " + qb.customers().size());
        qb.applyPayment(qb.addInvoice(InvoiceSpec.forCustomer(late.listId())
                .lines(LineSpec.amount("Labor", "Call-out", "80.00"))).txnId(), "20.00");
        sync();
    }

    private SyncStepRow verifyStep() {
        SyncRun run = server.app().sync.recentRuns(login.companyId(), 1).get(0);
        return server.app().sync.steps(run.id()).stream().filter(s -> s.step().equals("verify")).findFirst()
                .orElseThrow();
    }

    @Test
    void theFirstSyncIsTheFirstProofAndTheNextVerificationComesADayLater() {
        // given a first sync: it read everything, so it asks nothing twice
        CycleResult first = sync();
        assertThat(first.requests()).noneMatch(q -> q.contains("<PaidStatus>NotPaidOnly</PaidStatus>"));
        assertThat(verifyStep().state()).isEqualTo(SyncStepRow.DONE);
        assertThat(verifyStep().requests()).isZero();

        // when runs follow within the day, none verifies
        advance(Duration.ofHours(23));
        sync();
        assertThat(verifyStep().requests()).isZero();

        // then the first run after a day reads every customer and every open invoice once, and finds nothing to correct
        advance(Duration.ofHours(2));
        CycleResult due = sync();
        SyncStepRow verify = verifyStep();
        long open = qb.invoices().stream().filter(i -> i.balanceRemaining().signum() > 0).count();
        assertThat(verify.received()).isEqualTo(qb.customers().size() + (int) open);
        assertThat(verify.updated()).isZero();
        assertThat(verify.deleted()).isZero();
        assertThat(due.requests()).filteredOn(q -> q.contains("<IncludeRetElement>EditSequence</IncludeRetElement>"))
                .hasSize(2); // one page of customers, one of open invoices
        assertThat(server.app().sync.lastVerification(login.companyId())).hasValueSatisfying(v -> {
            assertThat(v.lastVerifiedAt()).isEqualTo(clock.instant());
            assertThat(v.lastChecked()).isEqualTo(verify.received());
            assertThat(v.lastCorrected()).isZero();
        });
    }

    @Test
    void changesQuickBooksDidNotStampAreFoundAndCorrected() throws Exception {
        // given a synced company
        sync();
        laterWork();

        // when, behind the server's back, an invoice's amount and a customer's phone change without a new
        // TimeModified or EditSequence, and a payment is applied and another invoice is edited the same way
        QbInvoice open = qb.invoices().stream().filter(i -> i.balanceRemaining().signum() > 0
                && i.linkedTxns().isEmpty()).findFirst().orElseThrow();
        QbInvoice other = qb.invoices().stream().filter(i -> i.balanceRemaining().compareTo(new BigDecimal("20")) > 0
                && !i.txnId().equals(open.txnId())).findFirst().orElseThrow();
        qb.withoutStamping(() -> {
            qb.editInvoice(open.txnId(), s -> s.lines(LineSpec.amount("Labor", "Corrected", "1234.56")));
            qb.applyPayment(other.txnId(), "10.00");
        });
        advance(Duration.ofHours(25));
        sync();

        // then the verification read the two invoices and the customers' balances again: the mirror is exact
        assertExactMirror(server.app(), login.companyId(), qb);
        SyncStepRow verify = verifyStep();
        assertThat(verify.updated()).as("corrected").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aMirrorRestoredFromAnOlderBackupIsCorrected() throws Exception {
        // given a synced company whose database then lost recent work (restored from an older backup): an invoice and
        // a customer are missing, a balance is wrong and a deleted invoice is back
        sync();
        laterWork();
        QbCustomer customer = qb.customers().get(7);
        QbInvoice invoice = qb.invoices().get(11);
        QbInvoice another = qb.invoices().stream().filter(i -> i.balanceRemaining().signum() > 0).skip(3).findFirst()
                .orElseThrow();
        try (Connection c = server.app().db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM invoice WHERE txn_id = '" + invoice.txnId() + "'");
            st.executeUpdate("UPDATE customer SET balance = 1.00, total_balance = 1.00 WHERE list_id = '"
                    + customer.listId() + "'");
            st.executeUpdate("UPDATE invoice SET edit_sequence = '1', balance_remaining = balance_remaining + 5"
                    + " WHERE txn_id = '" + another.txnId() + "'");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }

        // when the next verification is due
        advance(Duration.ofHours(25));
        sync();

        // then everything is as QuickBooks has it again
        assertExactMirror(server.app(), login.companyId(), qb);
        assertThat(verifyStep().updated()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aCompanyFileRestoredToAnOlderCopyIsFollowed() throws Exception {
        // given a synced company and a copy of its file
        sync();
        laterWork();
        Object copy = qb.saveCopy();

        // when the office adds customers and invoices, edits, pays and deletes, and the server syncs it all
        advance(Duration.ofHours(1));
        QbCustomer added = qb.addCustomer("Added After The Copy");
        qb.addInvoice(InvoiceSpec.forCustomer(added.listId()).lines(LineSpec.amount("Labor", "New", "300.00")));
        QbCustomer edited = qb.customers().get(3);
        qb.editCustomer(edited.listId(), CustomerSpec.changes().phone("(555) 999-0000"));
        QbInvoice paid = qb.invoices().stream().filter(i -> i.balanceRemaining().signum() > 0).findFirst()
                .orElseThrow();
        qb.applyPayment(paid.txnId(), paid.balanceRemaining());
        // (an open invoice: the proof lists open invoices only, so a paid one deleted since stays deleted here until a
        // full re-sync of invoices)
        qb.deleteInvoice(qb.invoices().stream().filter(i -> i.balanceRemaining().signum() > 0)
                .filter(i -> !i.txnId().equals(paid.txnId())).skip(5).findFirst().orElseThrow().txnId());
        sync();
        assertExactMirror(server.app(), login.companyId(), qb);

        // and then the company file is restored to the older copy (nothing of that work is in it, and no deletion
        // record says so), and the next verification is due
        qb.restoreCopy(copy);
        advance(Duration.ofHours(25));
        CycleResult r = sync();

        // then the mirror is the restored file exactly
        assertExactMirror(server.app(), login.companyId(), qb, false);
        SyncStepRow verify = verifyStep();
        assertThat(verify.deleted()).as("the customer added after the copy").isGreaterThanOrEqualTo(1);
        assertThat(r.requests()).anyMatch(q -> q.contains("<TxnID>" + paid.txnId() + "</TxnID>"));
    }

    @Test
    void verificationInEveryRunWithZeroHours() {
        // given verification in every run
        server.close();
        server = new RunningServer(TestDb.freshConfig(Map.of(Setting.SYNC_VERIFY_HOURS, "0")), clock);
        wc = new FakeWebConnector(server.endpoint());
        login = server.app().companies.addLogin("acme", "Acme", PASSWORD);
        qb.setFileId(login.fileId());

        // when two runs come minutes apart
        sync();
        advance(Duration.ofMinutes(5));
        sync();

        // then each verifies
        assertThat(verifyStep().requests()).isEqualTo(2);
        assertThat(List.of(verifyStep().state())).containsExactly(SyncStepRow.DONE);
    }
}
