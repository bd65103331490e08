package dev.ledgerbridge.sync;

import static dev.ledgerbridge.sync.SyncChecks.assertCompleted;
import static dev.ledgerbridge.sync.SyncChecks.assertExactMirror;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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
import dev.ledgerbridge.testkit.QbCustomer;
import dev.ledgerbridge.testkit.QbInvoice;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The planner seen from outside: which steps a run takes when one fails, what counts as an error, full re-syncs
 * and the progress the Web Connector shows.
 */
class PlannerEndToEndTest {
    static final String PASSWORD = "correct horse battery";
    RunningServer server;
    FakeWebConnector wc;
    QbwcLogin login;
    FakeQuickBooks qb;

    @BeforeEach
    void start() {
        server = new RunningServer(TestDb.freshConfig(Map.of(Setting.QBWC_MAX_RETURNED, "100")));
        wc = new FakeWebConnector(server.endpoint());
        login = server.app().companies.addLogin("acme", "Acme", PASSWORD);
        qb = SyncChecks.company(login, "Acme Corp", Instant.parse("2026-06-01T13:00:00Z"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CycleResult syncCleanly() throws Exception {
        CycleResult r = wc.runCycle(qb, "acme", PASSWORD);
        assertCompleted(r);
        assertExactMirror(server.app(), login.companyId(), qb);
        return r;
    }

    private SyncRun lastRun() {
        return server.app().sync.recentRuns(login.companyId(), 1).get(0);
    }

    private Map<String, SyncStepRow> stepsOf(SyncRun run) {
        Map<String, SyncStepRow> m = new LinkedHashMap<>();
        server.app().sync.steps(run.id()).forEach(s -> m.put(s.step(), s));
        return m;
    }

    private static Map<String, String> states(Map<String, SyncStepRow> steps) {
        Map<String, String> m = new LinkedHashMap<>();
        steps.forEach((k, v) -> m.put(k, v.state()));
        return m;
    }

    /** Customers that QuickBooks would let the office delete: no transactions, no jobs. */
    private List<String> deletableCustomers(int n) {
        Set<String> busy = new HashSet<>();
        qb.invoices().forEach(i -> busy.add(i.customerListId()));
        qb.payments().forEach(p -> busy.add(p.customerListId()));
        qb.customers().forEach(c -> busy.add(c.parentListId()));
        return qb.customers().stream().map(QbCustomer::listId).filter(id -> !busy.contains(id)).limit(n).toList();
    }

    // ---- (a) a failing step ----------------------------------------------------------------------------------

    @ParameterizedTest(name = "InvoiceQueryRs status {0}")
    @ValueSource(ints = {3170, 1000})
    void aFailedInvoicePullHoldsInvoiceDeletionsLetsTheOtherStepsRunAndTheNextRunCatchesUp(int status)
            throws Exception {
        // given a synced company in which customers and invoices then change and some of each are deleted
        qb.generateCustomers(150, 1);
        qb.generateInvoices(400, 2);
        qb.generatePayments(60, 3);
        syncCleanly();
        qb.advance(Duration.ofHours(2));
        List<String> goneCustomers = deletableCustomers(3);
        goneCustomers.forEach(qb::deleteCustomer);
        List<QbInvoice> invoices = qb.invoices();
        List<String> goneInvoices = List.of(invoices.get(5).txnId(), invoices.get(50).txnId());
        goneInvoices.forEach(qb::deleteInvoice);
        qb.editInvoice(invoices.get(7).txnId(), s -> s.memo("changed while invoices fail"));
        qb.editCustomer(qb.customers().get(3).listId(), CustomerSpec.changes().phone("(555) 123-0000"));
        qb.applyPayment(invoices.stream().filter(i -> i.balanceRemaining().signum() > 0).skip(9).findFirst()
                .orElseThrow().txnId(), "1.00");

        // when QuickBooks refuses the invoice query
        qb.failNext("InvoiceQueryRq", status, "QuickBooks could not complete the request.");
        CycleResult r = wc.runCycle(qb, "acme", PASSWORD);

        // then the run goes on with what does not need invoices and ends with an error
        assertThat(r.outcome()).isEqualTo(CycleResult.Outcome.ERROR);
        List<Integer> p = r.percentages();
        assertThat(p.get(p.size() - 1)).as("the last receiveResponseXML").isNegative();
        assertThat(p.subList(0, p.size() - 1)).as("the ones before").allMatch(x -> x >= 0 && x < 100).isSorted();
        assertThat(r.lastErrors()).singleElement().asString()
                .startsWith("QuickBooks refused the invoices request (status " + status + ": QuickBooks could not"
                        + " complete the request.). ")
                .contains(status == 3170 ? "tried again on the next run" : "Verify Data")
                .doesNotContain("<", "Exception", "null");
        SyncRun run = lastRun();
        assertThat(run.outcome()).isEqualTo(SyncRun.FAILED);
        assertThat(run.error()).isEqualTo(r.lastErrors().get(0));
        Map<String, SyncStepRow> steps = stepsOf(run);
        assertThat(states(steps)).containsExactly(
                Map.entry("invoices", SyncStepRow.FAILED),
                Map.entry("payments", SyncStepRow.DONE),
                Map.entry("credit-memos", SyncStepRow.DONE),
                Map.entry("customers", SyncStepRow.DONE),
                Map.entry("customer-deletes", SyncStepRow.DONE),
                Map.entry("invoice-deletes", SyncStepRow.HELD),
                Map.entry("payment-deletes", SyncStepRow.DONE),
                Map.entry("credit-memo-deletes", SyncStepRow.DONE),
                Map.entry("verify", SyncStepRow.HELD),
                Map.entry("invoice-refresh", SyncStepRow.HELD),
                Map.entry("payment-refresh", SyncStepRow.HELD),
                Map.entry("customer-refresh", SyncStepRow.DONE),
                Map.entry("customer-balances", SyncStepRow.DONE),
                // write-backs apply to invoices: none is sent on top of a failed invoice pull
                Map.entry("actions", SyncStepRow.HELD));
        assertThat(steps.get("invoices").statusCodes()).isEqualTo(status + ":1");
        assertThat(steps.get("invoice-deletes").requests()).as("a held step sends nothing").isZero();
        assertThat(steps.get("invoice-deletes").error()).startsWith("Held: it depends on invoices");
        assertThat(r.requests()).noneMatch(q -> q.contains("<TxnDelType>Invoice</TxnDelType>"));
        assertThat(CompanyMirror.storedDeleted(server.app(), login.companyId()))
                .as("the customer deletions still ran").containsExactlyInAnyOrderElementsOf(goneCustomers);
        assertThat(CompanyMirror.storedInvoices(server.app(), login.companyId()).keySet())
                .as("the invoice deletions wait for a run whose invoice pull completes").containsAll(goneInvoices);

        // and the next run, with QuickBooks answering again, brings everything
        syncCleanly();
        assertThat(states(stepsOf(lastRun()))).allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo(SyncStepRow.DONE));
    }

    // ---- (b) warnings ----------------------------------------------------------------------------------------

    @Test
    void aWarningFromQuickBooksIsLoggedAndTheRunGoesOn() throws Exception {
        // given a company
        qb.generateCustomers(120, 4);
        qb.generateInvoices(150, 5);
        Logger logger = (Logger) LoggerFactory.getLogger(SyncService.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            // when QuickBooks answers the customer query with data and a 500 warning
            qb.failNext("CustomerQueryRq", 500, "The query request has not been fully completed. There was a"
                    + " required element (\"Customer:Missing\") that could not be found in QuickBooks.");
            CycleResult r = syncCleanly();

            // then the run completed with every record, and the warning is in the log and the step's status codes
            assertThat(r.lastErrors()).isEmpty();
            assertThat(stepsOf(lastRun()).get("customers").statusCodes()).isEqualTo("0:1,500:1");
            assertThat(lastRun().outcome()).isEqualTo(SyncRun.SUCCESS);
            assertThat(log.list).filteredOn(e -> e.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage)
                    .anyMatch(m -> m.contains("customers") && m.contains("500") && m.contains("Customer:Missing"));
        } finally {
            logger.detachAppender(log);
        }
    }

    // ---- (c) status 1 ----------------------------------------------------------------------------------------

    @Test
    void queriesThatMatchNothingAreSuccessNotErrors() throws Exception {
        // given a company with customers and not a single invoice or payment
        qb.generateCustomers(30, 6);

        // when it is synced, and synced again when nothing has changed
        CycleResult first = syncCleanly();
        qb.advance(Duration.ofHours(3));
        CycleResult idle = syncCleanly();

        // then every query QuickBooks answered "no match" (status 1) counts as done, not failed
        assertThat(first.responses()).filteredOn(x -> x.contains("statusCode=\"1\"")).hasSizeGreaterThanOrEqualTo(4);
        Map<String, SyncStepRow> firstSteps = stepsOf(server.app().sync.recentRuns(login.companyId(), 2).get(1));
        for (String step : List.of("invoices", "payments", "customer-deletes", "invoice-deletes")) {
            assertThat(firstSteps.get(step).state()).as(step).isEqualTo(SyncStepRow.DONE);
            assertThat(firstSteps.get(step).statusCodes()).as(step).isEqualTo("1:1");
        }
        assertThat(first.closeConnectionResult()).hasValue("Synced 30 customers");
        // (the customer query always finds the customers at its watermark again, so it answers 0)
        assertThat(idle.responses()).filteredOn(x -> !x.contains("<CustomerQueryRs"))
                .isNotEmpty().allMatch(x -> x.contains("statusCode=\"1\""));
        assertThat(states(stepsOf(lastRun()))).allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo(SyncStepRow.DONE));
        assertThat(lastRun().outcome()).isEqualTo(SyncRun.SUCCESS);
        assertThat(idle.closeConnectionResult()).hasValue("Up to date: nothing changed in QuickBooks");
    }

    // ---- (d) full re-sync ------------------------------------------------------------------------------------

    /** The record pulls of a run (customer and invoice queries by date, not balance look-ups by ListID). */
    private static List<String> pulls(CycleResult r, String element) {
        Predicate<String> pull = q -> q.contains("<" + element + " ") && !q.contains("<ListID>");
        return r.requests().stream().filter(pull).toList();
    }

    private Map<String, Boolean> resyncFlags() throws Exception {
        Map<String, Boolean> m = new LinkedHashMap<>();
        try (Connection c = server.app().db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT entity, resync_requested FROM sync_watermark"
                     + " WHERE company_id = ? AND entity IN ('customer', 'invoice') ORDER BY entity")) {
            ps.setLong(1, login.companyId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    m.put(rs.getString(1), rs.getBoolean(2));
                }
            }
        }
        return m;
    }

    private Set<String> storedDeletedInvoices() throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = server.app().db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT txn_id FROM invoice WHERE company_id = ? AND is_deleted = TRUE")) {
            ps.setLong(1, login.companyId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    @Test
    void aFullResyncPullsEverythingWithoutADateAndMarksWhatQuickBooksNoLongerHas() throws Exception {
        // given a synced company from which customers and invoices then vanish without a deletion record
        qb.generateCustomers(300, 7);
        qb.generateInvoices(500, 8);
        qb.generatePayments(80, 9);
        syncCleanly();
        qb.advance(Duration.ofHours(2));
        List<String> goneCustomers = deletableCustomers(5);
        goneCustomers.forEach(qb::deleteCustomer);
        List<QbInvoice> invoices = qb.invoices();
        List<String> goneInvoices = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            goneInvoices.add(invoices.get(i * 60).txnId());
        }
        goneInvoices.forEach(qb::deleteInvoice);
        qb.advance(Duration.ofSeconds(1));
        qb.purgeDeletedBefore(qb.now());
        qb.editCustomer(qb.customers().get(0).listId(), CustomerSpec.changes().email("still.here@example.com"));
        qb.advance(Duration.ofHours(2));

        // (an ordinary run cannot see them go, but for invoices a payment was applied to: the payment changed, the
        // invoice it no longer pays is read again by TxnID and found gone)
        CycleResult ordinary = wc.runCycle(qb, "acme", PASSWORD);
        assertCompleted(ordinary);
        assertThat(CompanyMirror.storedDeleted(server.app(), login.companyId())).doesNotContainAnyElementsOf(goneCustomers);
        Set<String> foundByPayments = storedDeletedInvoices();
        assertThat(goneInvoices).containsAll(foundByPayments);
        int goneUnseen = goneInvoices.size() - foundByPayments.size();

        // when a full re-sync of customers and invoices is requested and the next run comes
        server.app().sync.requestResync(login.companyId(), "customer");
        server.app().sync.requestResync(login.companyId(), "invoice");
        assertThat(resyncFlags()).containsExactly(Map.entry("customer", true), Map.entry("invoice", true));
        CycleResult full = wc.runCycle(qb, "acme", PASSWORD);
        assertCompleted(full);

        // then it asked QuickBooks for every customer and invoice, with no FromModifiedDate
        assertThat(pulls(full, "CustomerQueryRq")).hasSizeGreaterThanOrEqualTo(3)
                .noneMatch(q -> q.contains("FromModifiedDate"));
        assertThat(pulls(full, "InvoiceQueryRq")).hasSizeGreaterThanOrEqualTo(5)
                .noneMatch(q -> q.contains("FromModifiedDate"));
        assertThat(pulls(full, "ReceivePaymentQueryRq")).as("payments were not asked to re-sync")
                .allMatch(q -> q.contains("FromModifiedDate"));
        // and the database equals the company again, what QuickBooks no longer has marked deleted
        // (CompanyMirror's own deletion check reads QuickBooks' deletion log, which was purged)
        assertThat(CompanyMirror.stored(server.app(), login.companyId()))
                .isEqualTo(CompanyMirror.expected(qb));
        assertThat(CompanyMirror.storedInvoices(server.app(), login.companyId()))
                .isEqualTo(CompanyMirror.expectedInvoices(qb));
        SyncChecks.assertNoDuplicates(server.app(), login.companyId());
        SyncChecks.assertLineCounts(server.app(), login.companyId(), qb);
        assertThat(CompanyMirror.storedDeleted(server.app(), login.companyId()))
                .containsExactlyInAnyOrderElementsOf(goneCustomers);
        assertThat(storedDeletedInvoices()).containsExactlyInAnyOrderElementsOf(goneInvoices);
        Map<String, SyncStepRow> steps = stepsOf(lastRun());
        assertThat(steps.get("customers").fullResync()).isTrue();
        assertThat(steps.get("invoices").fullResync()).isTrue();
        assertThat(steps.get("payments").fullResync()).isFalse();
        assertThat(steps.get("customers").deleted()).isEqualTo(goneCustomers.size());
        assertThat(steps.get("invoices").deleted()).isEqualTo(goneUnseen);
        assertThat(lastRun().recordsDeleted()).isEqualTo(goneCustomers.size() + goneUnseen);
        assertThat(full.closeConnectionResult()).hasValueSatisfying(s -> assertThat(s)
                .contains(goneCustomers.size() + " customers deleted", goneUnseen + " invoice"));

        // and the request is cleared: the run after is an ordinary one again
        assertThat(resyncFlags()).containsExactly(Map.entry("customer", false), Map.entry("invoice", false));
        qb.advance(Duration.ofMinutes(15));
        CycleResult after = wc.runCycle(qb, "acme", PASSWORD);
        assertCompleted(after);
        assertThat(pulls(after, "CustomerQueryRq")).allMatch(q -> q.contains("FromModifiedDate"));
        assertThat(pulls(after, "InvoiceQueryRq")).allMatch(q -> q.contains("FromModifiedDate"));
        assertThat(stepsOf(lastRun()).values()).noneMatch(SyncStepRow::fullResync);
    }

    // ---- (e) progress ----------------------------------------------------------------------------------------

    @Test
    void progressOnlyRisesStaysBelow100UntilTheLastResponseAndCoversCustomersAndInvoicesTogether()
            throws Exception {
        // given a company whose customers and invoices each take many pages of 100
        qb.generateCustomers(1200, 10);
        qb.generateInvoices(2500, 11);
        qb.generatePayments(300, 12);

        // when it is synced, then synced again after changes with its iterators expiring and a server restart
        CycleResult first = syncCleanly();
        qb.advance(Duration.ofHours(2));
        new CompanyChurn(qb, 13).apply(new CompanyChurn.Volume(400, 20, 800, 50, 40));
        CycleResult troubled = wc.runCycle(qb, "acme", PASSWORD,
                Faults.none().expireIteratorsAfter(2).expireIteratorsAfter(7).onExchange(5, server::restart));
        assertCompleted(troubled);
        assertExactMirror(server.app(), login.companyId(), qb);

        // then in each run the percentages never go down, stay below 100 until the last, and end at 100
        for (CycleResult r : List.of(first, troubled)) {
            List<Integer> p = r.percentages();
            assertThat(p).isSorted();
            assertThat(p.get(p.size() - 1)).isEqualTo(100);
            assertThat(p.subList(0, p.size() - 1)).allMatch(x -> x >= 0 && x < 100);
        }
        // and the first run's progress moved while invoices paged and again while customers paged
        List<String> q = first.requests();
        List<Integer> p = first.percentages();
        int lastCustomerPage = lastIndexOf(q, "<CustomerQueryRq requestID=\"[^\"]*\" iterator=");
        int lastInvoicePage = lastIndexOf(q, "<InvoiceQueryRq ");
        assertThat(lastInvoicePage).isLessThan(lastCustomerPage);
        assertThat(p.get(lastInvoicePage)).as("after the invoices").isGreaterThan(p.get(0)).isLessThan(100);
        assertThat(p.get(lastCustomerPage)).as("after the customers").isGreaterThan(p.get(lastInvoicePage))
                .isLessThan(100);
        assertThat(p.stream().distinct().count()).as("distinct percentages shown").isGreaterThanOrEqualTo(10);
    }

    private static int lastIndexOf(List<String> requests, String regex) {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
        for (int i = requests.size() - 1; i >= 0; i--) {
            if (pattern.matcher(requests.get(i)).find()) {
                return i;
            }
        }
        return -1;
    }
}
