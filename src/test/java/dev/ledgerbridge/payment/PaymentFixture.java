package dev.ledgerbridge.payment;

import dev.ledgerbridge.App;
import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.auth.StaffService;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.qbwc.QbwcService;
import dev.ledgerbridge.testkit.CustomerSpec;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import dev.ledgerbridge.testkit.FakeWebConnector;
import dev.ledgerbridge.testkit.InvoiceSpec;
import dev.ledgerbridge.testkit.LineSpec;
import dev.ledgerbridge.testkit.QbCustomer;
import dev.ledgerbridge.testkit.QbInvoice;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A running server with one company synced by a real Web Connector run: customer Smith with an invoice of 313.75
 * (100.00 paid in QuickBooks, 213.75 open), one of 80.00 and one already paid; customer Jones with one of 50.00.
 */
public final class PaymentFixture implements AutoCloseable {
    public static final String ADMIN = "boss";
    public static final String ADMIN_PASSWORD = "boss password 1";
    public static final String STAFF = "clerk";
    public static final String STAFF_PASSWORD = "clerk password 1";
    public static final String WC_USER = "acme";
    public static final String WC_PASSWORD = "correct horse battery";

    public final RunningServer server;
    public final FakeQuickBooks qb;
    public final long companyId;
    public final QbCustomer smith;
    public final QbCustomer jones;
    /** Smith's, 313.75 with 100.00 paid: 213.75 open. */
    public final QbInvoice partlyPaid;
    /** Smith's, 80.00 open. */
    public final QbInvoice open;
    /** Smith's, fully paid in QuickBooks. */
    public final QbInvoice paid;
    /** Jones's, 50.00 open. */
    public final QbInvoice jonesInvoice;

    public PaymentFixture() {
        this(java.time.Clock.systemUTC());
    }

    /** With the server on the given clock (e.g. a MutableClock starting now). */
    public PaymentFixture(java.time.Clock clock) {
        this(clock, java.util.Map.of());
    }

    /** With the server on the given clock and settings. */
    public PaymentFixture(java.time.Clock clock, java.util.Map<dev.ledgerbridge.config.Setting, String> settings) {
        server = new RunningServer(TestDb.freshConfig(settings), clock);
        server.app().staff.add(ADMIN, ADMIN_PASSWORD, StaffService.ROLE_ADMIN);
        server.app().staff.add(STAFF, STAFF_PASSWORD, StaffService.ROLE_STAFF);
        QbwcLogin login = server.app().companies.addLogin(WC_USER, "Acme", WC_PASSWORD);
        companyId = login.companyId();
        qb = new FakeQuickBooks("Acme Corp");
        qb.setOwnerId(QbwcService.OWNER_ID);
        qb.setFileId(login.fileId());
        qb.setNow(Instant.now().minusSeconds(3600));
        smith = qb.addCustomer(CustomerSpec.named("Smith & Sons").email("smith@example.com"));
        jones = qb.addCustomer(CustomerSpec.named("Jones Ltd").email("jones@example.com"));
        partlyPaid = qb.addInvoice(InvoiceSpec.forCustomer(smith.listId()).refNumber("INV-1")
                .txnDate(LocalDate.of(2026, 3, 2)).dueDate(LocalDate.of(2026, 4, 1))
                .line(LineSpec.item("Consulting", "Two days", "2", "150.25"))
                .line(LineSpec.item("Parts", "Kit", "1", "13.25")));
        qb.applyPayment(partlyPaid.txnId(), "100.00");
        open = qb.addInvoice(InvoiceSpec.forCustomer(smith.listId()).refNumber("INV-2")
                .txnDate(LocalDate.of(2026, 4, 2)).dueDate(LocalDate.of(2026, 5, 1))
                .line(LineSpec.item("Support", "May", "1", "80.00")));
        paid = qb.addInvoice(InvoiceSpec.forCustomer(smith.listId()).refNumber("INV-3")
                .line(LineSpec.item("Support", "April", "1", "40.00")));
        qb.applyPayment(paid.txnId(), "40.00");
        jonesInvoice = qb.addInvoice(InvoiceSpec.forCustomer(jones.listId()).refNumber("INV-9")
                .line(LineSpec.item("Support", "May", "1", "50.00")));
        sync();
    }

    public App app() {
        return server.app();
    }

    /** One Web Connector run, as the bookkeeper's PC would make it. */
    public void sync() {
        new FakeWebConnector(server.endpoint()).runCycle(qb, WC_USER, WC_PASSWORD);
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public String customerPath(QbCustomer c) {
        return "/admin/companies/" + companyId + "/customers/" + c.listId();
    }

    /** A profile with a sandbox test card for the customer. */
    public PaymentProfile card(QbCustomer c, String number) {
        return app().paymentProfiles.add(companyId, c.listId(), new CardDetails(number, 12, 2030, "Pat Smith", null),
                "clerk");
    }

    /** Rows of a query on the server's database, each as a list of strings. */
    public List<List<String>> rows(String sql) {
        try (Connection c = app().db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            List<List<String>> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public long count(String sql) {
        return Long.parseLong(rows(sql).get(0).get(0));
    }

    public void execute(String sql) {
        try (Connection c = app().db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Every value of every text column of every table of the server's database, one string per value. */
    public List<String> everyText() {
        List<String> out = new ArrayList<>();
        for (List<String> col : rows("SELECT table_name, column_name FROM information_schema.columns"
                + " WHERE table_schema = DATABASE() AND data_type IN ('char','varchar','text','mediumtext','longtext',"
                + "'tinytext','json','blob','mediumblob','longblob','varbinary','binary')")) {
            for (List<String> v : rows("SELECT `" + col.get(1) + "` FROM `" + col.get(0) + "` WHERE `" + col.get(1)
                    + "` IS NOT NULL")) {
                out.add(col.get(0) + "." + col.get(1) + "=" + v.get(0));
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.close();
    }
}
