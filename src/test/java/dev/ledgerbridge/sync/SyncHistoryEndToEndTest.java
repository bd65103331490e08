package dev.ledgerbridge.sync;

import static dev.ledgerbridge.sync.SyncChecks.assertCompleted;
import static dev.ledgerbridge.sync.SyncChecks.assertExactMirror;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.qbwc.QbwcService;
import dev.ledgerbridge.testkit.CustomerSpec;
import dev.ledgerbridge.testkit.CycleResult;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import dev.ledgerbridge.testkit.FakeWebConnector;
import dev.ledgerbridge.testkit.Faults;
import dev.ledgerbridge.testkit.InvoiceSpec;
import dev.ledgerbridge.testkit.LineSpec;
import dev.ledgerbridge.testkit.QbCustomer;
import dev.ledgerbridge.testkit.QbInvoice;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sync history operators read: per run its outcome, and per step what it asked, what came back, what it
 * changed, how many bytes, which status codes, and the hresult when the Web Connector reported one.
 */
class SyncHistoryEndToEndTest {
    static final String PASSWORD = "correct horse battery";
    static final Pattern FROM = Pattern.compile("<FromModifiedDate>([^<]*)</");

    RunningServer server;
    FakeWebConnector wc;
    QbwcLogin login;
    FakeQuickBooks qb;

