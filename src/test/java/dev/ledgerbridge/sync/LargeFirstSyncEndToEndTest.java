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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A first sync larger than sync.max.records.per.cycle is spread over several Web Connector runs. */
class LargeFirstSyncEndToEndTest {
    static final String PASSWORD = "correct horse battery";

    @Test
    void spreadsAFirstSyncOverRunsThatEachStayNearTheCapAndEndsExact() throws Exception {
        try (RunningServer server = new RunningServer(TestDb.freshConfig(Map.of(Setting.QBWC_MAX_RETURNED, "200",
                Setting.SYNC_MAX_RECORDS_PER_CYCLE, "1000")))) {
            QbwcLogin login = server.app().companies.addLogin("big", "Big", PASSWORD);
            FakeQuickBooks qb = SyncChecks.company(login, "Big Co", Instant.parse("2025-01-01T12:00:00Z"));
            qb.setAutoAdvance(Duration.ofMinutes(3));
            qb.generateCustomers(2500, 1);
            qb.generateInvoices(2500, 2);
            qb.setAutoAdvance(Duration.ZERO);
            qb.setNow(Instant.parse("2026-01-01T12:00:00Z"));
            FakeWebConnector wc = new FakeWebConnector(server.endpoint());

            List<Integer> recordsPerRun = new ArrayList<>();
            int runs = 0;
            CycleResult last;
            do {
                last = wc.runCycle(qb, "big", PASSWORD);
                assertThat(last.lastErrors()).as(last.toString()).isEmpty();
                assertThat(last.percentages()).last().isEqualTo(100);
                recordsPerRun.add(server.app().sync.recentRuns(login.companyId(), 1).get(0).recordsReceived());
                runs++;
                qb.advance(Duration.ofMinutes(15));
            } while (last.closeConnectionResult().orElse("").contains("next run") && runs < 30);

            System.out.println("records per run: " + recordsPerRun);
            assertThat(runs).as("runs for 5,000 records at about 1,000 a run: " + recordsPerRun).isBetween(5, 12);
            // a run may overshoot by the first page that showed the pull was too large, and by the balances
            assertThat(recordsPerRun.subList(0, recordsPerRun.size() - 1)).allMatch(n -> n <= 1000 + 2 * 200 + 2500,
                    "records per run " + recordsPerRun);
            assertMirrors(server.app(), login.companyId(), qb);
            assertInvoicesMirror(server.app(), login.companyId(), qb);
        }
    }
}
