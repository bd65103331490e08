package dev.ledgerbridge.autopay;

import dev.ledgerbridge.customer.CustomerSettingMapper;
import dev.ledgerbridge.db.Database;
import dev.ledgerbridge.db.Leases;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Auto processing: which open invoices are charged when, and the run that charges them and the installments of
 * active plans. An open invoice is chargeable when the company's switch and the customer's switch are on, the customer
 * has a payment profile enabled for auto processing (the default one preferred), its due date plus the company's
 * delay days has been reached at the company's hour, no live installment plan replaces its due date, QuickBooks does
 * not show it paid, and something is left to charge after payments taken here that have not reached QuickBooks yet.
 *
 * <p>Each attempt is claimed first by inserting its row in auto_charge under a deterministic key
 * ({@code auto:{invoiceTxnId}:{dueDate}:{attempt}}, {@code plan:{planId}:{seq}:{attempt}}), and the same key is the
 * charge's idempotency key at the payments core: two runs at the same moment (threads or servers sharing the
 * database) make the attempt once, and a claim left unfinished by a stopped server is finished by a later run under
 * the same key, which the payments core answers without charging again. A declined charge gets a new attempt only
 * as the company's retry rule says.
 */
public final class AutoProcessing {
    private static final Logger log = LoggerFactory.getLogger(AutoProcessing.class);
    public static final String AUTO = "auto";
    public static final String INSTALLMENT = "installment";
    public static final String APPROVED = "Approved";
    public static final String DECLINED = "Declined";
    public static final String SKIPPED = "Skipped";
    public static final String ERROR = "Error";
    /** Invoices and installments one run looks at, per company and in all. */
    static final int MAX_PER_RUN = 5000;

    private final Database db;
    private final Clock clock;
    private final ZoneId zone;
    private final Duration lease;
    private final PaymentsPort payments;
    private final String instance;
    private volatile Interruption interruption = (stage, key) -> { };

    public AutoProcessing(Database db, Clock clock, ZoneId zone, Duration lease, PaymentsPort payments) {
        this.db = db;
        this.clock = clock;
        this.zone = zone;
        this.lease = lease;
        this.payments = payments;
        this.instance = Leases.newInstanceId();
    }

    public ZoneId zone() {
        return zone;
    }

    // ---- settings ----------------------------------------------------------------------------------------------

    public AutoSettings settings(long companyId) {
        try (SqlSession s = db.session()) {
            return settings(s, companyId);
        }
    }

    private static AutoSettings settings(SqlSession s, long companyId) {
        AutoSettings st = s.getMapper(AutoMapper.class).settings(companyId);
        return st != null ? st : AutoSettings.defaults(companyId);
    }

    /** Saves the company's rules; IllegalArgumentException with a message for people when one is out of range. */
    public AutoSettings saveSettings(long companyId, boolean enabled, int delayDays, int runHour, int maxRetries,
                                     int retryDays, boolean chargePastDue, String by) {
        AutoSettings st = new AutoSettings(companyId, enabled, delayDays, runHour, maxRetries, retryDays,
                chargePastDue, null, clock.instant(), by).validate();
        try (SqlSession s = db.session()) {
            s.getMapper(AutoMapper.class).saveSettings(st);
            st = settings(s, companyId);
            s.commit();
        }
        log.info("auto processing of company {} set by {}: {}, delay {} days, hour {}, {} retries {} days apart",
                companyId, by, enabled ? "on" : "off", delayDays, runHour, maxRetries, retryDays);
        return st;
    }

    /** Turns a customer's auto processing switch on or off; false when there is no such customer. */
    public boolean setCustomer(long companyId, String listId, boolean on, String by) {
        try (SqlSession s = db.session()) {
            boolean found = s.getMapper(CustomerSettingMapper.class).setAutoProcessing(companyId, listId, on, clock.instant())
                    > 0;
            s.commit();
            if (found) {
                log.info("auto processing of customer {} in company {} turned {} by {}", listId, companyId,
                        on ? "on" : "off", by);
            }
            return found;
        }
    }

