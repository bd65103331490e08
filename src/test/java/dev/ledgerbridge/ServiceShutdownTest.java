package dev.ledgerbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.db.DbEndpoint;
import dev.ledgerbridge.db.EmbeddedMariaDb;
import dev.ledgerbridge.testkit.CycleResult;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import dev.ledgerbridge.testkit.FakeWebConnector;
import dev.ledgerbridge.testkit.Faults;
import dev.ledgerbridge.testkit.QbCustomer;
import dev.ledgerbridge.testkit.QbwcClientError;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The server as a service manager runs it: `serve` in a child JVM on the embedded database, stopped with SIGTERM
 * (Process.destroy) while the Web Connector is in the middle of a sync, then started again.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Process.destroy() is TerminateProcess there, not a signal")
class ServiceShutdownTest {
    static final String PASSWORD = "correct horse battery";
    static final int PAGE = 250;

    @Test
    void sigtermDuringASyncFinishesTheCallInFlightStopsTheDatabaseAfterHttpAndTheNextRunCompletesExactly()
            throws Exception {
        // given: a login, a company of 1,500 customers (6 pages), and the server running in its own process
        String username = EmbeddedDataDir.unique("svc");
        QbwcLogin login;
        try (App app = App.open(EmbeddedDataDir.config(), Clock.systemUTC())) {
            login = app.companies.addLogin(username, EmbeddedDataDir.unique("Service Co"), PASSWORD);
        }
        FakeQuickBooks qb = TestCompanies.quickBooks(login, "Service Co");
        qb.generateCustomers(1500, 17);
        Path config = EmbeddedDataDir.path().resolveSibling("service-test.properties");
        Files.writeString(config, "security.password.cost=4\nhttp.host=127.0.0.1\nqbwc.max.returned=" + PAGE + "\n",
                StandardCharsets.UTF_8);
        int port = freePort();
        Path firstLog = EmbeddedDataDir.path().resolveSibling("service-test-1.log");
        Process server = serve(config, port, firstLog);
        FakeWebConnector wc = new FakeWebConnector(URI.create("http://localhost:" + port + "/qbwc"));

        // when: SIGTERM arrives while the server stores the third page of customers (after the three empty
        // transaction pulls: invoices, payments, credit memos)
        AtomicBoolean signalled = new AtomicBoolean();
        Faults faults = Faults.none().onExchange(5, () -> {
            Thread t = new Thread(() -> signalWhileStoring(server, signalled));
            t.setDaemon(true);
            t.start();
        });
        QbwcClientError cut = catchThrowableOfType(QbwcClientError.class,
                () -> wc.runCycle(qb, username, PASSWORD, faults));

        // then: the call in flight was answered, the process ended, the database stopped after the HTTP server
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server exits").isTrue();
        assertThat(signalled).isTrue();
        assertThat(cut).as("the run was cut by the stop").isNotNull();
        CycleResult partial = cut.partialResult().orElseThrow();
        assertThat(partial.percentages()).as("every receiveResponseXML sent was answered").hasSize(
                (int) partial.callCount("receiveResponseXML")).allMatch(p -> p > 0 && p < 100);
        String log = Files.readString(firstLog, StandardCharsets.UTF_8);
        assertThat(log).containsSubsequence("stopping: HTTP server", "stopping: application and database",
                "embedded MariaDB stopped", "stopped").doesNotContain("did not stop cleanly");
        // and nothing is half-written: whole pages only, matching the run's own count
        try (App app = App.open(EmbeddedDataDir.config(), Clock.systemUTC());
             Connection c = app.db.dataSource().getConnection(); Statement st = c.createStatement()) {
            int stored = count(st, "SELECT COUNT(*) FROM customer WHERE company_id = " + login.companyId());
            int counted = count(st, "SELECT records_inserted FROM sync_run WHERE company_id = " + login.companyId());
            assertThat(stored).isPositive().isLessThan(1500).isEqualTo(counted);
            assertThat(stored % PAGE).isZero();
        }

        // when: the server starts again and the Web Connector runs again
        Path secondLog = EmbeddedDataDir.path().resolveSibling("service-test-2.log");
        Process again = serve(config, port, secondLog);
        try {
            CycleResult next = wc.runCycle(qb, username, PASSWORD);

            // then: the run completes and the database holds exactly the company's customers
            assertThat(next.outcome()).isEqualTo(CycleResult.Outcome.COMPLETED);
            DbEndpoint db = EmbeddedMariaDb.ofRunningServer(EmbeddedDataDir.path()).orElseThrow();
            assertThat(storedCustomers(db, login.companyId())).isEqualTo(expected(qb));
            // and a backup can be taken beside the running server
            Path backup = EmbeddedDataDir.path().resolveSibling("service-test-backup.sql");
            assertThat(Main.run("backup", "--out", backup.toString(), "--config", config.toString(), "--data-dir",
                    EmbeddedDataDir.path().toString())).isZero();
            assertThat(Files.readString(backup, StandardCharsets.UTF_8)).contains("INSERT INTO `customer`")
                    .contains(qb.customers().get(0).listId());
        } finally {
            again.destroy();
            assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(secondLog, StandardCharsets.UTF_8)).contains("embedded MariaDB stopped");
    }

    /** Sends SIGTERM as soon as the server is storing a response (its run has a processing lease), or after 20 s. */
    private static void signalWhileStoring(Process server, AtomicBoolean signalled) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try {
            DbEndpoint db = EmbeddedMariaDb.ofRunningServer(EmbeddedDataDir.path()).orElseThrow();
            try (Connection c = connect(db); Statement st = c.createStatement()) {
                while (System.nanoTime() < deadline) {
                    if (count(st, "SELECT COUNT(*) FROM sync_run WHERE processing_until IS NOT NULL") > 0) {
                        break;
                    }
                }
            }
        } catch (Exception e) {
            // signal anyway: the test then still checks that nothing is half-written
        }
        signalled.set(true);
        server.destroy();
    }

    private static Process serve(Path config, int port, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path logback = Path.of(System.getProperty("ledgerbridge.target.dir", "target"), "classes", "logback.xml");
        Process p = new ProcessBuilder(java, "-Xmx512m", "-Dlogback.configurationFile=" + logback.toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--config",
                config.toString(), "--data-dir", EmbeddedDataDir.path().toString(), "--port", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("the server exited: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/health/ready")).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return p;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        p.destroyForcibly();
        throw new AssertionError("the server did not become ready: " + Files.readString(log, StandardCharsets.UTF_8));
    }

    private static Map<String, String> expected(FakeQuickBooks qb) {
        Map<String, String> m = new TreeMap<>();
        for (QbCustomer c : qb.customers()) {
            m.put(c.listId(), c.editSequence());
        }
        return m;
    }

    private static Map<String, String> storedCustomers(DbEndpoint db, long companyId) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Connection c = connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT list_id, edit_sequence FROM customer WHERE company_id = "
                     + companyId + " AND NOT is_deleted")) {
            while (rs.next()) {
                m.put(rs.getString(1), rs.getString(2));
            }
        }
        return m;
    }

    private static Connection connect(DbEndpoint db) throws Exception {
        return DriverManager.getConnection("jdbc:mariadb://" + db.host() + ":" + db.port() + "/" + db.database(),
                db.user(), db.password());
    }

    private static int count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

}
