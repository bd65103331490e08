package dev.ledgerbridge.web.admin;

import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.auth.StaffService;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.qbwc.QbwcService;
import dev.ledgerbridge.testkit.CustomerSpec;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import dev.ledgerbridge.testkit.FakeWebConnector;
import dev.ledgerbridge.testkit.GroupSpec;
import dev.ledgerbridge.testkit.InvoiceSpec;
import dev.ledgerbridge.testkit.LineSpec;
import dev.ledgerbridge.testkit.QbCustomer;
import dev.ledgerbridge.testkit.QbInvoice;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A running server with one company synced the way a real Web Connector run does it: 120 generated customers,
 * a customer whose name is markup, a parent with a job, an inactive customer, invoices with lines and a payment.
 */
final class AdminFixture implements AutoCloseable {
    static final String ADMIN = "boss";
    static final String ADMIN_PASSWORD = "boss password 1";
    static final String STAFF = "clerk";
    static final String STAFF_PASSWORD = "clerk password 1";
    static final String WC_USER = "acme";
    static final String WC_PASSWORD = "correct horse battery";
    static final String XSS_NAME = "<script>alert(1)</script> & \"Smith's\"";

    final RunningServer server;
    final FakeQuickBooks qb;
    final long companyId;
    final QbCustomer smith;
    final QbCustomer parent;
    final QbCustomer job;
    final QbCustomer inactive;
    final QbInvoice invoice;

    AdminFixture() {
        this(java.util.Map.of());
    }

    /** The same company on a server with these settings besides the test defaults (e.g. mail). */
    AdminFixture(java.util.Map<dev.ledgerbridge.config.Setting, String> settings) {
        server = new RunningServer(TestDb.freshConfig(settings));
        server.app().staff.add(ADMIN, ADMIN_PASSWORD, StaffService.ROLE_ADMIN);
        server.app().staff.add(STAFF, STAFF_PASSWORD, StaffService.ROLE_STAFF);
        QbwcLogin login = server.app().companies.addLogin(WC_USER, "Acme", WC_PASSWORD);
        companyId = login.companyId();
        qb = new FakeQuickBooks("Acme Corp");
        qb.setOwnerId(QbwcService.OWNER_ID);
        qb.setFileId(login.fileId());
        qb.setNow(Instant.parse("2026-05-04T12:00:00Z"));
        qb.generateCustomers(120, 7);
        smith = qb.addCustomer(CustomerSpec.named(XSS_NAME).email("smith@example.com").phone("555-0100")
                .companyName("Smith & Sons"));
        parent = qb.addCustomer(CustomerSpec.named("Aardvark Holdings").email("ap@aardvark.example"));
        job = qb.addCustomer(CustomerSpec.named("Roof repair").parent(parent.listId()));
        inactive = qb.addCustomer(CustomerSpec.named("Zed Dormant").active(false));
        invoice = qb.addInvoice(InvoiceSpec.forCustomer(smith.listId()).refNumber("INV-7001")
                .txnDate(LocalDate.of(2026, 3, 2)).dueDate(LocalDate.of(2026, 4, 1))
                .line(LineSpec.item("Consulting", "Two days", "2", "150.25"))
                .line(GroupSpec.of("Kit", "Starter kit", LineSpec.item("Part A", "A", "1", "10.10"),
                        LineSpec.item("Part B", "B", "3", "1.05"))));
        qb.applyPayment(invoice.txnId(), "100.00");
        qb.addInvoice(InvoiceSpec.forCustomer(smith.listId()).refNumber("INV-7002")
                .line(LineSpec.item("Support", "May", "1", "80.00")));
        sync();
    }

    /** One Web Connector run, as the bookkeeper's PC would make it. */
    void sync() {
        new FakeWebConnector(server.endpoint()).runCycle(qb, WC_USER, WC_PASSWORD);
    }

    String baseUrl() {
        return server.baseUrl();
    }

    String customersPath() {
        return "/admin/companies/" + companyId + "/customers";
    }

    String customerPath(QbCustomer c) {
        return customersPath() + "/" + c.listId();
    }

    @Override
    public void close() {
        server.close();
    }
}
