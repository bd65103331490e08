package dev.ledgerbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.App;
import dev.ledgerbridge.Main;
import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.sync.SyncRun;
import dev.ledgerbridge.sync.SyncStepRow;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A first sync measured end to end, beside its floor, in one run. The server runs here, in this JVM's heap
 * ({@code mvn -B test -Pbench} gives -Xmx256m); the {@code simulate} command plays the Web Connector and the
 * QuickBooks company file (records as rich as ../shared/qbxml-samples) from a process of its own, as an independent
 * client; {@link Floor} parses the same pages with StAX and upserts them with JDBC batches, one transaction per
 * page, also in a process of its own, before the server's sync and again after it (the faster run is the floor the
 * server is held to). Reported side by side: the floor's time and the server's (the time the Web
 * Connector waited for its replies), records QuickBooks was asked for against records stored, SOAP calls per
 * 1,000 records, peak heap, and each step's time from the sync history. Results are appended to
 * target/bench-results.txt.
 *
 * <p>{@code -Dledgerbridge.bench.large=true} also runs 100,000 customers / 500,000 invoices;
 * {@code -Dledgerbridge.bench.profile=true} records the server with Java Flight Recorder during each sync
 * (target/*.jfr) and prints where its time went.
 */
@Tag("bench")
class SyncBenchmark {
    private static final String PASSWORD = "benchmark password";
    private static final long SEED = 1;
    private static final Pattern RUN = Pattern.compile("run 1: completed in ([0-9.]+) s \\(the server ([0-9.]+) s,"
            + " QuickBooks ([0-9.]+) s\\); ([0-9,]+) SOAP calls; QuickBooks returned ([0-9,]+) records \\((.*)\\)");
    private static final Pattern FLOOR = Pattern.compile("floor: nanos=(\\d+) database=(\\d+) customers=(\\d+)"
            + " invoices=(\\d+) lines=(\\d+) links=(\\d+) payments=(\\d+)");

    @Test
    void firstSyncOf20000CustomersAnd50000InvoicesBesideTheFloor() throws Exception {
        firstSync(20_000, 50_000, 500, "1g");
    }

    @Test
    @EnabledIfSystemProperty(named = "ledgerbridge.bench.large", matches = "true")
    void firstSyncOf100000CustomersAnd500000InvoicesBesideTheFloor() throws Exception {
        firstSync(100_000, 500_000, 500, "6g");
    }

    @Test
    void firstSyncOf200000CustomersInTheSameHeap() throws Exception {
        firstSync(200_000, 0, 500, "2g");
    }

    @Test
    void takesOneResponseOfMoreThan20Megabytes() throws Exception {
        Result r = firstSync(30_000, 0, 100_000, "1g");
        SyncStepRow customers = r.steps.get("customers");
        assertThat(customers.requests()).isEqualTo(1);
        assertThat(customers.bytes()).isGreaterThan(20_000_000);
    }

    record Result(Map<String, SyncStepRow> steps) {
    }

    /** Syncs a company of that size for the first time, then runs the floor on the same pages, and reports both. */
    private Result firstSync(int customers, int invoices, int maxReturned, String clientHeap) throws Exception {
        String name = String.format(Locale.ROOT, "%dc-%di", customers, invoices);
        Config config = TestDb.freshConfig(Map.of(Setting.QBWC_MAX_RETURNED, Integer.toString(maxReturned)));
        StringBuilder report = new StringBuilder();
        Map<String, SyncStepRow> steps;
        // the floor runs before the server and again after it: the database is busiest right after a large sync
        // (writing its pages out), so the faster of the two is the floor the server is held to
        Floor before = floor(customers, invoices, maxReturned, clientHeap);
        try (RunningServer server = new RunningServer(config)) {
            App app = server.app();
            QbwcLogin login = app.companies.addLogin("bench", "Bench Co", PASSWORD);
            boolean profile = Boolean.getBoolean("ledgerbridge.bench.profile");
            ServerProfile recording = profile ? ServerProfile.start(URI.create(
                    config.get(Setting.DB_URL).substring("jdbc:".length())).getPort()) : null;
            HeapWatch heap = new HeapWatch();
            heap.start();
            long cpuBefore = processCpuNanos();
            ChildJvm.Finished sim = ChildJvm.run(clientHeap, Main.class.getName(), PASSWORD + "\n", "simulate",
                    "--url", server.baseUrl(), "--username", "bench", "--password-stdin", "--customers",
                    Integer.toString(customers), "--invoices", Integer.toString(invoices), "--runs", "1", "--seed",
                    Long.toString(SEED));
            long serverCpu = processCpuNanos() - cpuBefore;
            heap.stop();
            assertThat(sim.exitCode()).as(String.join("\n", sim.lines())).isZero();
            Matcher run = find(RUN, sim.lines());
            long storedCustomers = count(app, "customer", login.companyId());
            long storedInvoices = count(app, "invoice", login.companyId());
            long storedLines = count(app, "invoice_line", login.companyId());
            long storedPayments = count(app, "received_payment", login.companyId());
            long qbxmlBytes = 0;
            steps = new LinkedHashMap<>();
            SyncRun last = app.sync.recentRuns(login.companyId(), 1).get(0);
            int pages = 0;
            for (SyncStepRow s : app.sync.steps(last.id())) {
                steps.put(s.step(), s);
                qbxmlBytes += s.bytes();
                pages += s.requests();
            }
            assertThat(last.outcome()).isEqualTo(SyncRun.SUCCESS);
            assertThat(storedCustomers).isEqualTo(customers);
            assertThat(storedInvoices).isEqualTo(invoices);
            String profileText = recording == null ? ""
                    : recording.stop(Path.of(target(), "first-sync-" + name + ".jfr"), pages);

            Floor after = floor(customers, invoices, maxReturned, clientHeap);
            Floor floor = before.nanos <= after.nanos ? before : after;
            Floor other = floor == before ? after : before;
            assertThat(before.lines).isEqualTo(after.lines);
            assertThat(floor.customers).isEqualTo(customers);
            assertThat(floor.invoices).isEqualTo(invoices);
            assertThat(floor.lines).isEqualTo(storedLines);
            assertThat(floor.payments).isEqualTo(storedPayments);

            double serverSeconds = Double.parseDouble(run.group(2));
            long soapCalls = parseLong(run.group(4));
            long asked = parseLong(run.group(5));
            long stored = storedCustomers + storedInvoices + storedPayments;
            double floorSeconds = floor.nanos / 1e9;
            report.append(String.format(Locale.US, "First sync of %,d customers and %,d invoices (%,d invoice lines,"
                            + " %,d payments, %.1f MB of qbXML%s), %s, -Xmx%d MB, qbwc.max.returned=%d:%n", customers,
                    invoices, storedLines, storedPayments, qbxmlBytes / 1e6, invoices == 0 ? ""
                            : String.format(Locale.US, ", %.2f KB per invoice", steps.get("invoices").bytes() / 1e3
                            / invoices), TestDb.external() ? "external MariaDB" : "embedded MariaDB",
                    HeapWatch.max() / (1 << 20), maxReturned));
            report.append(String.format(Locale.US, "  floor (StAX + JDBC batch upserts, a transaction per page): %6.1f s"
                    + "  %5.0f µs per record  (the database %.1f s; the floor's other run, %s the server's, %.1f s)%n",
                    floorSeconds, floor.nanos / 1e3 / stored, floor.databaseNanos / 1e9,
                    other == before ? "before" : "after", other.nanos / 1e9));
            report.append(String.format(Locale.US, "  server (the Web Connector's wait for its replies):        %6.1f s"
                    + "  %5.0f µs per record  = %.2f times the floor%n", serverSeconds, serverSeconds * 1e6 / stored,
                    serverSeconds / floorSeconds));
            report.append(String.format(Locale.US, "  whole run as the Web Connector saw it: %s s, of which QuickBooks"
                    + " (simulated) %s s; the server's process used %.1f s of CPU (JIT and GC included), %.1f cores"
                    + " busy while it answered%n", run.group(1), run.group(3), serverCpu / 1e9,
                    serverCpu / 1e9 / serverSeconds));
            report.append(String.format(Locale.US, "  QuickBooks was asked for %,d records to store %,d (%.2f times): %s%n",
                    asked, stored, asked / (double) stored, run.group(6)));
            report.append(String.format(Locale.US, "  SOAP calls: %,d, %.1f per 1,000 records stored%n", soapCalls,
                    soapCalls * 1000.0 / stored));
            report.append(String.format(Locale.US, "  server heap: peak %.0f MB in use, %.0f MB still in use after a"
                    + " collection, of %d MB%n", heap.peakUsed() / (double) (1 << 20),
                    heap.peakAfterGc() / (double) (1 << 20), HeapWatch.max() / (1 << 20)));
            report.append("  per step (sync history):");
            long stepMillis = 0;
            for (SyncStepRow s : steps.values()) {
                stepMillis += s.durationMs();
                report.append(String.format(Locale.US, " %s %.1f s (%d requests, %,d records);", s.step(),
                        s.durationMs() / 1e3, s.requests(), s.received()));
            }
            report.append(String.format(Locale.US, " the rest (per-call overhead) %.1f s%n",
                    serverSeconds - stepMillis / 1e3));
            report.append(profileText);
        }
        System.out.print(report);
        Files.writeString(Path.of(target(), "bench-results.txt"), report, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return new Result(steps);
    }

    /** Runs {@link Floor} in its own process on a fresh database of the same schema. */
    static Floor floor(int customers, int invoices, int maxReturned, String heap) throws Exception {
        Config config = TestDb.freshConfig();
        long companyId;
        try (App app = App.open(config, java.time.Clock.systemUTC())) {
            companyId = app.companies.addLogin("floor", "Floor Co", PASSWORD).companyId();
        }
        String credentials = config.get(Setting.DB_URL) + "\n" + config.get(Setting.DB_USER) + "\n"
                + config.get(Setting.DB_PASSWORD) + "\n";
        ChildJvm.Finished run = ChildJvm.run(heap, Floor.class.getName(), credentials, Integer.toString(customers),
                Integer.toString(invoices), Long.toString(SEED), Long.toString(companyId), Integer.toString(maxReturned));
        assertThat(run.exitCode()).as(String.join("\n", run.lines())).isZero();
        Matcher m = find(FLOOR, run.lines());
        Floor f = new Floor(null, companyId);
        f.nanos = Long.parseLong(m.group(1));
        f.databaseNanos = Long.parseLong(m.group(2));
        f.customers = Long.parseLong(m.group(3));
        f.invoices = Long.parseLong(m.group(4));
        f.lines = Long.parseLong(m.group(5));
        f.links = Long.parseLong(m.group(6));
        f.payments = Long.parseLong(m.group(7));
        return f;
    }

    private static Matcher find(Pattern p, List<String> lines) {
        for (String line : lines) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                return m;
            }
        }
        throw new AssertionError("no line matches " + p + " in\n" + String.join("\n", lines));
    }

    private static long count(App app, String table, long companyId) throws SQLException {
        try (Connection c = app.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE company_id = ?")) {
            ps.setLong(1, companyId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long parseLong(String withCommas) {
        return Long.parseLong(withCommas.replace(",", ""));
    }

    private static String target() throws IOException {
        Path dir = Path.of(System.getProperty("ledgerbridge.target.dir", "target"));
        Files.createDirectories(dir);
        return dir.toString();
    }
}