    @BeforeEach
    void start() {
        server = new RunningServer(TestDb.freshConfig(Map.of(Setting.QBWC_MAX_RETURNED, "100")));
        wc = new FakeWebConnector(server.endpoint());
        login = server.app().companies.addLogin("acme", "Acme", PASSWORD);
        qb = SyncChecks.company(login, "Acme Corp", Instant.parse("2026-02-02T14:00:00Z"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SyncRun lastRun() {
        return server.app().sync.recentRuns(login.companyId(), 1).get(0);
    }

    private Map<String, SyncStepRow> steps(SyncRun run) {
        Map<String, SyncStepRow> m = new LinkedHashMap<>();
        server.app().sync.steps(run.id()).forEach(s -> m.put(s.step(), s));
        return m;
    }

    /** The FromModifiedDate of the first request of a kind, as an instant. */
    private static Instant from(CycleResult r, String element) {
        String request = r.requests().stream().filter(q -> q.contains("<" + element + " ")).findFirst().orElseThrow();
        Matcher m = FROM.matcher(request);
        assertThat(m.find()).as("%s has a FromModifiedDate", element).isTrue();
        return OffsetDateTime.parse(m.group(1)).toInstant();
    }

    private static int sum(Map<String, SyncStepRow> steps, ToIntFunction<SyncStepRow> f) {
        return steps.values().stream().mapToInt(f).sum();
    }

    @Test
    void everyStepRecordsItsRequestsRecordsChangesBytesAndStatusCodesAndTheRunItsOutcome() throws Exception {
        // given a synced company
        qb.generateCustomers(200, 1);
        qb.generateInvoices(300, 2);
        qb.generatePayments(40, 3);
        List<String> walkIns = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            walkIns.add(qb.addCustomer("Walk-in " + i).listId());
        }
        assertCompleted(wc.runCycle(qb, "acme", PASSWORD));

        // when, hours later, 6 customers are edited, 4 added and 2 deleted, 5 invoices edited, 3 paid, 3 added
        // and 2 deleted, and the next run comes
        qb.advance(Duration.ofHours(3));
        List<QbCustomer> customers = qb.customers().stream().filter(c -> !walkIns.contains(c.listId())).toList();
        for (int i = 0; i < 6; i++) {
            qb.editCustomer(customers.get(i * 20).listId(), CustomerSpec.changes().phone("(555) 000-000" + i));
        }
        for (int i = 0; i < 4; i++) {
            qb.addCustomer("New Client " + i);
        }
        qb.deleteCustomer(walkIns.get(0));
        qb.deleteCustomer(walkIns.get(1));
        List<QbInvoice> open = qb.invoices().stream().filter(i -> i.balanceRemaining().signum() > 0).toList();
        for (int i = 0; i < 5; i++) {
            qb.editInvoice(open.get(i).txnId(), s -> s.memo("Reissued"));
        }
        for (int i = 5; i < 8; i++) {
            qb.applyPayment(open.get(i).txnId(), "5.00");
        }
        for (int i = 0; i < 3; i++) {
            qb.addInvoice(InvoiceSpec.forCustomer(customers.get(i).listId())
                    .lines(LineSpec.item("Labor", "Call-out", "1", "80.00")));
        }
        qb.deleteInvoice(open.get(8).txnId());
        qb.deleteInvoice(open.get(9).txnId());
        qb.advance(Duration.ofMinutes(5));
        CycleResult r = wc.runCycle(qb, "acme", PASSWORD);
        assertCompleted(r);
        assertExactMirror(server.app(), login.companyId(), qb);

        // then the run is recorded as a success
        SyncRun run = lastRun();
        assertThat(run.outcome()).isEqualTo(SyncRun.SUCCESS);
        assertThat(run.error()).isNull();
        assertThat(run.hresult()).isNull();
        assertThat(run.endedAt()).isAfterOrEqualTo(run.startedAt());
        Map<String, SyncStepRow> s = steps(run);
        assertThat(s.keySet()).containsExactly("invoices", "payments", "credit-memos", "customers", "customer-deletes",
                "invoice-deletes", "payment-deletes", "credit-memo-deletes", "verify", "invoice-refresh",
                "payment-refresh", "customer-refresh", "customer-balances", "actions");
        List<String> idleSteps = List.of("actions", "verify", "invoice-refresh", "payment-refresh", "customer-refresh");
        for (String idle : idleSteps) {
            assertThat(s.get(idle).state()).as(idle + " had nothing to do").isEqualTo(SyncStepRow.DONE);
            assertThat(s.get(idle).requests()).as(idle).isZero();
        }
        for (SyncStepRow step : s.values()) {
            if (idleSteps.contains(step.step())) {
                continue;
            }
            assertThat(step.state()).as(step.step()).isEqualTo(SyncStepRow.DONE);
            assertThat(step.requests()).as(step.step()).isPositive();
            assertThat(step.bytes()).as(step.step()).isPositive();
            assertThat(step.durationMs()).as(step.step()).isNotNegative();
            assertThat(step.startedAt()).as(step.step()).isNotNull();
            assertThat(step.endedAt()).as(step.step()).isAfterOrEqualTo(step.startedAt());
            assertThat(step.hresult()).as(step.step()).isNull();
            assertThat(step.error()).as(step.step()).isNull();
            assertThat(step.fullResync()).as(step.step()).isFalse();
        }

        // and the customer pull: what its window held, 4 new, 6 changed, the rest seen before
        Instant customersFrom = from(r, "CustomerQueryRq");
        int customersInWindow = (int) qb.customers().stream().filter(c -> !c.timeModified().isBefore(customersFrom))
                .count();
        assertStep(s.get("customers"), (customersInWindow + 99) / 100, customersInWindow, 4, 6, 0);
        assertThat(s.get("customers").statusCodes()).isEqualTo("0:" + s.get("customers").requests());

        // and the invoice pull: 3 new, 5 edited and 3 paid changed, the rest seen before
        Instant invoicesFrom = from(r, "InvoiceQueryRq");
        int invoicesInWindow = (int) qb.invoices().stream().filter(i -> !i.timeModified().isBefore(invoicesFrom))
                .count();
        assertStep(s.get("invoices"), (invoicesInWindow + 99) / 100, invoicesInWindow, 3, 8, 0);

        // and the payments pull stores the 3 new payments; the rest of its window was seen before
        Instant paymentsFrom = from(r, "ReceivePaymentQueryRq");
        int paymentsInWindow = (int) qb.payments().stream().filter(p -> !p.timeModified().isBefore(paymentsFrom))
                .count();
        assertThat(paymentsInWindow).isGreaterThanOrEqualTo(3);
        assertStep(s.get("payments"), (paymentsInWindow + 99) / 100, paymentsInWindow, 3, 0, 0);

        // and each deletion query: the two deletions it found, both marked
        assertStep(s.get("customer-deletes"), 1, 2, 0, 0, 2);
        assertStep(s.get("invoice-deletes"), 1, 2, 0, 0, 2);
        assertThat(s.get("customer-deletes").statusCodes()).isEqualTo("0:1");

        // and the balance refresh read back the balances it asked for, and wrote those that moved since the customer
        // pull read them (the pull's window took most of them along already)
        SyncStepRow balances = s.get("customer-balances");
        assertThat(balances.received()).isPositive();
        assertThat(balances.updated()).isBetween(0, balances.received());
        assertThat(balances.unchanged()).isEqualTo(balances.received() - balances.updated());
        assertThat(balances.statusCodes()).startsWith("0:");

        // and the run's totals are the sums of its steps', which the Web Connector's status line reports
        assertThat(run.recordsReceived()).isEqualTo(sum(s, SyncStepRow::received));
        assertThat(run.recordsInserted()).isEqualTo(sum(s, SyncStepRow::inserted)).isEqualTo(10);
        assertThat(run.recordsUpdated()).isEqualTo(sum(s, SyncStepRow::updated));
        assertThat(run.recordsDeleted()).isEqualTo(sum(s, SyncStepRow::deleted)).isEqualTo(4);
        assertThat(r.closeConnectionResult())
                .hasValue("Synced 10 customers, 2 customers deleted, 11 invoices, 2 invoices deleted");

        // when nothing changes before the next run
        qb.advance(Duration.ofMinutes(15));
        CycleResult idle = wc.runCycle(qb, "acme", PASSWORD);
        assertCompleted(idle);

        // then the deletions its window reads again are recorded as already known, not deleted twice
        Map<String, SyncStepRow> again = steps(lastRun());
        assertStep(again.get("customer-deletes"), 1, 2, 0, 0, 0);
        assertThat(again.get("customer-deletes").unchanged()).isEqualTo(2);
        assertStep(again.get("invoice-deletes"), 1, 2, 0, 0, 0);
        assertThat(again.get("invoice-deletes").unchanged()).isEqualTo(2);
        assertThat(idle.closeConnectionResult()).hasValue("Up to date: nothing changed in QuickBooks");
    }

    private static void assertStep(SyncStepRow step, int requests, int received, int inserted, int updated,
                                   int deleted) {
        assertThat(step.requests()).as(step.step() + " requests").isEqualTo(requests);
        assertThat(step.received()).as(step.step() + " received").isEqualTo(received);
        assertThat(step.inserted()).as(step.step() + " inserted").isEqualTo(inserted);
        assertThat(step.updated()).as(step.step() + " updated").isEqualTo(updated);
        assertThat(step.deleted()).as(step.step() + " deleted").isEqualTo(deleted);
        if (step.step().endsWith("-deletes")) {
            assertThat(step.unchanged()).as(step.step() + " unchanged").isEqualTo(received - deleted);
        } else {
            assertThat(step.unchanged()).as(step.step() + " unchanged").isEqualTo(received - inserted - updated);
        }
    }

    @Test
    void aConnectionErrorIsRecordedAsAFailedRunWithItsHresult() {
        // given a company
        qb.generateCustomers(20, 4);

        // when the Web Connector cannot open QuickBooks
        CycleResult r = wc.runCycle(qb, "acme", PASSWORD,
                Faults.none().connectionErrorAtStart("0x80040408", "Could not start QuickBooks."));

        // then the run is recorded as failed, with the hresult and what to do, and no step asked anything
        assertThat(r.outcome()).isEqualTo(CycleResult.Outcome.CONNECTION_ERROR_DONE);
        SyncRun run = lastRun();
        assertThat(run.outcome()).isEqualTo(SyncRun.FAILED);
        assertThat(run.hresult()).isEqualTo("0x80040408");
        assertThat(run.error()).startsWith("QuickBooks could not be started").contains("(Could not start QuickBooks.)");
        assertThat(run.endedAt()).isNotNull();
        assertThat(steps(run).values()).allSatisfy(step -> {
            assertThat(step.requests()).as(step.step()).isZero();
            assertThat(step.state()).as("a step the ended run never ran is held, not left pending")
                    .isEqualTo(SyncStepRow.HELD);
            assertThat(step.error()).as(step.step()).startsWith("Not run: the run ended (failed)");
        });
    }

    @Test
    void anHresultInsteadOfAResponseIsRecordedOnItsStepAndOnTheRun() throws Exception {
        // given a company whose customers take three pages
        qb.generateCustomers(250, 5);

        // when QuickBooks' request processor throws on the second customer page (the invoice, payment and credit memo
        // pulls come first, one request each)
        CycleResult r = wc.runCycle(qb, "acme", PASSWORD, Faults.none().hresultOnRequest(5, "0x80040400",
                "QuickBooks found an error when parsing the provided XML text stream."));

        // then the step that sent it failed with the hresult, after recording what its first page brought
        assertThat(r.outcome()).isEqualTo(CycleResult.Outcome.ERROR);
        SyncRun run = lastRun();
        SyncStepRow customers = steps(run).get("customers");
        assertThat(customers.state()).isEqualTo(SyncStepRow.FAILED);
        assertThat(customers.hresult()).isEqualTo("0x80040400");
        assertThat(customers.error()).startsWith("QuickBooks could not read a request it was sent")
                .contains("parsing the provided XML text stream");
        assertThat(customers.requests()).isEqualTo(2);
        assertThat(customers.received()).isEqualTo(100);
        assertThat(customers.inserted()).isEqualTo(100);
        assertThat(customers.statusCodes()).isEqualTo("0:1");
        assertThat(customers.bytes()).isPositive();
        assertThat(customers.endedAt()).isNotNull();
        // and so did the run, with the same hresult and the message the Web Connector showed
        assertThat(run.outcome()).isEqualTo(SyncRun.FAILED);
        assertThat(run.hresult()).isEqualTo("0x80040400");
        assertThat(run.error()).isEqualTo(customers.error());
        assertThat(r.lastErrors()).containsExactly(customers.error());
        List<String> before = List.of("invoices", "payments", "credit-memos");
        assertThat(steps(run).values()).filteredOn(step -> before.contains(step.step()))
                .allSatisfy(step -> assertThat(step.state()).as(step.step()).isEqualTo(SyncStepRow.DONE));
        assertThat(steps(run).values()).filteredOn(step -> !step.step().equals("customers")
                && !before.contains(step.step()))
                .allSatisfy(step -> assertThat(step.state()).as(step.step()).isEqualTo(SyncStepRow.HELD));

        // and the next run starts the customers again and completes
        CycleResult next = wc.runCycle(qb, "acme", PASSWORD);
        assertCompleted(next);
        assertExactMirror(server.app(), login.companyId(), qb);
        assertThat(steps(lastRun()).get("customers").inserted()).isEqualTo(150);
    }
}
