package dev.ledgerbridge.web.admin;

import dev.ledgerbridge.action.ActionQueue;
import dev.ledgerbridge.action.ActionRequest;
import dev.ledgerbridge.action.PendingEmail;
import dev.ledgerbridge.company.Company;
import dev.ledgerbridge.customer.CustomerQuery;
import dev.ledgerbridge.customer.CustomerRow;
import dev.ledgerbridge.customer.CustomerSettings;
import dev.ledgerbridge.customer.CustomerStore;
import dev.ledgerbridge.invoice.InvoiceStore;
import dev.ledgerbridge.payment.CompanyCurrencies;
import dev.ledgerbridge.payment.PaymentLedger;
import dev.ledgerbridge.web.ApiContext;
import dev.ledgerbridge.web.HttpError;
import dev.ledgerbridge.web.Params;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.ibatis.session.SqlSession;

/** The Customers list, the customer page, its settings, its transaction history and its installment plans. */
final class CustomerPages {
    static final int INVOICES_PER_PAGE = 50;
    static final int HISTORY_PER_PAGE = 20;
    /** QuickBooks payments and credit memos of a customer shown on its pages, newest first. */
    static final int QB_RECORDS_SHOWN = 200;
    static final int MAX_EXTRA_EMAILS = 20;
    static final int MAX_NOTES = 4000;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>\"]+@[^@\\s,;<>\"]+\\.[^@\\s,;<>\"]+");
    private static final String CUSTOMER_ENTITY = "customer";

    private final ApiContext s;
    private final AdminContext ctx;
    private final PaymentPages payments;

    CustomerPages(AdminContext ctx) {
        this.s = ctx.services();
        this.ctx = ctx;
        this.payments = new PaymentPages(ctx);
    }

    private String base(Company c) {
        return AdminServlet.BASE + "/companies/" + c.id();
    }

    void list(Exchange x, List<String> g) throws IOException, HttpError {
        Company company = Params.company(s.companies(), g.get(0));
        CustomerQuery q = Params.customerQuery(x.req, ListLink.DEFAULT_ACTIVE);
        CustomerStore.Page page;
        Object lastChange;
        CompanyCurrencies cur;
        try (SqlSession db = s.db().session()) {
            page = s.customers().search(db, company.id(), q);
            lastChange = s.customers().lastChange(db, company.id()).orElse(null);
            cur = s.paymentSettings().currencies(db, company.id());
        }
        Map<String, Object> m = x.model("Customers — " + company.name());
        m.put("company", company);
        m.put("nav", "customers");
        m.put("list", ListLink.of(q));
        m.put("rows", page.items());
        m.put("cur", cur);
        m.put("total", page.total());
        m.put("pages", Math.max(1, (page.total() + q.size() - 1) / q.size()));
        m.put("indent", q.sort() == CustomerQuery.Sort.NAME && q.q() == null);
        m.put("lastChange", lastChange);
        m.put("resyncPending", s.sync().resyncPending(company.id(), CUSTOMER_ENTITY).orElse(null));
        m.put("bulkKinds", List.of(ActionQueue.SEND_CARD_REQUEST, ActionQueue.ENABLE_AUTO_PROCESSING,
                ActionQueue.DISABLE_AUTO_PROCESSING, ActionQueue.RESYNC_CUSTOMERS));
        m.put("bulkLabels", ActionQueue.BULK_KINDS);
        m.put("bulkKey", UUID.randomUUID().toString());
        x.render("customers.vm", m);
    }

    void resync(Exchange x, List<String> g) throws HttpError {
        Company company = Params.company(s.companies(), g.get(0));
        s.sync().requestResync(company.id(), CUSTOMER_ENTITY);
        x.audit("resync", company.id(), "customers", "full re-sync of every customer requested");
        x.flash("Re-sync requested: the next Web Connector run pulls every customer from QuickBooks again.");
        x.redirect(base(company) + "/customers?" + ListLink.lenient(x.req).query());
    }

    void bulk(Exchange x, List<String> g) throws HttpError {
        Company company = Params.company(s.companies(), g.get(0));
        String kind = x.param("action");
        List<String> ids = x.params("listId");
        try {
            ActionRequest a = s.actions().enqueue(company.id(), kind == null ? "" : kind, ids, x.param("key"),
                    x.username());
            x.audit("bulk-action", company.id(), "action #" + a.id(), a.kind() + " for " + a.customerCount()
                    + " customer(s)");
            x.flash(ActionQueue.BULK_KINDS.get(a.kind()) + " for " + a.customerCount() + " customer"
                    + (a.customerCount() == 1 ? "" : "s") + " (action #" + a.id() + ", " + a.state() + "): "
                    + (a.message() == null ? "queued." : a.message())
                    + " Each customer's result is in the Action queue.");
            x.redirect(base(company) + "/actions/" + a.id());
            return;
        } catch (IllegalArgumentException e) {
            x.flash("Nothing was queued: " + e.getMessage() + ".");
        }
        x.redirect(base(company) + "/customers?" + ListLink.lenient(x.req).query());
    }

    /** The company and customer of a customer's page, or 404. */
    record Target(Company company, CustomerRow customer) {
    }

    Target target(SqlSession db, List<String> g) throws HttpError {
        Company company = Params.company(s.companies(), g.get(0));
        CustomerRow c = s.customers().find(db, company.id(), g.get(1)).orElseThrow(() ->
                HttpError.notFound("There is no customer with ListID " + g.get(1) + " in " + company.name() + "."));
        return new Target(company, c);
    }

    Map<String, Object> customerModel(Exchange x, SqlSession db, Target t, String title, String nav) {
        Map<String, Object> m = x.model(title + " — " + t.customer().fullName());
        m.put("company", t.company());
        m.put("customer", t.customer());
        m.put("nav", "customers");
        m.put("tab", nav);
        m.put("list", ListLink.lenient(x.req));
        m.put("settings", s.customers().settings(db, t.company().id(), t.customer().listId()));
        m.put("pendingEmail", s.actions().pendingEmail(db, t.company().id(), t.customer().listId()).orElse(null));
        m.put("parent", t.customer().parentListId() == null ? null
                : s.customers().find(db, t.company().id(), t.customer().parentListId()).orElse(null));
        // every amount of a customer's pages is in its currency: named beside each where customers use several
        CompanyCurrencies cur = s.paymentSettings().currencies(db, t.company().id());
        m.put("currency", cur.of(t.customer().currency()));
        m.put("severalCurrencies", cur.several());
        if (cur.several()) {
            m.put("f", ((Fmt) m.get("f")).in(cur.of(t.customer().currency())));
        }
        return m;
    }

    void customer(Exchange x, List<String> g) throws IOException, HttpError {
        int ipage = Params.intParam(x.req, "ipage", 1, 1, 100_000);
        try (SqlSession db = s.db().session()) {
            Target t = target(db, g);
            Map<String, Object> m = customerModel(x, db, t, "Customer", "overview");
            List<PaymentLedger.Transaction> txns = putInvoices(m, db, t, ipage, INVOICES_PER_PAGE);
            m.put("summary", s.payments().summary(t.company().id(), t.customer().listId()));
            m.put("collectedByCurrency", s.payments().collectedByCurrency(t.company().id(), t.customer().listId()));
            m.put("transactions", txns);
            m.put("qb", QuickBooksReceivables.load(s.receivables(), db, t.company().id(), t.customer().listId(),
                    QB_RECORDS_SHOWN));
            payments.model(m, t.company().id(), t.customer().listId());
            CardRequestPages.addToCustomerPage(s, m, t.company().id(), t.customer().listId());
            m.put("autoForecast", ctx.auto().forecast(t.company().id(), t.customer().listId()));
            m.put("plans", ctx.plans().plans(t.company().id(), t.customer().listId()));
            x.render("customer.vm", m);
        }
    }

    /** One page of the customer's invoices (newest first) with their transactions; returns all its transactions. */
    private List<PaymentLedger.Transaction> putInvoices(Map<String, Object> m, SqlSession db, Target t, int ipage,
                                                        int perPage) {
        InvoiceStore.Page invoices = s.invoices().page(db, t.company().id(), t.customer().listId(), ipage, perPage);
        List<PaymentLedger.Transaction> txns = s.payments().transactions(t.company().id(), t.customer().listId());
        m.put("invoices", views(invoices, txns));
        m.put("invoiceTotal", invoices.total());
        m.put("ipage", ipage);
        m.put("ipages", Math.max(1, (invoices.total() + perPage - 1) / perPage));
        return txns;
    }

    private List<InvoiceView> views(InvoiceStore.Page page, List<PaymentLedger.Transaction> txns) {
        LocalDate today = LocalDate.ofInstant(s.clock().instant(), ZoneId.systemDefault());
        List<InvoiceView> out = new ArrayList<>();
        for (InvoiceStore.Full f : page.items()) {
            out.add(InvoiceView.of(f, today, txns));
        }
        return out;
    }

    void settings(Exchange x, List<String> g) throws IOException, HttpError {
        try (SqlSession db = s.db().session()) {
            Target t = target(db, g);
            Map<String, Object> m = customerModel(x, db, t, "Settings", "settings");
            CustomerSettings cs = (CustomerSettings) m.get("settings");
            PendingEmail pending = (PendingEmail) m.get("pendingEmail");
            m.put("error", null);
            m.put("email", pending != null ? pending.email() : t.customer().email() == null ? "" : t.customer().email());
            m.put("extraEmails", String.join("\n", cs.extraEmails()));
            m.put("notes", cs.notes() == null ? "" : cs.notes());
            m.put("autoProcessing", t.customer().autoProcessing());
            x.render("settings.vm", m);
        }
    }

    void saveSettings(Exchange x, List<String> g) throws IOException, HttpError {
        String email = x.param("email") == null ? "" : x.param("email");
        String extra = x.param("extraEmails") == null ? "" : x.param("extraEmails");
        String notes = x.param("notes") == null ? "" : x.param("notes");
        boolean auto = "on".equals(x.param("autoProcessing"));
        try (SqlSession db = s.db().session()) {
            Target t = target(db, g);
            String error = null;
            List<String> extras = new ArrayList<>();
            try {
                if (!email.isEmpty()) {
                    checkEmails(email, 1023, "The primary email");
                }
                Set<String> unique = new LinkedHashSet<>();
                for (String line : extra.split("[\\r\\n,;]+")) {
                    if (!line.isBlank()) {
                        checkEmails(line.trim(), 254, "An additional email");
                        unique.add(line.trim());
                    }
                }
                if (unique.size() > MAX_EXTRA_EMAILS) {
                    throw new IllegalArgumentException("At most " + MAX_EXTRA_EMAILS + " additional emails can be kept.");
                }
                if (notes.length() > MAX_NOTES) {
                    throw new IllegalArgumentException("Notes can be at most " + MAX_NOTES + " characters.");
                }
                extras.addAll(unique);
            } catch (IllegalArgumentException e) {
                error = e.getMessage();
            }
            if (error != null) {
                Map<String, Object> m = customerModel(x, db, t, "Settings", "settings");
                m.put("error", error);
                m.put("email", email);
                m.put("extraEmails", extra);
                m.put("notes", notes);
                m.put("autoProcessing", auto);
                x.render(400, "settings.vm", m);
                return;
            }
            long cid = t.company().id();
            String listId = t.customer().listId();
            s.customers().saveSettings(db, cid, listId, extras, notes.isBlank() ? null : notes, x.username());
            s.customers().setAutoProcessing(db, cid, listId, auto);
            PendingEmail pending = s.actions().pendingEmail(db, cid, listId).orElse(null);
            String current = pending != null ? pending.email() : t.customer().email() == null ? "" : t.customer().email();
            boolean writeBack = !email.equals(current) && !email.isEmpty();
            if (writeBack) {
                s.actions().queueEmailWriteback(db, cid, listId, email, x.username());
            }
            s.audit().record(db, x.username(), x.req.getRemoteAddr(), "customer-settings", cid, listId,
                    "auto processing " + (auto ? "on" : "off") + ", " + extras.size() + " additional email(s), notes "
                    + (notes.isBlank() ? "empty" : "kept") + (writeBack ? "; primary email changed to " + email
                    + " (queued for QuickBooks)" : ""));
            x.audited = true;
            db.commit();
            x.flash("Settings saved." + (writeBack ? " The new primary email is queued to be written to QuickBooks;"
                    + " it shows here as pending until then." : "")
                    + (email.isEmpty() && !current.isEmpty() ? " (The primary email comes from QuickBooks and was left"
                    + " as it is.)" : ""));
            x.redirect(base(t.company()) + "/customers/" + URLEncoder.encode(listId, StandardCharsets.UTF_8) + "/settings?"
                    + ListLink.lenient(x.req).query());
        }
    }

    private static void checkEmails(String value, int max, String what) {
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " is too long (at most " + max + " characters).");
        }
        for (String part : value.split("\\s*[,;]\\s*")) {
            if (!EMAIL.matcher(part.trim()).matches()) {
                throw new IllegalArgumentException(what + " '" + part.trim() + "' is not an email address.");
            }
        }
    }

    void history(Exchange x, List<String> g) throws IOException, HttpError {
        int ipage = Params.intParam(x.req, "ipage", 1, 1, 100_000);
        try (SqlSession db = s.db().session()) {
            Target t = target(db, g);
            Map<String, Object> m = customerModel(x, db, t, "Transaction history", "history");
            List<PaymentLedger.Transaction> txns = putInvoices(m, db, t, ipage, HISTORY_PER_PAGE);
            m.put("qb", QuickBooksReceivables.load(s.receivables(), db, t.company().id(), t.customer().listId(),
                    QB_RECORDS_SHOWN));
            m.put("deposits", s.payments().list(t.company().id(), t.customer().listId(), PaymentPages.TRANSACTIONS_SHOWN)
                    .stream().filter(p -> p.deposit()).toList());
            payments.gateway(m, t.company().id());
            x.render("history.vm", m);
        }
    }
}
