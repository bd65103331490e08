package dev.ledgerbridge.sync;

import static dev.ledgerbridge.sync.SyncChecks.assertCompleted;
import static dev.ledgerbridge.sync.SyncChecks.assertExactMirror;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.testkit.CustomerSpec;
import dev.ledgerbridge.testkit.CycleResult;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import dev.ledgerbridge.testkit.FakeWebConnector;
import dev.ledgerbridge.testkit.InvoiceLineSpec;
import dev.ledgerbridge.testkit.LineSpec;
import dev.ledgerbridge.testkit.QbCustomer;
import dev.ledgerbridge.testkit.QbInvoice;
import dev.ledgerbridge.testkit.QbInvoiceLine;
import dev.ledgerbridge.testkit.QbLine;
import dev.ledgerbridge.testkit.QbPayment;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bookkeeper's ordinary day between Web Connector runs - customers edited, invoices edited and deleted, payments
 * taken and deleted, jobs moved, customers added and made inactive - and every customer's Balance and TotalBalance
 * compared with QuickBooks' to the cent after every run. Runs a few seconds apart re-read the same records through
 * the pulls' overlap windows; runs an hour apart do not. Each scenario also runs against a QuickBooks that answers a
 * query by ListID differently: one that does not return inactive customers to it, and one that answers 3120 and
 * returns nothing when one of the ListIDs is unknown.
 */
class BalanceDriftEndToEndTest {
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

    /** What the office does between two runs, as counts. */
    record Day(int customerEdits, int invoiceEdits, int invoiceDeletes, int newCustomers, int newInvoices,
               int deactivations, int payments, int paymentDeletes, int jobMoves, int customerDeletes) {
    }

    @Test
    void everyBalanceMatchesAfterEveryRunOfABusyDayWithRunsSecondsApart() throws Exception {
        // given the day the balances drifted on: 900 customers, 2,500 invoices, six runs a few seconds apart, and a
        // QuickBooks that hides inactive customers from queries by ListID and fails a query naming an unknown one
        qb.setIdQueriesActiveOnly(true);
        qb.setAnyMissingIdFailsQuery(true);
        Day day = new Day(30, 30, 10, 20, 20, 5, 0, 0, 0, 0);
        runDay(900, 2500, 11, day, Duration.ofSeconds(5), 6);
    }

    @Test
    void deletionsAndEditsTogetherLeaveNoBalanceBehind() throws Exception {
        runDay(300, 900, 12, new Day(15, 20, 10, 5, 10, 3, 0, 0, 0, 3), Duration.ofSeconds(5), 5);
    }

    @Test
    void paymentsAndEditsTogetherLeaveNoBalanceBehindWhenInactiveCustomersAreHiddenFromQueriesById()
            throws Exception {
        qb.setIdQueriesActiveOnly(true);
        runDay(300, 900, 13, new Day(10, 15, 5, 5, 10, 4, 25, 8, 3, 0), Duration.ofSeconds(5), 5);
    }

    @Test
    void editsOutsideTheOverlapWithJobMovesAndAQuickBooksThatFailsOnAnUnknownListId() throws Exception {
        qb.setAnyMissingIdFailsQuery(true);
        runDay(300, 900, 14, new Day(15, 15, 8, 5, 10, 3, 15, 5, 5, 4), Duration.ofMinutes(75), 5);
    }

    /** The first sync, then {@code runs} rounds of a day's work and a run, checking every balance each time. */
    private void runDay(int customers, int invoices, long seed, Day day, Duration between, int runs)
            throws Exception {
        qb.generateCustomers(customers, seed);
        qb.generateInvoices(invoices, seed + 1);
        qb.generatePayments(invoices / 5, seed + 2);
        sync();
        assertBalancesMatch("first sync");
        Random rnd = new Random(seed + 3);
        for (int run = 1; run <= runs; run++) {
            qb.advance(between);
            if (run < runs) {
                work(day, rnd); // the last run comes after a quiet spell: nothing new, nothing to correct later
            }
            sync();
            assertBalancesMatch("run " + run);
        }
        assertExactMirror(server.app(), login.companyId(), qb);
    }

    private void sync() {
        CycleResult r = wc.runCycle(qb, "acme", PASSWORD);
        assertCompleted(r);
    }

