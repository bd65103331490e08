package dev.ledgerbridge.sync;

import static dev.ledgerbridge.sync.CompanyMirror.assertMirrors;
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
import dev.ledgerbridge.testkit.QbCustomer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The customer sync end to end: the real server over HTTP, a fake Web Connector that calls it as the real one
 * does, and a fake QuickBooks company that answers the qbXML. After every cycle the database must hold exactly
 * the company's customers.
 */
class CustomerSyncEndToEndTest {
    static final String PASSWORD = "correct horse battery";
    RunningServer server;
    FakeWebConnector wc;

    @BeforeEach
    void start() {
        server = new RunningServer(TestDb.freshConfig(Map.of(dev.ledgerbridge.config.Setting.QBWC_MAX_RETURNED, "250")));
        wc = new FakeWebConnector(server.endpoint());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FakeQuickBooks company(String name, QbwcLogin login) {
        return SyncChecks.company(login, name, Instant.parse("2026-03-02T15:00:00Z"));
    }

    private static void assertSucceeded(CycleResult r) {
        assertThat(r.lastErrors()).as("getLastError messages").isEmpty();
        assertThat(r.percentages()).as("percentages").isNotEmpty().isSorted();
        assertThat(r.percentages().get(r.percentages().size() - 1)).isEqualTo(100);
        assertThat(r.percentages().subList(0, r.percentages().size() - 1)).allMatch(p -> p >= 0 && p < 100);
        assertThat(r.closed()).isTrue();
    }

    @Test
    void mirrorsAFewThousandCustomersOverCyclesWithEditsDeactivationsAndDeletions() throws Exception {
        QbwcLogin login = server.app().companies.addLogin("acme", "Acme", PASSWORD);
        FakeQuickBooks qb = company("Acme Corp", login);
        qb.generateCustomers(3000, 7);

        CycleResult first = wc.runCycle(qb, "acme", PASSWORD);
        assertSucceeded(first);
        assertThat(first.closeConnectionResult()).hasValueSatisfying(s -> assertThat(s).contains("3,000 customers"));
        assertMirrors(server.app(), login.companyId(), qb);

        Random rnd = new Random(11);
        for (int cycle = 0; cycle < 3; cycle++) {
            qb.advance(Duration.ofMinutes(15));
            List<QbCustomer> all = qb.customers();
            for (int i = 0; i < 120; i++) {
                QbCustomer c = all.get(rnd.nextInt(all.size()));
                qb.advance(Duration.ofSeconds(7));
                switch (i % 4) {
                    case 0 -> qb.editCustomer(c.listId(), CustomerSpec.changes().email("new" + i + "@example.com"));
                    case 1 -> qb.setActive(c.listId(), !c.active());
                    case 2 -> qb.editCustomer(c.listId(), CustomerSpec.changes().phone("555-0" + i));
                    default -> {
                        if (qb.customers().stream().noneMatch(x -> c.listId().equals(x.parentListId()))) {
                            qb.deleteCustomer(c.listId());
                        }
                    }
                }
                all = qb.customers();
            }
            qb.generateCustomers(150, 100 + cycle);
            CycleResult r = wc.runCycle(qb, "acme", PASSWORD);
            assertSucceeded(r);
            assertMirrors(server.app(), login.companyId(), qb);
            assertThat(r.requests().stream().filter(q -> q.contains("<CustomerQueryRq")).findFirst().orElseThrow())
                    .as("a later pull starts from the watermark").contains("FromModifiedDate");
        }

        CycleResult idle = wc.runCycle(qb, "acme", PASSWORD);
        assertSucceeded(idle);
        assertThat(idle.closeConnectionResult()).hasValue("Up to date: nothing changed in QuickBooks");
    }

    @Test
    void aServerRestartInTheMiddleOfACycleLosesNothing() throws Exception {
        QbwcLogin login = server.app().companies.addLogin("acme", "Acme", PASSWORD);
        FakeQuickBooks qb = company("Acme Corp", login);
        qb.generateCustomers(2000, 3);
        CycleResult r = wc.runCycle(qb, "acme", PASSWORD, Faults.none().onExchange(3, server::restart));
        assertSucceeded(r);
        assertMirrors(server.app(), login.companyId(), qb);
    }

    @Test
    void aLostResponseAndAnExpiredIteratorEndInExactlyTheCompanysRows() throws Exception {
        QbwcLogin login = server.app().companies.addLogin("acme", "Acme", PASSWORD);
        FakeQuickBooks qb = company("Acme Corp", login);
        qb.generateCustomers(1500, 5);

        CycleResult lost = wc.runCycle(qb, "acme", PASSWORD, Faults.none().loseResponseAfter(3));
        assertThat(lost.closed()).isFalse();

        qb.advance(Duration.ofMinutes(5));
        qb.generateCustomers(40, 6);
        CycleResult expired = wc.runCycle(qb, "acme", PASSWORD, Faults.none().expireIteratorsAfter(2));
        assertSucceeded(expired);
        assertMirrors(server.app(), login.companyId(), qb);
        assertThat(server.app().sync.recentRuns(login.companyId(), 5)).extracting(SyncRun::outcome)
                .containsExactly(SyncRun.SUCCESS, SyncRun.INTERRUPTED);
    }

    @Test
    void aConnectionErrorIsRecordedWithWhatToDoAndTheNextCycleSyncs() throws Exception {
        QbwcLogin login = server.app().companies.addLogin("acme", "Acme", PASSWORD);
        FakeQuickBooks qb = company("Acme Corp", login);
        qb.generateCustomers(50, 9);
        CycleResult failed = wc.runCycle(qb, "acme", PASSWORD,
                Faults.none().connectionErrorAtStart("0x80040408", "Could not start QuickBooks."));
        assertThat(failed.calls()).extracting(CycleResult.Call::operation).contains("connectionError");
        SyncRun run = server.app().sync.recentRuns(login.companyId(), 1).get(0);
        assertThat(run.outcome()).isEqualTo(SyncRun.FAILED);
        assertThat(run.hresult()).isEqualTo("0x80040408");
        assertThat(run.error()).contains("open the company file");

        assertSucceeded(wc.runCycle(qb, "acme", PASSWORD));
        assertMirrors(server.app(), login.companyId(), qb);
    }

    @Test
    void anotherCompanyFileIsRefusedWithAClearMessageAndTouchesNoData() throws Exception {
        QbwcLogin login = server.app().companies.addLogin("acme", "Acme", PASSWORD);
        FakeQuickBooks acme = company("Acme Corp", login);
        acme.generateCustomers(30, 1);
        assertSucceeded(wc.runCycle(acme, "acme", PASSWORD));

        FakeQuickBooks other = company("Globex Inc", login);
        other.setFileId("{11111111-2222-3333-4444-555555555555}");
        other.generateCustomers(20, 2);
        CycleResult r = wc.runCycle(other, "acme", PASSWORD);
        assertThat(r.outcome()).isEqualTo(CycleResult.Outcome.ERROR);
        assertThat(r.lastErrors()).singleElement().asString().contains("Acme Corp").contains("Globex Inc");
        assertThat(r.exchangeCount()).as("no qbXML was sent to the wrong file").isZero();
        assertMirrors(server.app(), login.companyId(), acme);
        assertThat(server.app().sync.recentRuns(login.companyId(), 1).get(0).outcome()).isEqualTo(SyncRun.REFUSED);
    }

    @Test
    void twoCompaniesSyncingAtTheSameTimeNeverSeeEachOthersRows() throws Exception {
        QbwcLogin a = server.app().companies.addLogin("alpha", "Alpha", PASSWORD);
        QbwcLogin b = server.app().companies.addLogin("beta", "Beta", PASSWORD);
        FakeQuickBooks qa = company("Alpha LLC", a);
        FakeQuickBooks qbeta = company("Beta LLC", b);
        qa.generateCustomers(800, 21);
        qbeta.generateCustomers(900, 22);
        FakeWebConnector wc2 = new FakeWebConnector(server.endpoint());
        CompletableFuture<CycleResult> fa = CompletableFuture.supplyAsync(() -> wc.runCycle(qa, "alpha", PASSWORD));
        CompletableFuture<CycleResult> fb = CompletableFuture.supplyAsync(() -> wc2.runCycle(qbeta, "beta", PASSWORD));
        assertSucceeded(fa.get());
        assertSucceeded(fb.get());
        assertMirrors(server.app(), a.companyId(), qa);
        assertMirrors(server.app(), b.companyId(), qbeta);
    }
}