    /** The moment auto processing charges on a date: the company's hour of that day in the configured zone. */
    public Instant at(LocalDate date, int hour) {
        return ZonedDateTime.of(date, LocalTime.of(hour, 0), zone).toInstant();
    }

    // ---- which invoices will be charged when --------------------------------------------------------------------

    /** What auto processing will do with each open invoice of the customer, by due date. */
    public List<Forecast> forecast(long companyId, String customerListId) {
        return forecast(companyId, customerListId, false, 500, clock.instant());
    }

    /** What it will do with the open invoices of every customer whose switch is on. */
    public List<Forecast> companyForecast(long companyId, int limit) {
        return forecast(companyId, null, true, limit, clock.instant());
    }

    private List<Forecast> forecast(long companyId, String customerListId, boolean autoOnly, int limit, Instant now) {
        AutoSettings st;
        List<OpenInvoice> invoices;
        Map<String, List<ChargeRow>> attempts = new HashMap<>();
        try (SqlSession s = db.session()) {
            AutoMapper m = s.getMapper(AutoMapper.class);
            st = settings(s, companyId);
            invoices = m.openInvoices(companyId, customerListId, autoOnly, limit);
            if (invoices.isEmpty()) {
                return List.of();
            }
            for (ChargeRow c : m.autoCharges(companyId, customerListId)) {
                attempts.computeIfAbsent(c.invoiceTxnId() + "|" + c.dueDate(), k -> new ArrayList<>()).add(c);
            }
        }
        Map<String, List<PaymentsPort.Profile>> profiles = new HashMap<>();
        Map<String, Map<String, BigDecimal>> balances = new HashMap<>();
        String[] homeCurrency = new String[1];
        Supplier<String> home = () -> homeCurrency[0] != null ? homeCurrency[0]
                : (homeCurrency[0] = payments.homeCurrency(companyId));
        List<Forecast> out = new ArrayList<>();
        for (OpenInvoice i : invoices) {
            String c = i.customerListId();
            Supplier<List<PaymentsPort.Profile>> p = () -> profiles.computeIfAbsent(c,
                    k -> payments.profiles(companyId, k));
            Supplier<BigDecimal> balance = () -> balances.computeIfAbsent(c,
                    k -> payments.effectiveBalances(companyId, k)).getOrDefault(i.txnId(), BigDecimal.ZERO);
            out.add(decide(st, i, p, home, attempts.getOrDefault(i.txnId() + "|" + i.chargeDate(), List.of()), balance,
                    now));
        }
        return out;
    }

    /**
     * The profile auto processing charges: of the enabled ones whose gateway account takes the invoice's currency, the
     * default one, else the first; when none takes it, the default enabled one (else the first), whose charge the
     * payments core records as Skipped with the reason: an invoice is never charged in another currency.
     */
    static Optional<PaymentsPort.Profile> autoProfile(List<PaymentsPort.Profile> profiles, String currency) {
        Comparator<PaymentsPort.Profile> order = Comparator.comparing((PaymentsPort.Profile p) -> !p.takes(currency))
                .thenComparing(p -> !p.isDefault()).thenComparing(PaymentsPort.Profile::id);
        return profiles.stream().filter(PaymentsPort.Profile::autoEnabled).min(order);
    }

