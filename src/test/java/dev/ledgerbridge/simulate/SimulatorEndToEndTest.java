package dev.ledgerbridge.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.App;
import dev.ledgerbridge.CommandLineRun;
import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.company.Company;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.qbwc.QbwcService;
import dev.ledgerbridge.testkit.CycleResult;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import dev.ledgerbridge.testkit.FakeWebConnector;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The simulator against the real server over HTTP: what the server stores is what the simulated company holds,
 * after the office work of later runs too; the company is bound to the simulated file, so simulating again with
 * the same login is allowed; a company that syncs a real file is refused unless forced; and the command line.
 */
class SimulatorEndToEndTest {
    private static final String PASSWORD = "simulation password";

    @Test
    void theServerHoldsWhatTheSimulatedCompanyHoldsAfterEveryRunsOfficeWork() throws Exception {
        try (RunningServer server = new RunningServer(TestDb.freshConfig())) {
            // given
            QbwcLogin login = server.app().companies.addLogin("demo", "Demo", PASSWORD);
            SimulatedQuickBooks qb = CompanyFile.generate(80, 200, 7, Clock.systemUTC());
            List<String> generated = qb.customerIds();
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            // when
            int code = simulator(server, "demo", 80, 200, 3, false, out).run(qb, 0);

            // then
            String text = out.toString(StandardCharsets.UTF_8);
            assertThat(code).as(text).isEqualTo(Simulator.OK);
            assertThat(text).contains("run 1: completed", "run 3: completed", "SOAP calls", "QuickBooks returned",
                    "Office work in QuickBooks before run 2: ", "Office work in QuickBooks before run 3: ");
            assertThat(text).containsPattern("QuickBooks returned [0-9,]+ records \\(customers [0-9,]+, customers"
                    + " read again by ID [0-9,]+, invoices [0-9,]+, payments [0-9,]+");
            assertThat(qb.deletedInvoiceIds()).as("the office deleted invoices").isNotEmpty();
            assertThat(qb.deletedCustomerIds()).as("the office deleted customers").isNotEmpty();
            assertThat(qb.customerIds()).as("the office added customers").anyMatch(id -> !generated.contains(id));
            assertThat(storedCustomers(server.app(), login.companyId())).isEqualTo(expectedCustomers(qb));
            assertThat(storedInvoices(server.app(), login.companyId())).isEqualTo(expectedInvoices(qb));
            assertThat(storedDeleted(server.app(), "invoice", "txn_id", login.companyId()))
                    .isEqualTo(qb.deletedInvoiceIds());
            assertThat(storedDeleted(server.app(), "customer", "list_id", login.companyId()))
                    .isEqualTo(qb.deletedCustomerIds());
            Company company = server.app().companies.company(login.companyId()).orElseThrow();
            assertThat(company.boundFileId()).isEqualTo(CompanyFile.FILE_ID);
            assertThat(company.boundFileName()).isEqualTo(CompanyFile.NAME);
        }
    }

    @Test
    void simulatingAgainWithTheSameLoginIsAllowedAndMakesTheSameRecordsNotCopies() throws Exception {
        try (RunningServer server = new RunningServer(TestDb.freshConfig())) {
            // given: a first simulation bound the company to the simulated file
            QbwcLogin login = server.app().companies.addLogin("demo", "Demo", PASSWORD);
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            assertThat(simulator(server, "demo", 40, 90, 1, false, first).run()).isEqualTo(Simulator.OK);

            // when
            ByteArrayOutputStream second = new ByteArrayOutputStream();
            int code = simulator(server, "demo", 40, 90, 1, false, second).run();

            // then
            assertThat(code).as(second.toString(StandardCharsets.UTF_8)).isEqualTo(Simulator.OK);
            SimulatedQuickBooks same = CompanyFile.generate(40, 90, 1, Clock.systemUTC());
            assertThat(storedCustomers(server.app(), login.companyId()).keySet())
                    .isEqualTo(expectedCustomers(same).keySet());
            assertThat(storedInvoices(server.app(), login.companyId())).hasSize(90);
        }
    }

    @Test
    void refusesTheCompanyOfARealCompanyFileUnlessForced() throws Exception {
        try (RunningServer server = new RunningServer(TestDb.freshConfig())) {
            // given: a login whose company synced a real company file
            QbwcLogin login = server.app().companies.addLogin("acme", "Acme", PASSWORD);
            FakeQuickBooks real = new FakeQuickBooks("Acme & Co");
            real.setOwnerId(QbwcService.OWNER_ID);
            real.setFileId(login.fileId());
            real.generateCustomers(5, 3);
            CycleResult synced = new FakeWebConnector(server.endpoint()).runCycle(real, "acme", PASSWORD);
            assertThat(synced.outcome()).isEqualTo(CycleResult.Outcome.COMPLETED);

            // when
            ByteArrayOutputStream refused = new ByteArrayOutputStream();
            int refusedCode = simulator(server, "acme", 30, 40, 1, false, refused).run();

            // then
            assertThat(refusedCode).isEqualTo(Simulator.REFUSED);
            assertThat(refused.toString(StandardCharsets.UTF_8))
                    .contains("syncs the QuickBooks company file 'Acme & Co'", "--force");
            assertThat(storedCustomers(server.app(), login.companyId())).hasSize(5);

            // when: forced
            ByteArrayOutputStream forced = new ByteArrayOutputStream();
            int forcedCode = simulator(server, "acme", 30, 40, 1, true, forced).run();

            // then
            assertThat(forcedCode).as(forced.toString(StandardCharsets.UTF_8)).isEqualTo(Simulator.OK);
            assertThat(storedCustomers(server.app(), login.companyId())).hasSize(35);
            Company company = server.app().companies.company(login.companyId()).orElseThrow();
            assertThat(company.boundFileId()).as("still bound to the real file").isEqualTo(login.fileId());
        }
    }

