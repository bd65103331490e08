package dev.ledgerbridge.sync;

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
import dev.ledgerbridge.testkit.InvoiceSpec;
import dev.ledgerbridge.testkit.LineSpec;
import dev.ledgerbridge.testkit.QbCustomer;
import dev.ledgerbridge.testkit.QbInvoice;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * QuickBooks stamps TimeModified in the local time of its PC, with that moment's UTC offset. Records changed just
 * before and just after the clocks move (spring forward: 02:00 EST becomes 03:00 EDT; fall back: 02:00 EDT becomes
 * 01:00 EST, so 01:00-01:59 happens twice), with runs in between, must all be pulled, whether or not the server is
 * told the company's time zone. The overlap is one minute, so it is the daylight-saving handling, not a wide
 * overlap, that has to bring them.
 */
class DaylightSavingEndToEndTest {
    static final String PASSWORD = "correct horse battery";
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** Every date-time filter the sync sends: pulls (FromModifiedDate) and deletions (FromDeletedDate). */
    static final Pattern FROM = Pattern.compile("<(FromModifiedDate|FromDeletedDate)>([^<]*)</");
    static final Pattern WITH_OFFSET = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}");

    RunningServer server;
    FakeWebConnector wc;
    QbwcLogin login;
    FakeQuickBooks qb;
    /** When QuickBooks stamped each change made since the last run. */
    final List<Instant> changesSinceLastRun = new ArrayList<>();
    final Set<String> deletable = new HashSet<>();
    String zone;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(String companyTimezone) {
        zone = companyTimezone;
        server = new RunningServer(TestDb.freshConfig(Map.of(Setting.SYNC_OVERLAP_SECONDS, "60",
                Setting.SYNC_COMPANY_TIMEZONE, companyTimezone)));
        wc = new FakeWebConnector(server.endpoint());
        login = server.app().companies.addLogin("acme", "Acme", PASSWORD);
        qb = new FakeQuickBooks("Acme Corp");
        qb.setOwnerId(QbwcService.OWNER_ID);
        qb.setFileId(login.fileId());
        qb.setZone(NEW_YORK);
    }

    @ParameterizedTest(name = "sync.company.timezone = \"{0}\"")
    @ValueSource(strings = {"", "America/New_York"})
    void recordsChangedAroundSpringForwardAndFallBackAreAllPulled(String companyTimezone) throws Exception {
        // given a company in New York, synced the day before the clocks spring forward
        start(companyTimezone);
        qb.setNow(Instant.parse("2026-03-07T17:00:00Z"));
        qb.generateCustomers(40, 1);
        qb.generateInvoices(120, 2);
        qb.generatePayments(20, 3);
        for (int i = 0; i < 6; i++) {
            deletable.add(qb.addCustomer("Walk-in " + i).listId());
        }
        sync("the first run");

        // when records change just before 02:00 EST, a run comes, and more change just after it became 03:00 EDT
        at("2026-03-08T01:58:10", "EST");
        editCustomer(0);
        editInvoice(0);
        pay(1);
        at("2026-03-08T01:59:20", "EST");
        editCustomer(1);
        newCustomer("Spring Early Bird");
        deleteCustomer();
        at("2026-03-08T01:59:50", "EST");
        sync("the run at 01:59:50 EST, before spring forward");

        at("2026-03-08T03:00:40", "EDT");
        editCustomer(0);
        editCustomer(2);
        editInvoice(2);
        deleteInvoice(3);
        newInvoice(newCustomer("Spring Late Riser"));
        deleteCustomer();
        sync("the run at 03:01 EDT, after spring forward");

        // and in autumn: changes at 01:40 and 01:50 EDT, a run, then changes in the repeated hour at 01:05 EST
        at("2026-11-01T01:40:00", "EDT");
        editCustomer(3);
        editInvoice(4);
        at("2026-11-01T01:50:30", "EDT");
        editCustomer(4);
        pay(5);
        deleteCustomer();
        sync("the run at 01:51 EDT, before fall back");

        at("2026-11-01T01:05:00", "EST");
        editCustomer(5);
        editCustomer(3);
        editInvoice(6);
        deleteInvoice(7);
        newInvoice(newCustomer("Autumn Second Hour"));
        deleteCustomer();
        sync("the run at 01:05 EST, in the repeated hour");

        at("2026-11-01T01:30:00", "EST");
        editCustomer(6);
        pay(8);
        sync("the run at 01:30 EST, in the repeated hour");

        at("2026-11-01T02:05:00", "EST");
        editCustomer(7);
        editInvoice(9);
        deleteCustomer();
        sync("the run at 02:05 EST, after fall back");
        // then every run left the database equal to the company (checked in sync)
    }

    // ---- the office's changes, each remembered with the moment QuickBooks stamped it -------------------------

    /** Sets the company clock to a New York wall-clock time; the abbreviation picks the hour that happens twice. */
    private void at(String localTime, String abbreviation) {
        ZonedDateTime t = LocalDateTime.parse(localTime).atZone(NEW_YORK);
        boolean standard = "EST".equals(abbreviation);
        t = standard ? t.withLaterOffsetAtOverlap() : t.withEarlierOffsetAtOverlap();
        assertThat(t.getOffset()).as(localTime + " " + abbreviation).isEqualTo(ZoneOffset.ofHours(standard ? -5 : -4));
        qb.setNow(t.toInstant());
    }

    private void changed() {
        changesSinceLastRun.add(qb.now());
        qb.advance(Duration.ofSeconds(5));
    }

    private QbCustomer customer(int i) {
        List<QbCustomer> all = qb.customers().stream().filter(c -> !deletable.contains(c.listId())).toList();
        return all.get((i * 7) % all.size());
    }

    private QbInvoice invoice(int i) {
        List<QbInvoice> all = qb.invoices();
        return all.get((i * 11) % all.size());
    }

    private void editCustomer(int i) {
        qb.editCustomer(customer(i).listId(), CustomerSpec.changes().email("dst" + i + "." + qb.now().getEpochSecond()
                + "@example.com"));
        changed();
    }

    private String newCustomer(String name) {
        String id = qb.addCustomer(name).listId();
        changed();
        return id;
    }

    private void deleteCustomer() {
        String id = deletable.iterator().next();
        deletable.remove(id);
        qb.deleteCustomer(id);
        changed();
    }

    private void editInvoice(int i) {
        qb.editInvoice(invoice(i).txnId(), s -> s.memo("Changed at " + qb.qbTime(qb.now())));
        changed();
    }

    private void newInvoice(String customerListId) {
        qb.addInvoice(InvoiceSpec.forCustomer(customerListId).lines(LineSpec.item("Labor", "Night shift", "2", "45.50")));
        changed();
    }

    private void deleteInvoice(int i) {
        qb.deleteInvoice(invoice(i).txnId());
        changed();
    }

    private void pay(int i) {
        QbInvoice open = qb.invoices().stream().filter(inv -> inv.balanceRemaining().signum() > 0)
                .skip(i).findFirst().orElseThrow();
        qb.applyPayment(open.txnId(), open.balanceRemaining().min(new BigDecimal("10.00")));
        changed();
    }

    // ---- a run and what must hold after it ---------------------------------------------------------------

    private void sync(String which) throws Exception {
        CycleResult r = wc.runCycle(qb, "acme", PASSWORD);
        assertThat(r.outcome()).as("%s: %s", which, r).isEqualTo(CycleResult.Outcome.COMPLETED);
        assertThat(r.lastErrors()).as(which).isEmpty();
        for (String request : r.requests()) {
            Matcher m = FROM.matcher(request);
            while (m.find()) {
                String from = m.group(2);
                assertThat(from).as("%s sent %s without a UTC offset", which, m.group(1)).matches(WITH_OFFSET);
                assertReachesBack(which, m.group(1), from);
            }
        }
        assertExactMirror(server.app(), login.companyId(), qb);
        changesSinceLastRun.clear();
    }

    /**
     * The filter starts no later than the first change since the last run: as the instant it names, and, when the
     * company's zone is not configured, also read as QuickBooks' local wall-clock time (QuickBooks keeps local
     * times, and at fall-back a later change can have an earlier wall-clock time than the last one it saw).
     */
    private void assertReachesBack(String which, String element, String from) {
        OffsetDateTime f = OffsetDateTime.parse(from);
        for (Instant change : changesSinceLastRun) {
            assertThat(f.toInstant()).as("%s: %s %s is after a change stamped %s", which, element, from,
                    qb.qbTime(change)).isBeforeOrEqualTo(change);
            if (zone.isEmpty()) {
                assertThat(f.toLocalDateTime()).as("%s: %s %s read as New York wall-clock time is after a change"
                        + " stamped %s", which, element, from, qb.qbTime(change))
                        .isBeforeOrEqualTo(change.atZone(NEW_YORK).toLocalDateTime());
            }
        }
    }
}
