package dev.ledgerbridge;

import dev.ledgerbridge.action.ActionMapper;
import dev.ledgerbridge.action.ActionQueue;
import dev.ledgerbridge.action.ActionResult;
import dev.ledgerbridge.action.AuditLog;
import dev.ledgerbridge.action.CustomerAction;
import dev.ledgerbridge.action.QuickBooksWork;
import dev.ledgerbridge.payment.CardRequestOutcome;
import dev.ledgerbridge.payment.Credits;
import dev.ledgerbridge.action.AuditMapper;
import dev.ledgerbridge.auth.AccessMapper;
import dev.ledgerbridge.autopay.AutoMapper;
import dev.ledgerbridge.autopay.AutoProcessing;
import dev.ledgerbridge.autopay.AutoScheduler;
import dev.ledgerbridge.autopay.InstallmentPlans;
import dev.ledgerbridge.autopay.PaymentsPort;
import dev.ledgerbridge.autopay.PlanMapper;
import dev.ledgerbridge.auth.ApiTokens;
import dev.ledgerbridge.auth.LoginPolicy;
import dev.ledgerbridge.auth.PasswordHasher;
import dev.ledgerbridge.auth.StaffMapper;
import dev.ledgerbridge.auth.StaffService;
import dev.ledgerbridge.auth.StaffSessions;
import dev.ledgerbridge.auth.ThrottleMapper;
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
import dev.ledgerbridge.mail.MailMapper;
import dev.ledgerbridge.mail.Mailer;
import dev.ledgerbridge.metrics.Metrics;
import dev.ledgerbridge.payment.CardRequestMapper;
import dev.ledgerbridge.payment.CardRequests;
import dev.ledgerbridge.payment.PaymentGateways;
import dev.ledgerbridge.payment.authorizenet.AuthorizeNetProvider;
import dev.ledgerbridge.payment.PaymentMapper;
import dev.ledgerbridge.payment.PaymentProfiles;
import dev.ledgerbridge.payment.PaymentSettingsService;
import dev.ledgerbridge.payment.Receipts;
import dev.ledgerbridge.payment.Payments;
import dev.ledgerbridge.payment.StaleAttemptSweeper;
import dev.ledgerbridge.payment.sandbox.SandboxGateway;
import dev.ledgerbridge.payment.sandbox.SandboxMapper;
import dev.ledgerbridge.payment.sandbox.SandboxProvider;
import dev.ledgerbridge.payment.stripe.StripeProvider;
import dev.ledgerbridge.payment.GatewayMapper;
import dev.ledgerbridge.payment.PaymentEvents;
import dev.ledgerbridge.auth.SecretBox;
import dev.ledgerbridge.auth.SecretProbeMapper;
import dev.ledgerbridge.qbwc.QbwcService;
import dev.ledgerbridge.qbwc.QbwcSessionMapper;
import dev.ledgerbridge.qbxml.QbxmlRenderer;
import dev.ledgerbridge.sync.SyncMapper;
import dev.ledgerbridge.receivable.ReceivableMapper;
import dev.ledgerbridge.receivable.ReceivableStore;
import dev.ledgerbridge.sync.RefreshMapper;
import dev.ledgerbridge.sync.SyncService;
import dev.ledgerbridge.sync.VerifyMapper;
import dev.ledgerbridge.web.ApiContext;
import dev.ledgerbridge.web.admin.AdminContext;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/** The services of one Ledgerbridge process, wired together over one database. */
public final class App implements AutoCloseable {
    static final List<Class<?>> MAPPERS = List.of(CompanyMapper.class, StaffMapper.class, CustomerMapper.class, InvoiceMapper.class,
            ReceivableMapper.class,
            SyncMapper.class, RefreshMapper.class, VerifyMapper.class, QbwcSessionMapper.class,
            // admin pages, API tokens, action queue
            AccessMapper.class, CustomerSettingMapper.class, ActionMapper.class, ThrottleMapper.class,
            // payments core
            PaymentMapper.class, SandboxMapper.class, GatewayMapper.class, SecretProbeMapper.class,
            // email, card-information requests
            MailMapper.class, CardRequestMapper.class,
            // installment plans and auto processing
            AutoMapper.class, PlanMapper.class,
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
    public final ReceivableStore receivables;
    public final SyncService sync;
    public final QbwcService qbwc;
    public final Metrics metrics;
    // admin pages, API tokens, action queue
    public final StaffSessions sessions;
    public final ApiTokens tokens;
    public final ActionQueue actions;
    public final QuickBooksWork actionWork;
    // payments core
    public final SecretBox secrets;
    public final PaymentGateways gateways;
    /** The built-in sandbox gateway (tests tell it to time out). */
    public final SandboxGateway sandbox;
    public final PaymentEvents paymentEvents;
    public final PaymentSettingsService paymentSettings;
    public final PaymentProfiles paymentProfiles;
    public final Payments payments;
    // email, card-information requests
    public final Mailer mailer;
    public final CardRequests cardRequests;
    public final Receipts receipts;
    // action queue: audit log
    public final AuditLog audit;
    // installment plans and auto processing
    public final AutoProcessing auto;
    public final InstallmentPlans plans;
    public final AutoScheduler autoScheduler;
    public final StaleAttemptSweeper staleAttempts;

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
        this.receivables = new ReceivableStore(clock);
        this.actions = new ActionQueue(db, clock);
        this.actionWork = new QuickBooksWork(clock, config.getInt(Setting.ACTIONS_MAX_ATTEMPTS),
                java.time.Duration.ofSeconds(config.getInt(Setting.ACTIONS_CHECK_DELAY_SECONDS)));
        this.audit = new AuditLog(db, clock);
        this.sync = new SyncService(db, new QbxmlRenderer(), customers, invoices, receivables, config, clock, metrics,
                actions, actionWork);
        this.qbwc = new QbwcService(db, sync, hasher, config, clock, version());
        this.sessions = new StaffSessions(db, Duration.ofMinutes(config.getInt(Setting.ADMIN_SESSION_IDLE_MINUTES)), clock);
        this.tokens = new ApiTokens(db, clock);
        this.secrets = SecretBox.of(config);
        secrets.verify(db, clock);
        SandboxProvider sandboxProvider = new SandboxProvider(db, clock);
        this.sandbox = sandboxProvider.gateway();
        // the first gateway is the one a company never configured uses
        this.gateways = new PaymentGateways(db, secrets, clock, List.of(sandboxProvider, new StripeProvider(config),
                new AuthorizeNetProvider(config)));
        this.paymentSettings = new PaymentSettingsService(db, gateways, clock);
        this.paymentProfiles = new PaymentProfiles(db, gateways, paymentSettings, clock);
        String zone = config.get(Setting.AUTO_PROCESSING_TIMEZONE);
        ZoneId businessZone = zone.isEmpty() ? ZoneId.systemDefault() : ZoneId.of(zone);
        this.payments = new Payments(db, actions, gateways, paymentSettings, clock, businessZone);
        this.staleAttempts = new StaleAttemptSweeper(payments);
        this.mailer = new Mailer(config, db, clock);
        this.cardRequests = new CardRequests(config, db, mailer, paymentProfiles, paymentSettings, companies,
                customers, clock);
        this.receipts = new Receipts(db, mailer, payments, companies, customers);
        payments.afterApproval(receipts::afterApproval);
        this.paymentEvents = new PaymentEvents(db, gateways, payments, clock);
        // action queue: the card-information request bulk action
        actions.register(ActionQueue.SEND_CARD_REQUEST, (companyId, listId, by) -> {
            CardRequestOutcome o = cardRequests.send(companyId, listId, null, by);
            return new CustomerAction.Outcome(o.sent() ? ActionResult.DONE : CardRequestOutcome.SKIPPED.equals(o.status())
                    ? ActionResult.SKIPPED : ActionResult.FAILED, o.message());
        });
        PaymentsPort port = PaymentsPort.of(payments, paymentProfiles,
                new Credits(db, actions, receivables, paymentSettings, clock, businessZone));
        this.auto = new AutoProcessing(db, clock, businessZone,
                Duration.ofSeconds(config.getInt(Setting.AUTO_PROCESSING_LEASE_SECONDS)), port);
        this.plans = new InstallmentPlans(db, clock, businessZone, port);
        this.autoScheduler = new AutoScheduler(auto, clock,
                Duration.ofSeconds(config.getInt(Setting.AUTO_PROCESSING_TICK_SECONDS)));
    }

    /** Opens the database of the configuration (starting the embedded one if so configured) and wires the services. */
    public static App open(Config config, Clock clock) {
        Database db = Database.open(config, MAPPERS);
        try {
            return new App(config, clock, db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public ApiContext apiContext() {
        return new ApiContext(db, companies, customers, invoices, receivables, sync, staff, clock, tokens, actions,
                payments, paymentProfiles, paymentSettings, gateways, paymentEvents, mailer, cardRequests, audit);
    }

    public AdminContext adminContext() {
        return new AdminContext(config, apiContext(), sessions, auto, plans);
    }

    public static String version() {
        String v = App.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }

    @Override
    public void close() {
        autoScheduler.stop();
        staleAttempts.stop();
        db.close();
        metrics.close();
    }
}