    @Test
    void theCommandLineSimulatesAgainstTheServerOfTheConfiguredPortAndSaysWhatWentWrong(@org.junit.jupiter.api.io.TempDir
                                                                                        Path dir) throws Exception {
        try (RunningServer server = new RunningServer(TestDb.freshConfig())) {
            // given: a configuration naming the server's port, and no --url
            server.app().companies.addLogin("demo", "Demo", PASSWORD);
            Path config = dir.resolve("ledgerbridge.properties");
            Files.writeString(config, "http.port=" + server.port() + "\n", StandardCharsets.UTF_8);

            // when
            CommandLineRun.Result ok = CommandLineRun.run(PASSWORD + "\n", "simulate", "--config", config.toString(), "--username", "demo",
                    "--password-stdin", "--customers", "25", "--invoices", "50", "--runs", "2", "--seed", "5");
            CommandLineRun.Result wrongPassword = CommandLineRun.run("not the password\n", "simulate", "--url", server.baseUrl(), "--username",
                    "demo", "--password-stdin", "--customers", "5", "--invoices", "5", "--runs", "1");
            CommandLineRun.Result nobodyThere = CommandLineRun.run(PASSWORD + "\n", "simulate", "--url", "http://localhost:1", "--username", "demo",
                    "--password-stdin", "--customers", "5", "--invoices", "5", "--runs", "1");

            // then
            assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
            assertThat(ok.out()).contains("Simulated company file '" + CompanyFile.NAME + "': 25 customers, 50 invoices",
                    "Run 1 of 2: http://localhost:" + server.port() + "/qbwc as 'demo'", "run 2: completed",
                    "Done: 2 runs");
            assertThat(wrongPassword.exitCode()).isEqualTo(1);
            assertThat(wrongPassword.out()).contains("the server refused the login 'demo'");
            assertThat(nobodyThere.exitCode()).isEqualTo(3);
            assertThat(nobodyThere.out()).contains("Is the server running at http://localhost:1/qbwc?");
        }
    }

    // ---- helpers

    private static Simulator simulator(RunningServer server, String username, int customers, int invoices, int runs,
                                       boolean force, ByteArrayOutputStream out) {
        return new Simulator(new Simulator.Options(server.endpoint(), username, PASSWORD, customers, invoices, runs, 1,
                force), new PrintStream(out, true, StandardCharsets.UTF_8), Clock.systemUTC(), d -> { });
    }

    /** Per customer QuickBooks has: the fields the office work changes, and the balances. */
    private static TreeMap<String, String> expectedCustomers(SimulatedQuickBooks qb) {
        TreeMap<String, String> m = new TreeMap<>();
        for (QbCustomer c : qb.customers()) {
            m.put(c.listId(), line(c.editSequence(), c.fullName(), c.active(), c.phone(), c.altPhone(), c.notes(),
                    c.balance(), c.totalBalance()));
        }
        return m;
    }

    private static TreeMap<String, String> storedCustomers(App app, long companyId) throws SQLException {
        TreeMap<String, String> m = new TreeMap<>();
        query(app, "SELECT list_id, edit_sequence, full_name, is_active, phone, alt_phone, notes, balance, total_balance"
                + " FROM customer WHERE company_id = ? AND is_deleted = FALSE", companyId, rs -> m.put(rs.getString(1),
                line(rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getBigDecimal(8), rs.getBigDecimal(9))));
        return m;
    }

    /** Per invoice QuickBooks has: customer, memo, what is left to pay, and how many line rows. */
    private static TreeMap<String, String> expectedInvoices(SimulatedQuickBooks qb) {
        TreeMap<String, String> m = new TreeMap<>();
        for (QbInvoice i : qb.invoices()) {
            int rows = 0;
            for (QbLine l : i.lines()) {
                rows += l instanceof QbInvoiceLineGroup g ? 1 + g.lines().size() : 1;
            }
            m.put(i.txnId(), line(i.editSequence(), i.customerListId(), i.memo(), i.balanceRemaining(), i.paid(), rows));
        }
        return m;
    }

    private static TreeMap<String, String> storedInvoices(App app, long companyId) throws SQLException {
        TreeMap<String, String> m = new TreeMap<>();
        query(app, "SELECT i.txn_id, i.edit_sequence, i.customer_list_id, i.memo, i.balance_remaining, i.is_paid,"
                + " (SELECT COUNT(*) FROM invoice_line l WHERE l.company_id = i.company_id AND l.txn_id = i.txn_id)"
                + " FROM invoice i WHERE i.company_id = ? AND i.is_deleted = FALSE", companyId, rs -> m.put(
                rs.getString(1), line(rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5),
                        rs.getBoolean(6), rs.getInt(7))));
        return m;
    }

    private static TreeSet<String> storedDeleted(App app, String table, String idColumn, long companyId)
            throws SQLException {
        TreeSet<String> ids = new TreeSet<>();
        query(app, "SELECT " + idColumn + " FROM " + table + " WHERE company_id = ? AND is_deleted = TRUE", companyId,
                rs -> ids.add(rs.getString(1)));
        return ids;
    }

    private static String line(Object... values) {
        List<String> parts = new ArrayList<>();
        for (Object v : values) {
            parts.add(v instanceof BigDecimal d ? d.setScale(2).toPlainString() : Objects.toString(v));
        }
        return String.join("|", parts);
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(App app, String sql, long companyId, Row row) throws SQLException {
        try (Connection c = app.db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, companyId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }
}
