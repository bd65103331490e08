package dev.ledgerbridge;

import dev.ledgerbridge.action.ActionMapper;
import dev.ledgerbridge.action.ActionQueue;
import dev.ledgerbridge.action.AuditLog;
import dev.ledgerbridge.action.AuditMapper;
import dev.ledgerbridge.auth.AccessMapper;
import dev.ledgerbridge.auth.ApiTokens;
import dev.ledgerbridge.auth.LoginPolicy;
import dev.ledgerbridge.auth.PasswordHasher;
import dev.ledgerbridge.auth.StaffMapper;
import dev.ledgerbridge.auth.StaffService;
import dev.ledgerbridge.auth.StaffSessions;
import dev.ledgerbridge.company.CompanyMapper;
import dev.ledgerbridge.company.CompanyService;
import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.customer.CustomerMapper;
import dev.ledgerbridge.customer.CustomerSettingMapper;
import dev.ledgerbridge.customer.CustomerStore;
import dev.ledgerbridge.db.Database;
import dev.ledgerbridge.invoice.InvoiceMapper;
import dev.ledgerbridge.invoice.InvoiceStore;
import dev.ledgerbridge.metrics.Metrics;
import dev.ledgerbridge.payment.PaymentLedger;
import dev.ledgerbridge.qbwc.QbwcService;
import dev.ledgerbridge.qbwc.QbwcSessionMapper;
import dev.ledgerbridge.qbxml.QbxmlRenderer;
import dev.ledgerbridge.sync.SyncMapper;
import dev.ledgerbridge.sync.SyncService;
import dev.ledgerbridge.web.ApiContext;
import dev.ledgerbridge.web.admin.AdminContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The services of one Ledgerbridge process, wired together over one database. */
public final class App implements AutoCloseable {
    static final List<Class<?>> MAPPERS = List.of(CompanyMapper.class, StaffMapper.class, CustomerMapper.class, InvoiceMapper.class,
            SyncMapper.class, QbwcSessionMapper.class,
            // admin pages, API tokens, action queue
            AccessMapper.class, CustomerSettingMapper.class, ActionMapper.class,
            // action queue: audit log
            AuditMapper.class);

    public final Config config;
    public final Clock clock;
    public final Database db;
    public final PasswordHasher hasher;
    public final CompanyService companies;
    public final StaffService staff;
    public final CustomerStore customers;
    public final InvoiceStore invoices;
    public final SyncService sync;
    public final QbwcService qbwc;
    public final Metrics metrics;
    // admin pages, API tokens, action queue
    public final StaffSessions sessions;
    public final ApiTokens tokens;
    public final ActionQueue actions;
    public final PaymentLedger payments;
    // action queue: audit log
    public final AuditLog audit;

    private App(Config config, Clock clock, Database db) {
        this.config = config;
        this.clock = clock;
        this.db = db;
        this.metrics = Metrics.prometheus();
        db.bindMetrics(metrics.registry());
        this.hasher = new PasswordHasher(config.getInt(Setting.PASSWORD_HASH_COST));
        this.companies = new CompanyService(db, hasher, clock);
        this.staff = new StaffService(db, hasher, LoginPolicy.of(config), clock);
        this.customers = new CustomerStore(clock);
        this.invoices = new InvoiceStore(clock);
        this.actions = new ActionQueue(db, clock, config.getInt(Setting.ACTIONS_MAX_ATTEMPTS));
        this.audit = new AuditLog(db, clock);
        this.sync = new SyncService(db, new QbxmlRenderer(), customers, invoices, config, clock, metrics, actions);
        this.qbwc = new QbwcService(db, sync, hasher, config, clock, version());
        this.sessions = new StaffSessions(db, Duration.ofMinutes(config.getInt(Setting.ADMIN_SESSION_IDLE_MINUTES)), clock);
        this.tokens = new ApiTokens(db, clock);
        this.payments = PaymentLedger.NONE;
    }

    /** Opens the database of the configuration (starting the embedded one if so configured) and wires the services. */
    public static App open(Config config, Clock clock) {
        return new App(config, clock, Database.open(config, MAPPERS));
    }

    public ApiContext apiContext() {
        return new ApiContext(db, companies, customers, invoices, sync, staff, clock, tokens, actions, payments, audit);
    }

    public AdminContext adminContext() {
        return new AdminContext(config, apiContext(), sessions);
    }

    public static String version() {
        String v = App.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }

    @Override
    public void close() {
        db.close();
        metrics.close();
    }
}
