package dev.ledgerbridge.web.admin;

import dev.ledgerbridge.autopay.InstallmentPlans;
import dev.ledgerbridge.autopay.OpenInvoice;
import dev.ledgerbridge.autopay.Plan;
import dev.ledgerbridge.autopay.PaymentsPort;
import dev.ledgerbridge.web.HttpError;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.ibatis.session.SqlSession;

/** A customer's installment plans: the list and the form that makes one, a plan's page, its edits and its state. */
final class PlanPages {
    static final Map<String, Period> EVERY = Map.of("week", Period.ofWeeks(1), "2weeks", Period.ofWeeks(2),
            "month", Period.ofMonths(1));

    private final AdminContext ctx;
    private final CustomerPages customers;

    PlanPages(AdminContext ctx, CustomerPages customers) {
        this.ctx = ctx;
        this.customers = customers;
    }

    private String plansPath(CustomerPages.Target t) {
        return AdminServlet.BASE + "/companies/" + t.company().id() + "/customers/"
                + URLEncoder.encode(t.customer().listId(), StandardCharsets.UTF_8) + "/plans";
    }

    /** What the create form holds (as typed, so a refused form comes back as it was). */
    public record Form(String invoice, String profile, String mode, String count, String first, String every, String custom) {
        static Form blank(LocalDate today) {
            return new Form("", "", "equal", "3", today.toString(), "month", "");
        }
    }

    void plans(Exchange x, List<String> g) throws IOException, HttpError {
        try (SqlSession db = ctx.services().db().session()) {
            CustomerPages.Target t = customers.target(db, g);
            showPlans(x, db, t, 200, null, Form.blank(ctx.plans().today()));
        }
    }

    private void showPlans(Exchange x, SqlSession db, CustomerPages.Target t, int status, String error, Form form)
            throws IOException {
        long cid = t.company().id();
        String listId = t.customer().listId();
        Map<String, Object> m = customers.customerModel(x, db, t, "Installment plans", "plans");
        List<Plan> plans = ctx.plans().plans(cid, listId);
        m.put("plans", plans);
        List<OpenInvoice> invoices = ctx.plans().invoicesWithoutPlan(cid, listId);
        Map<String, BigDecimal> balances = new HashMap<>();
        for (OpenInvoice i : invoices) {
            balances.put(i.txnId(), ctx.plans().balanceToSplit(cid, i));
        }
        m.put("openInvoices", invoices);
        m.put("balances", balances);
        List<PaymentsPort.Profile> profiles = ctx.plans().profiles(cid, listId);
        m.put("profiles", profiles);
        m.put("profileLabels", profiles.stream().collect(Collectors.toMap(p -> p.id(), PaymentsPort.Profile::label)));
        m.put("error", error);
        m.put("form", form);
        m.put("today", ctx.plans().today().toString());
        x.render(status, "plans.vm", m);
    }

    void create(Exchange x, List<String> g) throws IOException, HttpError {
        Form form = new Form(v(x, "invoice"), v(x, "profile"), v(x, "mode"), v(x, "count"), v(x, "first"),
                v(x, "every"), v(x, "custom"));
        try (SqlSession db = ctx.services().db().session()) {
            CustomerPages.Target t = customers.target(db, g);
            long cid = t.company().id();
            String listId = t.customer().listId();
            Plan plan;
            try {
                OpenInvoice invoice = ctx.plans().invoicesWithoutPlan(cid, listId).stream()
                        .filter(i -> i.txnId().equals(form.invoice())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("Choose one of this customer's open invoices"
                                + " without a plan"));
                long profileId = parseId(form.profile(), "Choose a payment profile");
                List<InstallmentPlans.Dated> schedule;
                if ("custom".equals(form.mode())) {
                    schedule = InstallmentPlans.parse(form.custom());
                } else if ("equal".equals(form.mode())) {
                    int count = parseInt(form.count(), "The number of installments");
                    LocalDate first = parseDate(form.first(), "The first date");
                    Period every = EVERY.get(form.every());
                    if (every == null) {
                        throw new IllegalArgumentException("Choose how far apart the installments are");
                    }
                    schedule = InstallmentPlans.equalSplit(ctx.plans().balanceToSplit(cid, invoice), count, first, every);
                } else {
                    throw new IllegalArgumentException("Choose equal or custom amounts");
                }
                plan = ctx.plans().create(cid, listId, invoice.txnId(), profileId, schedule, x.username());
            } catch (IllegalArgumentException e) {
                showPlans(x, db, t, 400, "The plan was not made: " + e.getMessage() + ".", form);
                return;
            }
            x.flash("Installment plan #" + plan.id() + " made: " + plan.installments().size() + " installment"
                    + (plan.installments().size() == 1 ? "" : "s") + " adding up to " + plan.row().total().toPlainString()
                    + ". The invoice is left out of auto processing while the plan runs.");
            x.redirect(plansPath(t) + "/" + plan.id() + "?" + ListLink.lenient(x.req).query());
        }
    }

