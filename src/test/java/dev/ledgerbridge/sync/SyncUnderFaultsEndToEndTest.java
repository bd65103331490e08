package dev.ledgerbridge.sync;

import static dev.ledgerbridge.sync.SyncChecks.assertCompleted;
import static dev.ledgerbridge.sync.SyncChecks.assertExactMirror;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.qbwc.QbwcService;
import dev.ledgerbridge.testkit.CycleResult;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import dev.ledgerbridge.testkit.FakeWebConnector;
import dev.ledgerbridge.testkit.Faults;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A large company kept in sync over many Web Connector runs while the office keeps working in QuickBooks, first
 * with nothing going wrong, then with the failures a real Web Connector run meets. After every clean run the
 * database must hold exactly what QuickBooks holds: every customer and invoice field, every line, every payment
 * link, money to the cent, nothing missing and nothing stored twice.
 */
class SyncUnderFaultsEndToEndTest {
    static final String PASSWORD = "correct horse battery";
    RunningServer server;
    FakeWebConnector wc;

    @BeforeEach
    void start() {
        server = new RunningServer(TestDb.freshConfig(Map.of(Setting.QBWC_MAX_RETURNED, "500")));
        wc = new FakeWebConnector(server.endpoint());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FakeQuickBooks company(QbwcLogin login) {
        FakeQuickBooks qb = SyncChecks.company(login, "Acme Corp", Instant.parse("2026-04-06T13:00:00Z"));
        return qb;
    }

    @Test
    void aLargeCompanyIsMirroredToTheCentAfterEveryCycleOfEditsPaymentsDeletionsAndNewRecords() throws Exception {
        // given a company of 5,000 customers and 20,000 invoices with lines, groups and payments
        QbwcLogin login = server.app().companies.addLogin("acme", "Acme", PASSWORD);
        FakeQuickBooks qb = company(login);
        qb.generateCustomers(5000, 1);
        qb.generateInvoices(20_000, 2);
        qb.generatePayments(3000, 3);

        // when it is synced the first time
        CycleResult first = wc.runCycle(qb, "acme", PASSWORD);

        // then the database holds exactly the company
        assertCompleted(first);
        assertExactMirror(server.app(), login.companyId(), qb);

        // and after every round of office work and a cycle, it still does (the company's records were all stamped
        // at one instant, so the first two pulls, whose windows reach back over it, read nearly all of them again;
        // the third is incremental)
        CompanyChurn office = new CompanyChurn(qb, 4);
        for (int round = 0; round < 3; round++) {
            qb.advance(round == 0 ? Duration.ofMinutes(15) : Duration.ofHours(2));
            office.apply(new CompanyChurn.Volume(400, 60, 900, 200, 150));
            CycleResult r = wc.runCycle(qb, "acme", PASSWORD);
            assertCompleted(r);
            assertThat(r.requests().get(0)).as("a later pull starts from the watermark").contains("FromModifiedDate");
            assertExactMirror(server.app(), login.companyId(), qb);
        }
    }

    /** The failures a Web Connector run meets, one per faulty cycle. */
    enum Fault {
        /** QuickBooks cannot be opened: connectionError, no exchange at all. */
        CONNECTION_ERROR,
        /** QuickBooks answered exchange n but the answer never reached the server. */
        LOST_RESPONSE,
        /** The run is abandoned after exchange n (PC asleep, Web Connector closed). */
        ABANDONED,
        /** QuickBooks drops its iterators after exchange n; the next Continue gets 3391. */
        EXPIRED_ITERATORS,
        /** The request processor throws on exchange n (hresult 0x80040400, no response). */
        HRESULT,
        /** The server restarts after exchange n, in the middle of the run. */
        SERVER_RESTART,
        /** The office keeps working in QuickBooks while the run pages through its iterators. */
        EDITS_DURING_RUN
    }

    /** Every exchange up to this one exists in every faulty cycle of the scenario (see the volumes below). */
    static final int LATEST_FAULT = 14;
    static final String PARSE_ERROR = "QuickBooks found an error when parsing the provided XML text stream.";

    @Test
    void faultsAtRandomPointsOfARunLoseNothingAndStoreNothingTwiceOnceACleanRunFollows() throws Exception {
        long seed = Long.getLong("ledgerbridge.test.seed", 20_260_308L);
        Random rnd = new Random(seed);
        // given a company of 1,500 customers and 5,000 invoices, and an office that keeps working in it
        QbwcLogin login = server.app().companies.addLogin("acme", "Acme", PASSWORD);
        FakeQuickBooks qb = company(login);
        qb.generateCustomers(1500, seed + 1);
        qb.generateInvoices(5000, seed + 2);
        qb.generatePayments(800, seed + 3);
        CompanyChurn office = new CompanyChurn(qb, seed + 4);
        // enough change per round for at least two customer pages and three invoice pages of 500
        CompanyChurn.Volume busy = new CompanyChurn.Volume(900, 40, 2000, 150, 100);

        // the first sync itself is interrupted, then every kind of fault once, in a seeded order, then two at random
        List<Fault> plan = new ArrayList<>(List.of(Fault.values()));
        Collections.shuffle(plan, rnd);
        plan.add(0, List.of(Fault.LOST_RESPONSE, Fault.ABANDONED, Fault.HRESULT, Fault.SERVER_RESTART,
                Fault.EXPIRED_ITERATORS).get(rnd.nextInt(5)));
        plan.add(Fault.values()[rnd.nextInt(Fault.values().length)]);
        plan.add(Fault.values()[rnd.nextInt(Fault.values().length)]);

        for (int round = 0; round < plan.size(); round++) {
            Fault fault = plan.get(round);
            // the first sync has 20+ exchanges, every later faulty cycle more than LATEST_FAULT (about 18)
            int n = 1 + rnd.nextInt(round == 0 ? 20 : LATEST_FAULT);
            String where = String.format("round %d, %s at exchange %d (seed %d)", round, fault, n, seed);
            if (round > 0) {
                qb.advance(Duration.ofHours(2));
                office.apply(busy);
            }

            // when a run meets the fault
            CycleResult faulty = wc.runCycle(qb, "acme", PASSWORD, faults(fault, n, office, rnd));
            assertFaultHappened(fault, n, faulty, login.companyId(), where);

            // and, after a little more office work, the next run has no fault
            qb.advance(Duration.ofMinutes(15));
            office.apply(busy.scaled(0.05));
            CycleResult clean = wc.runCycle(qb, "acme", PASSWORD);

            // then the database holds exactly the company again
            try {
                assertCompleted(clean);
                assertExactMirror(server.app(), login.companyId(), qb);
                if (fault == Fault.LOST_RESPONSE || fault == Fault.ABANDONED) {
                    assertThat(server.app().sync.recentRuns(login.companyId(), 2)).extracting(SyncRun::outcome)
                            .as("the run the Web Connector gave up on is recorded as interrupted")
                            .containsExactly(SyncRun.SUCCESS, SyncRun.INTERRUPTED);
                }
            } catch (AssertionError e) {
                throw new AssertionError("after the clean run of " + where + ": " + e.getMessage(), e);
            }
        }
    }

    private Faults faults(Fault fault, int n, CompanyChurn office, Random rnd) {
        return switch (fault) {
            case CONNECTION_ERROR -> Faults.none().connectionErrorAtStart("0x80040408", "Could not start QuickBooks.");
            case LOST_RESPONSE -> Faults.none().loseResponseAfter(n);
            case ABANDONED -> Faults.none().stopAfter(n);
            case EXPIRED_ITERATORS -> Faults.none().expireIteratorsAfter(n);
            case HRESULT -> Faults.none().hresultOnRequest(n, "0x80040400", PARSE_ERROR);
            case SERVER_RESTART -> Faults.none().onExchange(n, server::restart);
            case EDITS_DURING_RUN -> Faults.none().onExchange(n, () -> office.apply(
                    new CompanyChurn.Volume(60, 5, 150, 10, 10))).onExchange(n + 1 + rnd.nextInt(3), () -> office.apply(
                    new CompanyChurn.Volume(60, 5, 150, 10, 10)));
        };
    }

    /** The fault really struck where it was aimed, and the server recorded the run as it ended. */
    private void assertFaultHappened(Fault fault, int n, CycleResult r, long companyId, String where) {
        SyncRun run = server.app().sync.recentRuns(companyId, 1).get(0);
        switch (fault) {
            case CONNECTION_ERROR -> {
                assertThat(r.outcome()).as(where).isEqualTo(CycleResult.Outcome.CONNECTION_ERROR_DONE);
                assertThat(r.exchangeCount()).as(where).isZero();
                assertThat(run.outcome()).as(where).isEqualTo(SyncRun.FAILED);
                assertThat(run.hresult()).as(where).isEqualTo("0x80040408");
            }
            case LOST_RESPONSE, ABANDONED -> {
                assertThat(r.outcome()).as(where).isEqualTo(fault == Fault.LOST_RESPONSE
                        ? CycleResult.Outcome.RESPONSE_LOST : CycleResult.Outcome.ABANDONED);
                assertThat(r.exchangeCount()).as(where).isEqualTo(n);
                assertThat(run.outcome()).as("the server still sees the run going, " + where)
                        .isEqualTo(SyncRun.RUNNING);
            }
            case HRESULT -> {
                assertThat(r.outcome()).as(where).isEqualTo(CycleResult.Outcome.ERROR);
                assertThat(r.exchangeCount()).as(where).isEqualTo(n);
                assertThat(r.percentages()).as(where).last().matches(p -> p < 0);
                assertThat(r.lastErrors()).as(where).singleElement().asString()
                        .startsWith("QuickBooks could not read a request it was sent");
                assertThat(run.outcome()).as(where).isEqualTo(SyncRun.FAILED);
                assertThat(run.hresult()).as(where).isEqualTo("0x80040400");
            }
            case EXPIRED_ITERATORS, SERVER_RESTART, EDITS_DURING_RUN -> {
                assertThat(r.exchangeCount()).as(where).isGreaterThan(n);
                assertCompleted(r);
                assertThat(run.outcome()).as(where).isEqualTo(SyncRun.SUCCESS);
            }
        }
    }
}
