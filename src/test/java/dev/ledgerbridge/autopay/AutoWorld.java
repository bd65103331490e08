package dev.ledgerbridge.autopay;

import dev.ledgerbridge.App;
import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestCompanies;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.payment.CardDetails;
import dev.ledgerbridge.payment.PaymentProfile;
import dev.ledgerbridge.testkit.CustomerSpec;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import dev.ledgerbridge.testkit.FakeWebConnector;
import dev.ledgerbridge.testkit.InvoiceSpec;
import dev.ledgerbridge.testkit.LineSpec;
import dev.ledgerbridge.testkit.QbCustomer;
import dev.ledgerbridge.testkit.QbInvoice;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A running server on a simulated calendar (a MutableClock, UTC), its scheduler off so tests drive runOnce, with
 * QuickBooks companies synced through a real Web Connector run and cards saved at the sandbox gateway.
 */
final class AutoWorld implements AutoCloseable {
    static final String PASSWORD = "correct horse battery";
    static final Instant START = Instant.parse("2026-05-01T00:00:00Z");
    static final Duration LEASE = Duration.ofMinutes(10);

    final CalendarClock clock = new CalendarClock(START);
    final Config config;
    final RunningServer server;
    final App app;
    private int logins;

    AutoWorld() {
        this(0);
    }

    /** With the server's own scheduler ticking every {@code tickSeconds} (0: off). */
    AutoWorld(int tickSeconds) {
        config = TestDb.freshConfig(Map.of(Setting.AUTO_PROCESSING_TIMEZONE, "UTC",
                Setting.AUTO_PROCESSING_TICK_SECONDS, Integer.toString(tickSeconds),
                Setting.AUTO_PROCESSING_LEASE_SECONDS, Long.toString(LEASE.toSeconds())));
        server = new RunningServer(config, clock);
        app = server.app();
    }

    /** One company file with its own Web Connector login. */
    final class Company {
        final String user;
        final long id;
        final FakeQuickBooks qb;

        Company(String name) {
            user = "wc" + (++logins);
            QbwcLogin login = app.companies.addLogin(user, name, PASSWORD);
            id = login.companyId();
            qb = TestCompanies.quickBooks(login, name);
            qb.setNow(clock.instant());
        }

        QbCustomer customer(String name) {
            return qb.addCustomer(CustomerSpec.named(name).email(name.toLowerCase().replace(' ', '.') + "@example.com"));
        }

        QbInvoice invoice(QbCustomer c, String ref, LocalDate due, String amount) {
            return qb.addInvoice(InvoiceSpec.forCustomer(c.listId()).refNumber(ref).txnDate(due.minusDays(30))
                    .dueDate(due).line(LineSpec.amount("Work", ref, amount)));
        }

        /** A Web Connector run now. */
        void sync() {
            qb.setNow(clock.instant());
            new FakeWebConnector(server.endpoint()).runCycle(qb, user, PASSWORD);
        }

        /** A Web Connector run now, with faults on the way. */
        dev.ledgerbridge.testkit.CycleResult sync(dev.ledgerbridge.testkit.Faults faults) {
            qb.setNow(clock.instant());
            return new FakeWebConnector(server.endpoint()).runCycle(qb, user, PASSWORD, faults);
        }

        PaymentProfile card(QbCustomer c, String number) {
            return app.paymentProfiles.add(id, c.listId(), new CardDetails(number, 12, 2030, c.name(), "12345"), "test");
        }

        void autoOff(QbCustomer c) {
            app.auto.setCustomer(id, c.listId(), false, "test");
        }

        void autoOn(QbCustomer c) {
            if (!app.auto.setCustomer(id, c.listId(), true, "test")) {
                throw new IllegalStateException("no customer " + c.listId());
            }
        }

        List<String> payments(QbInvoice i) {
            return AutoWorld.this.payments(id, i.txnId());
        }

        /** The scheduler's attempts for the invoice: "key state result". */
        List<String> attempts(QbInvoice i) {
            return rows("SELECT charge_key, state, result FROM auto_charge WHERE company_id = ? AND invoice_txn_id = ?"
                    + " ORDER BY id", id, i.txnId());
        }

        void rules(boolean on, int delayDays, int hour, int retries, int retryDays) {
            rules(on, delayDays, hour, retries, retryDays, false);
        }

        void rules(boolean on, int delayDays, int hour, int retries, int retryDays, boolean chargePastDue) {
            app.auto.saveSettings(id, on, delayDays, hour, retries, retryDays, chargePastDue, "test");
        }
    }

    Company company(String name) {
        return new Company(name);
    }

    /** Another scheduler on the same database, as a second server or a restarted one would have. */
    AutoProcessing newScheduler() {
        return new AutoProcessing(app.db, clock, ZoneOffset.UTC, LEASE, PaymentsPort.of(app.payments,
                app.paymentProfiles));
    }

    /** Runs the scheduler now and every {@code step} after until {@code until}, leaving the clock at its last run. */
    void runUntil(Instant until, Duration step) {
        while (true) {
            app.auto.runOnce(clock.instant());
            if (!clock.instant().plus(step).isAfter(until)) {
                clock.advance(step);
            } else {
                return;
            }
        }
    }

    /** One row per payment attempt the payments core recorded for the invoice: "source result amount at". */
    List<String> payments(long companyId, String invoiceTxnId) {
        return rows("SELECT p.source, p.result, pi.amount, p.created_at FROM payment_txn p"
                + " JOIN payment_txn_invoice pi ON pi.payment_id = p.id WHERE pi.company_id = ? AND pi.invoice_txn_id = ?"
                + " ORDER BY p.id", companyId, invoiceTxnId);
    }

    /** Charges the sandbox gateway made. */
    long gatewayCharges() {
        return Long.parseLong(rows("SELECT COUNT(*) FROM sandbox_charge WHERE kind = 'charge'").get(0));
    }

    List<String> rows(String sql, Object... args) {
        try (Connection c = app.db.dataSource().getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder b = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        b.append(i > 1 ? " " : "").append(rs.getString(i));
                    }
                    out.add(b.toString());
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