    private static String v(Exchange x, String name) {
        String s = x.param(name);
        return s == null ? "" : s.length() > 10_000 ? s.substring(0, 10_000) : s;
    }

    private static long parseId(String s, String message) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(message, e);
        }
    }

    private static int parseInt(String s, String what) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number", e);
        }
    }

    private static LocalDate parseDate(String s, String what) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(what + " must be a date (YYYY-MM-DD)", e);
        }
    }

    private Plan plan(CustomerPages.Target t, String id) throws HttpError {
        Plan p = ctx.plans().plan(t.company().id(), Long.parseLong(id)).orElse(null);
        if (p == null || !p.row().customerListId().equals(t.customer().listId())) {
            throw HttpError.notFound("There is no installment plan #" + id + " for this customer.");
        }
        return p;
    }

    void plan(Exchange x, List<String> g) throws IOException, HttpError {
        try (SqlSession db = ctx.services().db().session()) {
            CustomerPages.Target t = customers.target(db, g);
            Plan p = plan(t, g.get(2));
            showPlan(x, db, t, p, 200, null, schedule(p));
        }
    }

    private static String schedule(Plan p) {
        return p.scheduled().stream().map(i -> i.dueDate() + " " + i.amount().toPlainString())
                .collect(Collectors.joining("\n"));
    }

    private void showPlan(Exchange x, SqlSession db, CustomerPages.Target t, Plan p, int status, String error,
                          String schedule) throws IOException {
        Map<String, Object> m = customers.customerModel(x, db, t, "Installment plan #" + p.id(), "plans");
        m.put("plan", p);
        m.put("error", error);
        m.put("schedule", schedule);
        m.put("profile", ctx.plans().profiles(t.company().id(), t.customer().listId()).stream()
                .filter(pr -> pr.id() == p.row().profileId()).map(PaymentsPort.Profile::label).findFirst()
                .orElse("profile #" + p.row().profileId() + " (removed)"));
        m.put("today", ctx.plans().today().toString());
        x.render(status, "plan.vm", m);
    }

    void reschedule(Exchange x, List<String> g) throws IOException, HttpError {
        String text = v(x, "schedule");
        try (SqlSession db = ctx.services().db().session()) {
            CustomerPages.Target t = customers.target(db, g);
            Plan p = plan(t, g.get(2));
            try {
                p = ctx.plans().reschedule(t.company().id(), p.id(), InstallmentPlans.parse(text), x.username());
            } catch (IllegalArgumentException e) {
                showPlan(x, db, t, p, 400, "The installments were not changed: " + e.getMessage() + ".", text);
                return;
            }
            x.flash("Installments of plan #" + p.id() + " saved.");
            x.redirect(plansPath(t) + "/" + p.id() + "?" + ListLink.lenient(x.req).query());
        }
    }

    void change(Exchange x, List<String> g) throws IOException, HttpError {
        String action = x.param("action");
        try (SqlSession db = ctx.services().db().session()) {
            CustomerPages.Target t = customers.target(db, g);
            Plan p = plan(t, g.get(2));
            try {
                p = ctx.plans().change(t.company().id(), p.id(), action, x.username());
            } catch (IllegalArgumentException e) {
                showPlan(x, db, t, p, 400, e.getMessage() + ".", schedule(p));
                return;
            }
            x.flash(switch (p.state()) {
                case Plan.PAUSED -> "Plan #" + p.id() + " paused: nothing is charged until it is resumed.";
                case Plan.ACTIVE -> "Plan #" + p.id() + " resumed: installments whose date has passed are charged on"
                        + " the next run.";
                default -> "Plan #" + p.id() + " cancelled: nothing more is charged, and the invoice is back under"
                        + " the auto processing rules.";
            });
            x.redirect(plansPath(t) + "/" + p.id() + "?" + ListLink.lenient(x.req).query());
        }
    }
}