    /** Every customer QuickBooks has, with its Balance and TotalBalance as stored: equal to the cent. */
    private void assertBalancesMatch(String when) throws Exception {
        TreeMap<String, String> expected = new TreeMap<>();
        for (QbCustomer c : qb.customers()) {
            expected.put(c.listId(), c.fullName() + " " + c.balance().setScale(2) + " / " + c.totalBalance().setScale(2));
        }
        TreeMap<String, String> stored = new TreeMap<>();
        try (Connection c = server.app().db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT list_id, full_name, balance, total_balance FROM customer"
                     + " WHERE company_id = ? AND is_deleted = FALSE")) {
            ps.setLong(1, login.companyId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getString(1), rs.getString(2) + " " + rs.getBigDecimal(3).setScale(2) + " / "
                            + rs.getBigDecimal(4).setScale(2));
                }
            }
        }
        List<String> wrong = new ArrayList<>();
        expected.forEach((id, line) -> {
            if (!line.equals(stored.get(id))) {
                wrong.add(id + ": QuickBooks " + line + ", stored " + stored.get(id));
            }
        });
        assertThat(wrong).as("customers whose balance differs from QuickBooks' after " + when).isEmpty();
        assertThat(stored.keySet()).as("customers stored after " + when).isEqualTo(expected.keySet());
    }

    /** One round of the office's work, each change a few hundred milliseconds after the last. */
    private void work(Day d, Random rnd) {
        List<QbCustomer> all = qb.customers();
        for (int i = 0; i < d.customerEdits(); i++) {
            tick();
            QbCustomer c = all.get(rnd.nextInt(all.size()));
            qb.editCustomer(c.listId(), CustomerSpec.changes().phone(String.format("(555) 4%02d-%04d", rnd.nextInt(100),
                    rnd.nextInt(10_000))));
        }
        List<QbInvoice> open = new ArrayList<>(qb.invoices());
        for (int i = 0; i < d.invoiceEdits() && !open.isEmpty(); i++) {
            QbInvoice inv = open.remove(rnd.nextInt(open.size()));
            if (inv.linkedTxns().isEmpty()) {
                tick();
                qb.editInvoice(inv.txnId(), s -> s.lines(withNewFirstRate(inv, rnd)));
            }
        }
        for (int i = 0; i < d.invoiceDeletes() && !open.isEmpty(); i++) {
            tick();
            qb.deleteInvoice(open.remove(rnd.nextInt(open.size())).txnId());
        }
        for (int i = 0; i < d.payments() && !open.isEmpty(); i++) {
            QbInvoice inv = qb.invoice(open.remove(rnd.nextInt(open.size())).txnId()).orElseThrow();
            tick();
            if (i % 4 == 3) {
                qb.receiveUnappliedPayment(inv.customerListId(), BigDecimal.valueOf(500 + rnd.nextInt(20_000), 2));
            } else if (inv.balanceRemaining().signum() > 0) {
                qb.applyPayment(inv.txnId(), i % 2 == 0 ? inv.balanceRemaining()
                        : inv.balanceRemaining().divide(BigDecimal.valueOf(3), 2, RoundingMode.DOWN).max(new BigDecimal("0.01")));
            }
        }
        List<QbPayment> applied = new ArrayList<>(qb.payments().stream().filter(p -> !p.applied().isEmpty()).toList());
        for (int i = 0; i < d.paymentDeletes() && !applied.isEmpty(); i++) {
            tick();
            qb.deletePayment(applied.remove(rnd.nextInt(applied.size())).txnId());
        }
        List<QbCustomer> jobs = qb.customers().stream().filter(c -> c.sublevel() == 1).toList();
        List<QbCustomer> tops = qb.customers().stream().filter(c -> c.sublevel() == 0).toList();
        for (int i = 0; i < d.jobMoves() && !jobs.isEmpty(); i++) {
            QbCustomer job = jobs.get(rnd.nextInt(jobs.size()));
            QbCustomer to = tops.get(rnd.nextInt(tops.size()));
            if (!to.listId().equals(job.parentListId())) {
                tick();
                try {
                    qb.editCustomer(job.listId(), CustomerSpec.changes().parent(to.listId()));
                } catch (IllegalArgumentException nameTaken) {
                    // QuickBooks refuses a job name already used under that parent; the office picks another
                }
            }
        }
        for (int i = 0; i < d.customerDeletes(); i++) {
            deleteACustomerWithItsInvoices(rnd);
        }
        tick();
        qb.generateCustomers(d.newCustomers(), rnd.nextLong());
        qb.generateInvoices(d.newInvoices(), rnd.nextLong());
        List<QbCustomer> active = qb.customers().stream().filter(QbCustomer::active).toList();
        for (int i = 0; i < d.deactivations(); i++) {
            tick();
            qb.setActive(active.get(rnd.nextInt(active.size())).listId(), false);
        }
    }

    /**
     * A customer billed by mistake: its invoices are deleted, then the customer itself (its balance was queued to be
     * read again by the invoices' deletion, so the run asks QuickBooks for a customer it no longer has).
     */
    private void deleteACustomerWithItsInvoices(Random rnd) {
        List<QbCustomer> candidates = qb.customers().stream()
                .filter(c -> qb.customers().stream().noneMatch(j -> c.listId().equals(j.parentListId())))
                .filter(c -> qb.payments().stream().noneMatch(p -> p.customerListId().equals(c.listId())))
                .filter(c -> qb.invoices().stream().anyMatch(i -> i.customerListId().equals(c.listId())))
                .toList();
        if (candidates.isEmpty()) {
            return;
        }
        QbCustomer c = candidates.get(rnd.nextInt(candidates.size()));
        for (QbInvoice i : qb.invoices()) {
            if (i.customerListId().equals(c.listId())) {
                tick();
                qb.deleteInvoice(i.txnId());
            }
        }
        tick();
        qb.deleteCustomer(c.listId());
    }

    private void tick() {
        qb.advance(Duration.ofMillis(400));
    }

    /** The invoice's lines with the first item line's rate changed and a fractional quantity. */
    private static InvoiceLineSpec[] withNewFirstRate(QbInvoice inv, Random rnd) {
        List<InvoiceLineSpec> lines = new ArrayList<>();
        lines.add(LineSpec.item("Consulting", "Revised scope", new BigDecimal("2.75"),
                BigDecimal.valueOf(1_000 + rnd.nextInt(90_000), 2)));
        for (QbLine l : inv.lines().subList(1, inv.lines().size())) {
            if (l instanceof QbInvoiceLine line && line.amount() != null) {
                lines.add(line.quantity() != null && line.rate() != null
                        ? LineSpec.item(line.item(), line.desc(), line.quantity(), line.rate())
                        : LineSpec.amount(line.item(), line.desc(), line.amount().toPlainString()));
            }
        }
        return lines.toArray(new InvoiceLineSpec[0]);
    }
}