    private Forecast decide(AutoSettings st, OpenInvoice i, Supplier<List<PaymentsPort.Profile>> profiles,
                            Supplier<String> home, List<ChargeRow> attempts, Supplier<BigDecimal> balance,
                            Instant now) {
        if (i.isPaid() || i.balanceRemaining() == null || i.balanceRemaining().signum() <= 0) {
            return no(i, "Paid in QuickBooks");
        }
        if (i.livePlanId() != null) {
            return no(i, "Installment plan #" + i.livePlanId() + " replaces the due date");
        }
        if (!st.enabled()) {
            return no(i, "Auto processing is off for the company");
        }
        if (!i.autoProcessing()) {
            return no(i, "Auto processing is off for this customer");
        }
        Optional<PaymentsPort.Profile> profile = autoProfile(profiles.get(),
                i.currency() == null ? home.get() : i.currency());
        if (profile.isEmpty()) {
            return no(i, "No payment profile is enabled for auto processing");
        }
        if (i.chargeDate() == null) {
            return no(i, "The invoice has no due date");
        }
        Instant chargeAt = at(i.chargeDate().plusDays(st.delayDays()), st.runHour());
        Instant since = later(st.enabledSince(), i.autoProcessingSince());
        if (attempts.isEmpty() && !st.chargePastDue() && since != null && chargeAt.isBefore(since)) {
            return no(i, "Was due for auto processing on " + LocalDate.ofInstant(chargeAt, zone) + ", before it was"
                    + " turned on (" + LocalDate.ofInstant(since, zone) + "): take it as a manual payment, or let the"
                    + " company's rules charge invoices already due");
        }
        int attempt = 1;
        if (!attempts.isEmpty()) {
            ChargeRow last = attempts.get(attempts.size() - 1);
            if (!last.done() && ERROR.equals(last.result())) {
                return new Forecast(i, Forecast.Status.RUNNING, last.leaseUntil(), last.amount(), "The gateway did not"
                        + " answer (" + last.message() + "); asked again under the same key then", profile.get(),
                        last.attempt());
            }
            if (!last.done()) {
                return new Forecast(i, Forecast.Status.RUNNING, last.claimedAt(), last.amount(),
                        "Being charged (attempt " + last.attempt() + ")", profile.get(), last.attempt());
            }
            String when = LocalDate.ofInstant(last.finishedAt(), zone).toString();
            if (APPROVED.equals(last.result())) {
                return new Forecast(i, Forecast.Status.DONE, last.finishedAt(), last.amount(), "Charged on " + when
                        + ": Approved", profile.get(), last.attempt());
            }
            if (SKIPPED.equals(last.result())) {
                return new Forecast(i, Forecast.Status.DONE, last.finishedAt(), last.amount(), "Skipped on " + when
                        + ": " + last.message(), profile.get(), last.attempt());
            }
            if (last.attempt() > st.maxRetries()) {
                return new Forecast(i, Forecast.Status.DONE, last.finishedAt(), last.amount(), last.result() + " on "
                        + when + (last.message() == null ? "" : " (" + last.message() + ")") + "; no retries left",
                        profile.get(), last.attempt());
            }
            attempt = last.attempt() + 1;
            chargeAt = at(LocalDate.ofInstant(last.finishedAt(), zone).plusDays(st.retryDays()), st.runHour());
        }
        BigDecimal amount = balance.get();
        if (amount.signum() <= 0) {
            return no(i, "Nothing left to charge: payments taken or credits applied here are waiting to reach QuickBooks");
        }
        String retry = attempt > 1 ? "Retry " + (attempt - 1) + " of " + st.maxRetries() + " after a decline; " : "";
        if (chargeAt.isAfter(now)) {
            return new Forecast(i, Forecast.Status.SCHEDULED, chargeAt, amount, retry + "Will be charged then",
                    profile.get(), attempt);
        }
        return new Forecast(i, Forecast.Status.DUE, chargeAt, amount, retry + "Charged on the next run",
                profile.get(), attempt);
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private static Forecast no(OpenInvoice i, String reason) {
        return new Forecast(i, Forecast.Status.NOT_CHARGED, null, null, reason, null, 0);
    }

    // ---- the run ------------------------------------------------------------------------------------------------

    /** What one run did. {@code elsewhere}: attempts another scheduler had claimed; {@code unfinished}: left claimed. */
    public record RunReport(int approved, int declined, int skipped, int errors, int elsewhere, int unfinished) {
        public int charged() {
            return approved + declined + errors;
        }
    }

    private static final class Counts {
        int approved;
        int declined;
        int skipped;
        int errors;
        int elsewhere;
        int unfinished;

        void count(String result) {
            switch (result) {
                case APPROVED -> approved++;
                case DECLINED -> declined++;
                case SKIPPED -> skipped++;
                default -> errors++;
            }
        }

        RunReport report() {
            return new RunReport(approved, declined, skipped, errors, elsewhere, unfinished);
        }
    }

    /**
     * One pass at the moment {@code now}: finishes claims other runs left unfinished past their lease, charges every
     * chargeable invoice of each company whose switch is on, then every installment of an active plan whose date
     * (at the company's hour) has come. Safe to run at the same moment in several threads or servers.
     */
    public RunReport runOnce(Instant now) {
        Counts n = new Counts();
        finishExpiredClaims(now, n);
        List<Long> companies;
        try (SqlSession s = db.session()) {
            companies = s.getMapper(AutoMapper.class).enabledCompanies();
        }
        for (long companyId : companies) {
            boolean creditsFirst = payments.applyCreditsFirst(companyId);
            for (Forecast f : forecast(companyId, null, true, MAX_PER_RUN, now)) {
                if (f.chargeable()) {
                    OpenInvoice i = f.invoice();
                    String key = AUTO + ":" + i.txnId() + ":" + i.chargeDate() + ":" + f.attempt();
                    BigDecimal amount = f.amount();
                    if (creditsFirst) {
                        amount = afterCredits(companyId, i, key, amount);
                        if (amount.signum() <= 0) {
                            continue;
                        }
                    }
                    claimAndCharge(new ChargeRow(0, companyId, key, AUTO, i.customerListId(), i.txnId(),
                            i.chargeDate(), null, null, f.attempt(), f.profile().id(), amount, ChargeRow.CLAIMED,
                            instance, now, now.plus(lease), null, null, null, null), now, n);
                }
            }
        }
        chargeInstallments(now, n);
        RunReport r = n.report();
        if (r.charged() + r.skipped() + r.unfinished() > 0) {
            log.info("auto processing run: {} approved, {} declined, {} skipped, {} errors, {} left unfinished",
                    r.approved(), r.declined(), r.skipped(), r.errors(), r.unfinished());
        }
        return r;
    }

    /**
     * Applies the customer's open credits to the invoice first, under a key derived from the charge's (so a run that
     * repeats the attempt applies nothing more), and returns what is left to charge: the invoice's effective balance,
     * which counts the credit held for it until QuickBooks shows it applied.
     */
    private BigDecimal afterCredits(long companyId, OpenInvoice i, String chargeKey, BigDecimal amount) {
        String key = "credit-" + UUID.nameUUIDFromBytes(("credit:" + companyId + ":" + chargeKey)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString().substring(0, 29);
        BigDecimal applied;
        try {
            applied = payments.applyCredits(companyId, i.customerListId(), i.txnId(), key);
        } catch (RuntimeException e) {
            log.warn("credits of customer {} could not be applied to invoice {}; it is not charged in this run: {}",
                    i.customerListId(), i.txnId(), e.toString());
            return BigDecimal.ZERO;
        }
        if (applied.signum() <= 0) {
            return amount;
        }
        BigDecimal left = payments.effectiveBalances(companyId, i.customerListId())
                .getOrDefault(i.txnId(), BigDecimal.ZERO);
        log.info("invoice {}: credit of {} applied before charging; {} left to charge", i.txnId(),
                applied.toPlainString(), left.toPlainString());
        return left.min(amount);
    }

    private void chargeInstallments(Instant now, Counts n) {
        List<PlanMapper.DueInstallment> due;
        try (SqlSession s = db.session()) {
            // a day ahead: the zone's date may be ahead of the server's
            due = s.getMapper(PlanMapper.class).dueInstallments(LocalDate.ofInstant(now, zone).plusDays(1), MAX_PER_RUN);
        }
        Map<Long, AutoSettings> settings = new HashMap<>();
        for (PlanMapper.DueInstallment d : due) {
            AutoSettings st = settings.computeIfAbsent(d.companyId(), this::settings);
            if (at(d.nextDate(), st.runHour()).isAfter(now)) {
                continue;
            }
            OpenInvoice inv;
            try (SqlSession s = db.session()) {
                inv = s.getMapper(AutoMapper.class).invoice(d.companyId(), d.invoiceTxnId());
            }
            BigDecimal left = inv == null ? BigDecimal.ZERO
                    : payments.effectiveBalances(d.companyId(), d.customerListId()).getOrDefault(inv.txnId(),
                    BigDecimal.ZERO);
            if (inv == null || inv.isPaid() || inv.balanceRemaining() == null || inv.balanceRemaining().signum() <= 0
                    || left.signum() <= 0) {
                String why = inv == null ? "The invoice was deleted in QuickBooks"
                        : left.signum() <= 0 && !inv.isPaid() && inv.balanceRemaining() != null
                        && inv.balanceRemaining().signum() > 0
                        ? "Nothing left to pay: payments taken here are waiting to reach QuickBooks"
                        : "The invoice is paid in QuickBooks";
                try (SqlSession s = db.session()) {
                    s.getMapper(PlanMapper.class).recordInstallment(d.planId(), d.seq(), Installment.SKIPPED,
                            d.attempts(), null, SKIPPED, why, null, now);
                    completeIfDone(s, d.planId(), now);
                    s.commit();
                }
                n.skipped++;
                continue;
            }
            int attempt = d.attempts() + 1;
            BigDecimal amount = d.amount().min(left);
            String key = "plan:" + d.planId() + ":" + d.seq() + ":" + attempt;
            claimAndCharge(new ChargeRow(0, d.companyId(), key, INSTALLMENT, d.customerListId(), d.invoiceTxnId(),
                    d.nextDate(), d.planId(), d.seq(), attempt, d.profileId(), amount, ChargeRow.CLAIMED, instance,
                    now, now.plus(lease), null, null, null, null), now, n);
        }
    }

    private void claimAndCharge(ChargeRow claim, Instant now, Counts n) {
        interruption.at(Stage.DUE, claim.chargeKey());
        // each claim is signed uniquely, so even two threads of one scheduler tell whose insert won
        String by = instance + "#" + UUID.randomUUID().toString().substring(0, 8);
        ChargeRow mine = new ChargeRow(0, claim.companyId(), claim.chargeKey(), claim.kind(), claim.customerListId(),
                claim.invoiceTxnId(), claim.dueDate(), claim.planId(), claim.installmentSeq(), claim.attempt(),
                claim.profileId(), claim.amount(), ChargeRow.CLAIMED, by, claim.claimedAt(), claim.leaseUntil(), null,
                null, null, null);
        // two instances claiming at once on two Galera nodes: the second's commit fails certification, and its unit
        // of work runs again to find the first one's claim
        ChargeRow stored = db.transaction(s -> {
            AutoMapper m = s.getMapper(AutoMapper.class);
            if (!stillWanted(s, claim)) {
                return null;
            }
            m.insertClaim(mine);
            return m.charge(claim.companyId(), claim.chargeKey());
        });
        if (stored == null) {
            return;
        }
        if (!by.equals(stored.claimedBy())) {
            n.elsewhere++;
            return;
        }
        interruption.at(Stage.CLAIMED, claim.chargeKey());
        charge(stored, now, n);
    }

    /**
     * Under the locks that plan changes take: an installment still scheduled for this attempt on an active plan; an
     * invoice no plan has taken over since it was read. (Plans lock their row, and a new plan's insert waits on the
     * lock of its invoice's live-plan key, so a change and a claim never cross.)
     */
    private static boolean stillWanted(SqlSession s, ChargeRow c) {
        PlanMapper plans = s.getMapper(PlanMapper.class);
        if (INSTALLMENT.equals(c.kind())) {
            PlanRow plan = plans.lockPlan(c.companyId(), c.planId());
            Installment i = plans.installment(c.planId(), c.installmentSeq());
            return plan != null && Plan.ACTIVE.equals(plan.state()) && i != null && i.scheduled()
                    && i.attempts() == c.attempt() - 1;
        }
        return plans.lockLivePlan(c.companyId(), c.invoiceTxnId()) == null;
    }

    private void finishExpiredClaims(Instant now, Counts n) {
        List<ChargeRow> expired;
        try (SqlSession s = db.session()) {
            expired = s.getMapper(AutoMapper.class).expiredClaims(now, MAX_PER_RUN);
        }
        for (ChargeRow c : expired) {
            int taken = db.transaction(s -> s.getMapper(AutoMapper.class).takeOver(c.id(), instance, now,
                    now.plus(lease)));
            if (taken == 1) {
                log.info("finishing charge {} that {} claimed and did not finish", c.chargeKey(), c.claimedBy());
                charge(c, now, n);
            }
        }
    }

    /** Charges a claimed attempt under its key and records the result; on an unknown outcome the claim stays. */
    private void charge(ChargeRow c, Instant now, Counts n) {
        PaymentsPort.Result r;
        boolean refused = false;
        try {
            r = payments.charge(c.companyId(), c.customerListId(), c.profileId(), c.invoiceTxnId(), c.amount(),
                    c.chargeKey(), c.kind());
        } catch (PaymentsPort.Refused e) {
            r = new PaymentsPort.Result(null, ERROR, e.getMessage());
            refused = true;
        } catch (RuntimeException e) {
            log.warn("charge {} has no answer; a run after {} finishes it under the same key", c.chargeKey(),
                    c.leaseUntil(), e);
            n.unfinished++;
            return;
        }
        interruption.at(Stage.CHARGED, c.chargeKey());
        String message = r.message() == null ? null : r.message().length() > 1000 ? r.message().substring(0, 1000)
                : r.message();
        String result = r.result() == null ? ERROR : r.result();
        if (ERROR.equals(result) && !refused) {
            // the outcome is unknown: the claim stays, and a run after the lease asks again under the same key
            try (SqlSession s = db.session()) {
                s.getMapper(AutoMapper.class).deferClaim(c.id(), message, now.plus(lease));
                s.commit();
            }
            n.errors++;
            log.warn("{} charge {}: no answer from the gateway ({}); asked again after {}", c.kind(), c.chargeKey(),
                    message, now.plus(lease));
            return;
        }
        Long paymentId = r.paymentId();
        boolean recorded = db.transaction(s -> {
            if (s.getMapper(AutoMapper.class).finish(c.id(), result, message, paymentId, now) == 0) {
                return false; // another run recorded it
            }
            if (INSTALLMENT.equals(c.kind())) {
                recordInstallment(s, c, result, message, paymentId, now);
            }
            return true;
        });
        if (!recorded) {
            return;
        }
        n.count(result);
        log.info("{} charge {} of {}: {}", c.kind(), c.chargeKey(), c.amount().toPlainString(), result);
    }

    private void recordInstallment(SqlSession s, ChargeRow c, String result, String message, Long paymentId,
                                   Instant now) {
        PlanMapper m = s.getMapper(PlanMapper.class);
        AutoSettings st = settings(s, c.companyId());
        String state;
        LocalDate retryOn = null;
        switch (result) {
            case APPROVED -> state = Installment.CHARGED;
            case SKIPPED -> state = Installment.SKIPPED;
            default -> {
                if (c.attempt() <= st.maxRetries()) {
                    state = Installment.SCHEDULED;
                    retryOn = LocalDate.ofInstant(now, zone).plusDays(st.retryDays());
                } else {
                    state = DECLINED.equals(result) ? Installment.DECLINED : Installment.FAILED;
                }
            }
        }
        m.recordInstallment(c.planId(), c.installmentSeq(), state, c.attempt(), retryOn, result, message, paymentId, now);
        completeIfDone(s, c.planId(), now);
    }

    /** An active plan whose installments are all charged (or skipped because the invoice is paid) is completed. */
    private static void completeIfDone(SqlSession s, long planId, Instant now) {
        PlanMapper m = s.getMapper(PlanMapper.class);
        List<Installment> all = m.installments(List.of(planId));
        boolean done = !all.isEmpty() && all.stream().allMatch(i -> Installment.CHARGED.equals(i.state())
                || Installment.SKIPPED.equals(i.state()));
        if (done) {
            m.setState(planId, Plan.COMPLETED, "auto processing", now);
        }
    }

    /** A unique key refused the insert (MariaDB error 1062, SQLSTATE 23000). */
    static boolean duplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException q && (q.getErrorCode() == 1062 || "23000".equals(q.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    // ---- for tests: stopping a run at a point, as a crash would --------------------------------------------------

    /** Points of a charge where a test may step in: found due, claimed, charged (not yet recorded). */
    enum Stage { DUE, CLAIMED, CHARGED }

    @FunctionalInterface
    interface Interruption {
        void at(Stage stage, String key);
    }

    void interruption(Interruption i) {
        this.interruption = i;
    }
}
