package dev.ledgerbridge.autopay;

import dev.ledgerbridge.db.Database;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;

/**
 * Installment plans: one open invoice's balance split into dated amounts charged to one payment profile (the
 * scheduler of {@link AutoProcessing} charges them). Every change is checked here and refused with an
 * IllegalArgumentException whose message is fit for people: the amounts always add up to the plan's total.
 */
public final class InstallmentPlans {
    public static final int MAX_INSTALLMENTS = 60;
    public static final String PAUSE = "pause";
    public static final String RESUME = "resume";
    public static final String CANCEL = "cancel";

    private final Database db;
    private final Clock clock;
    private final ZoneId zone;
    private final PaymentsPort payments;

    public InstallmentPlans(Database db, Clock clock, ZoneId zone, PaymentsPort payments) {
        this.db = db;
        this.clock = clock;
        this.zone = zone;
        this.payments = payments;
    }

    /** One dated amount of a schedule being made or edited. */
    public record Dated(LocalDate date, BigDecimal amount) {
    }

    /**
     * {@code count} amounts that add up to {@code total} exactly, {@code every} apart from {@code first}: equal
     * shares in cents, the cents left over going one each to the first installments.
     */
    public static List<Dated> equalSplit(BigDecimal total, int count, LocalDate first, Period every) {
        if (count < 1 || count > MAX_INSTALLMENTS) {
            throw new IllegalArgumentException("The number of installments must be between 1 and " + MAX_INSTALLMENTS);
        }
        long cents = total.setScale(2, RoundingMode.UNNECESSARY).movePointRight(2).longValueExact();
        if (cents < count) {
            throw new IllegalArgumentException("The balance " + total.toPlainString() + " is too small for " + count
                    + " installments");
        }
        long share = cents / count;
        long left = cents % count;
        List<Dated> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long c = share + (i < left ? 1 : 0);
            out.add(new Dated(first.plus(every.multipliedBy(i)), BigDecimal.valueOf(c, 2)));
        }
        return out;
    }

    /** Reads a custom schedule: one installment a line, "YYYY-MM-DD amount" (a comma or spaces between). */
    public static List<Dated> parse(String text) {
        List<Dated> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : (text == null ? "" : text).split("\\R")) {
            lineNo++;
            String l = line.trim();
            if (l.isEmpty()) {
                continue;
            }
            String[] parts = l.split("[\\s,;]+");
            if (parts.length != 2) {
                throw new IllegalArgumentException("Line " + lineNo + " ('" + shorten(l) + "') is not 'YYYY-MM-DD amount'");
            }
            try {
                out.add(new Dated(LocalDate.parse(parts[0]), money(parts[1])));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Line " + lineNo + ": '" + shorten(parts[0]) + "' is not a date"
                        + " (YYYY-MM-DD)", e);
            }
        }
        return out;
    }

    /** A money amount with at most two decimals, e.g. "125.50"; IllegalArgumentException otherwise. */
    public static BigDecimal money(String s) {
        String v = s == null ? "" : s.trim().replace("$", "");
        if (!v.matches("\\d{1,13}(\\.\\d{1,2})?")) {
            throw new IllegalArgumentException("'" + shorten(v) + "' is not an amount (like 125.50)");
        }
        return new BigDecimal(v).setScale(2, RoundingMode.UNNECESSARY);
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** The balance a new plan for the invoice splits: QuickBooks' balance less what was collected here since. */
    public BigDecimal balanceToSplit(long companyId, OpenInvoice invoice) {
        return payments.effectiveBalances(companyId, invoice.customerListId()).getOrDefault(invoice.txnId(),
                BigDecimal.ZERO.setScale(2));
    }

    /** The customer's payment profiles a plan can charge. */
    public List<PaymentsPort.Profile> profiles(long companyId, String customerListId) {
        return payments.profiles(companyId, customerListId);
    }

    /** Open invoices of the customer that have no live plan: those a new plan can be made for. */
    public List<OpenInvoice> invoicesWithoutPlan(long companyId, String customerListId) {
        return db.transaction(s -> {
            return s.getMapper(AutoMapper.class).openInvoices(companyId, customerListId, false, 500).stream()
                    .filter(i -> i.livePlanId() == null).toList();
        });
    }

    /** Makes a plan for one open invoice of the customer; the schedule must add up to the invoice's open balance. */
    public Plan create(long companyId, String customerListId, String invoiceTxnId, long profileId, List<Dated> schedule,
                       String by) {
        OpenInvoice invoice = db.transaction(s -> s.getMapper(AutoMapper.class).invoice(companyId,
                invoiceTxnId == null ? "" : invoiceTxnId));
        if (invoice == null || !invoice.customerListId().equals(customerListId)) {
            throw new IllegalArgumentException("Choose one of this customer's open invoices");
        }
        if (invoice.isPaid() || invoice.balanceRemaining() == null || invoice.balanceRemaining().signum() <= 0) {
            throw new IllegalArgumentException("Invoice " + label(invoice) + " is paid in QuickBooks");
        }
        if (invoice.livePlanId() != null) {
            throw new IllegalArgumentException("Invoice " + label(invoice) + " already has installment plan #"
                    + invoice.livePlanId());
        }
        checkProfile(companyId, customerListId, profileId);
        BigDecimal balance = balanceToSplit(companyId, invoice);
        if (balance.signum() <= 0) {
            throw new IllegalArgumentException("Invoice " + label(invoice) + " has nothing left to pay: payments taken"
                    + " here are waiting to reach QuickBooks");
        }
        List<Dated> sorted = checkSchedule(schedule, balance, "the invoice's open balance");
        try (SqlSession s = db.session()) {
            PlanMapper m = s.getMapper(PlanMapper.class);
            m.insertPlan(companyId, customerListId, invoiceTxnId, profileId, balance, by, clock.instant());
            long id = m.lastInsertId();
            int seq = 0;
            for (Dated d : sorted) {
                m.insertInstallment(id, ++seq, d.date(), d.amount());
            }
            s.commit();
            return plan(companyId, id).orElseThrow();
        } catch (PersistenceException e) {
            if (AutoProcessing.duplicateKey(e)) {
                throw new IllegalArgumentException("Invoice " + label(invoice) + " already has an installment plan", e);
            }
            throw e;
        }
    }

    private void checkProfile(long companyId, String customerListId, long profileId) {
        if (payments.profiles(companyId, customerListId).stream().noneMatch(p -> p.id() == profileId)) {
            throw new IllegalArgumentException("Choose one of this customer's payment profiles");
        }
    }

    /** Installments sorted by date; refused unless 1 to 60 amounts above zero, none in the past, adding up to total. */
    private List<Dated> checkSchedule(List<Dated> schedule, BigDecimal total, String what) {
        if (schedule.isEmpty()) {
            throw new IllegalArgumentException("Give at least one installment");
        }
        if (schedule.size() > MAX_INSTALLMENTS) {
            throw new IllegalArgumentException("A plan can have at most " + MAX_INSTALLMENTS + " installments");
        }
        LocalDate today = today();
        BigDecimal sum = BigDecimal.ZERO.setScale(2);
        for (Dated d : schedule) {
            if (d.date() == null || d.amount() == null) {
                throw new IllegalArgumentException("Every installment needs a date and an amount");
            }
            if (d.amount().signum() <= 0) {
                throw new IllegalArgumentException("Every amount must be above zero");
            }
            if (d.amount().scale() > 2 && d.amount().stripTrailingZeros().scale() > 2) {
                throw new IllegalArgumentException("Amounts have at most two decimals");
            }
            if (d.date().isBefore(today)) {
                throw new IllegalArgumentException("The date " + d.date() + " is in the past (today is " + today + ")");
            }
            sum = sum.add(d.amount());
        }
        if (sum.compareTo(total) != 0) {
            throw new IllegalArgumentException("The installments add up to " + sum.setScale(2).toPlainString()
                    + " but must add up to " + what + ", " + total.setScale(2).toPlainString());
        }
        return schedule.stream().sorted(Comparator.comparing(Dated::date)).toList();
    }

    private static String label(OpenInvoice i) {
        return i.refNumber() != null ? i.refNumber() : i.txnId();
    }

    /** The customer's plans, newest first. */
    public List<Plan> plans(long companyId, String customerListId) {
        return db.transaction(s -> {
            PlanMapper m = s.getMapper(PlanMapper.class);
            return withInstallments(m, m.plans(companyId, customerListId));
        });
    }

    public Optional<Plan> plan(long companyId, long id) {
        return db.transaction(s -> {
            PlanMapper m = s.getMapper(PlanMapper.class);
            PlanRow r = m.plan(companyId, id);
            return r == null ? Optional.empty() : Optional.of(withInstallments(m, List.of(r)).get(0));
        });
    }

    private static List<Plan> withInstallments(PlanMapper m, List<PlanRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Installment>> by = new HashMap<>();
        for (Installment i : m.installments(rows.stream().map(PlanRow::id).toList())) {
            by.computeIfAbsent(i.planId(), k -> new ArrayList<>()).add(i);
        }
        return rows.stream().map(r -> new Plan(r, by.getOrDefault(r.id(), List.of()))).toList();
    }

    /**
     * Replaces the plan's scheduled (not yet charged) installments; with those already charged they must add up to
     * the plan's total. Refused while a charge of the plan is running, and for a plan that ended.
     */
    public Plan reschedule(long companyId, long planId, List<Dated> schedule, String by) {
        db.inTransaction(s -> {
            PlanMapper m = s.getMapper(PlanMapper.class);
            PlanRow row = m.lockPlan(companyId, planId);
            if (row == null) {
                throw new IllegalArgumentException("There is no installment plan #" + planId);
            }
            Plan plan = withInstallments(m, List.of(row)).get(0);
            if (!plan.live()) {
                throw new IllegalArgumentException("Plan #" + planId + " is " + row.state() + " and cannot be changed");
            }
            if (s.getMapper(AutoMapper.class).openClaims(planId) > 0) {
                throw new IllegalArgumentException("An installment of plan #" + planId + " is being charged right now;"
                        + " try again in a minute");
            }
            List<Dated> sorted = checkSchedule(schedule, plan.remaining(), "what the plan has left to collect");
            m.deleteScheduled(planId);
            int seq = m.maxSeq(planId);
            for (Dated d : sorted) {
                m.insertInstallment(planId, ++seq, d.date(), d.amount());
            }
            m.setState(planId, row.state(), by, clock.instant());
            s.commit();
        });
        return plan(companyId, planId).orElseThrow();
    }

    /** Pauses (active to paused), resumes (paused to active) or cancels (either to cancelled) a plan. */
    public Plan change(long companyId, long planId, String action, String by) {
        db.inTransaction(s -> {
            PlanMapper m = s.getMapper(PlanMapper.class);
            PlanRow row = m.lockPlan(companyId, planId);
            if (row == null) {
                throw new IllegalArgumentException("There is no installment plan #" + planId);
            }
            String next = switch (action == null ? "" : action) {
                case PAUSE -> Plan.ACTIVE.equals(row.state()) ? Plan.PAUSED : null;
                case RESUME -> Plan.PAUSED.equals(row.state()) ? Plan.ACTIVE : null;
                case CANCEL -> Plan.ACTIVE.equals(row.state()) || Plan.PAUSED.equals(row.state()) ? Plan.CANCELLED : null;
                default -> throw new IllegalArgumentException("Unknown change '" + shorten(String.valueOf(action))
                        + "' (pause, resume or cancel)");
            };
            if (next == null) {
                throw new IllegalArgumentException("Plan #" + planId + " is " + row.state() + ": it cannot " + action);
            }
            m.setState(planId, next, by, clock.instant());
            s.commit();
        });
        return plan(companyId, planId).orElseThrow();
    }
}
