package dev.ledgerbridge.web.admin;

import dev.ledgerbridge.company.Company;
import dev.ledgerbridge.customer.CustomerRow;
import dev.ledgerbridge.payment.CardDetails;
import dev.ledgerbridge.payment.ChargeRequest;
import dev.ledgerbridge.payment.InvoiceAmount;
import dev.ledgerbridge.payment.PaymentException;
import dev.ledgerbridge.payment.PaymentGateway;
import dev.ledgerbridge.payment.PaymentProfile;
import dev.ledgerbridge.payment.PaymentRecord;
import dev.ledgerbridge.payment.PaymentResult;
import dev.ledgerbridge.payment.PaymentSettings;
import dev.ledgerbridge.payment.Payments;
import dev.ledgerbridge.web.ApiContext;
import dev.ledgerbridge.web.HttpError;
import dev.ledgerbridge.web.Params;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.ibatis.session.SqlSession;

/**
 * The payment parts of the customer page (profiles, taking a payment or a deposit, refunds, retries) and a
 * company's payment settings. Every form carries the CSRF token and a fresh idempotency key, so a form sent twice
 * (a double click, a reload) charges once.
 */
final class PaymentPages {
    static final int TRANSACTIONS_SHOWN = 200;
    private final ApiContext s;

    PaymentPages(AdminContext ctx) {
        this.s = ctx.services();
    }

    /** The company's gateway and whether it is the sandbox, for pages that show payments. */
    void gateway(Map<String, Object> m, long companyId) {
        PaymentSettings ps = s.paymentSettings().get(companyId);
        m.put("paymentSettings", ps);
        m.put("gatewayLabel", s.gateways().labels().getOrDefault(ps.gateway(), ps.gateway()));
        m.put("sandbox", isSandbox(ps));
    }

    /** What customer.vm shows about payments. */
    void model(Map<String, Object> m, long companyId, String listId) {
        gateway(m, companyId);
        m.put("profiles", s.paymentProfiles().list(companyId, listId));
        List<Payments.OpenInvoice> open = s.payments().openInvoices(companyId, listId);
        m.put("openInvoices", open);
        m.put("openBalance", open.stream().map(Payments.OpenInvoice::effectiveBalance)
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add));
        m.put("payments", s.payments().list(companyId, listId, TRANSACTIONS_SHOWN));
        m.put("payKey", UUID.randomUUID().toString());
        m.put("depositKey", UUID.randomUUID().toString());
        m.put("refundKey", UUID.randomUUID().toString());
    }

    private boolean isSandbox(PaymentSettings ps) {
        try {
            return s.gateways().forSettings(ps).isSandbox();
        } catch (PaymentException e) {
            return false;
        }
    }

    private record Target(Company company, CustomerRow customer) {
        String back(Exchange x) {
            return AdminServlet.BASE + "/companies/" + company.id() + "/customers/"
                    + URLEncoder.encode(customer.listId(), StandardCharsets.UTF_8) + "?" + ListLink.lenient(x.req).query();
        }
    }

    private Target target(List<String> g) throws HttpError {
        Company company = Params.company(s.companies(), g.get(0));
        try (SqlSession db = s.db().session()) {
            CustomerRow c = s.customers().find(db, company.id(), g.get(1)).orElseThrow(() ->
                    HttpError.notFound("There is no customer with ListID " + g.get(1) + " in " + company.name() + "."));
            return new Target(company, c);
        }
    }

    private static long id(String v) throws HttpError {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("Not a number: " + v);
        }
    }

    private static int intField(Exchange x, String name, String what) {
        String v = x.param(name);
        try {
            return Integer.parseInt(v == null ? "" : v.trim());
        } catch (NumberFormatException e) {
            throw new PaymentException(what + " must be a number.");
        }
    }

    private static BigDecimal amount(String v, String what) {
        try {
            return new BigDecimal(v == null ? "" : v.replace(",", "").trim());
        } catch (NumberFormatException e) {
            throw new PaymentException(what + " must be an amount such as 80.00.");
        }
    }

    // ---- profiles ---------------------------------------------------------------------------------------------

    void addProfile(Exchange x, List<String> g) throws HttpError {
        Target t = target(g);
        try {
            int year = intField(x, "expYear", "The expiry year");
            CardDetails card = new CardDetails(x.param("number"), intField(x, "expMonth", "The expiry month"),
                    year < 100 ? 2000 + year : year, x.param("nameOnCard"), x.param("postalCode"));
            PaymentProfile p = s.paymentProfiles().add(t.company().id(), t.customer().listId(), card, x.username());
            x.flash("Card saved: " + p.label() + (p.isDefault() ? " (default)." : "."));
        } catch (PaymentException e) {
            x.flash("The card was not saved: " + e.getMessage());
        }
        x.redirect(t.back(x) + "#profiles-h");
    }

    void setDefault(Exchange x, List<String> g) throws HttpError {
        Target t = target(g);
        try {
            s.paymentProfiles().setDefault(t.company().id(), t.customer().listId(), id(g.get(2)), x.username());
            x.flash("Default payment profile changed.");
        } catch (PaymentException e) {
            x.flash(e.getMessage());
        }
        x.redirect(t.back(x) + "#profiles-h");
    }

    void setAuto(Exchange x, List<String> g) throws HttpError {
        Target t = target(g);
        boolean on = "on".equals(x.param("auto"));
        try {
            s.paymentProfiles().setAutoEnabled(t.company().id(), t.customer().listId(), id(g.get(2)), on,
                    x.username());
            x.flash(on ? "Auto processing may charge this card." : "Auto processing will not charge this card.");
        } catch (PaymentException e) {
            x.flash(e.getMessage());
        }
        x.redirect(t.back(x) + "#profiles-h");
    }

    void remove(Exchange x, List<String> g) throws HttpError {
        Target t = target(g);
        try {
            s.paymentProfiles().remove(t.company().id(), t.customer().listId(), id(g.get(2)), x.username());
            x.flash("Payment profile removed, and deleted at the gateway.");
        } catch (PaymentException e) {
            x.flash(e.getMessage());
        }
        x.redirect(t.back(x) + "#profiles-h");
    }

    // ---- payments ---------------------------------------------------------------------------------------------

    void pay(Exchange x, List<String> g) throws HttpError {
        Target t = target(g);
        try {
            List<InvoiceAmount> invoices = new ArrayList<>();
            for (String txnId : x.params("invoice")) {
                invoices.add(new InvoiceAmount(txnId, amount(x.param("amount-" + txnId), "The amount")));
            }
            if (invoices.isEmpty()) {
                throw new PaymentException("Tick at least one invoice to pay.");
            }
            PaymentResult r = s.payments().charge(new ChargeRequest(t.company().id(), t.customer().listId(),
                    id(x.required("profileId", 20)), invoices, null, x.required("key", 100), "manual", x.username()));
            x.flash("Payment #" + r.id() + ": " + r.result() + (r.message() == null ? "." : " — " + r.message()));
        } catch (PaymentException e) {
            x.flash("Nothing was charged: " + e.getMessage());
        }
        x.redirect(t.back(x) + "#txns-h");
    }

    void deposit(Exchange x, List<String> g) throws HttpError {
        Target t = target(g);
        try {
            PaymentResult r = s.payments().charge(new ChargeRequest(t.company().id(), t.customer().listId(),
                    id(x.required("profileId", 20)), List.of(), amount(x.param("amount"), "The deposit amount"),
                    x.required("key", 100), "deposit", x.username()));
            x.flash("Deposit #" + r.id() + ": " + r.result() + (r.message() == null ? "." : " — " + r.message()));
        } catch (PaymentException e) {
            x.flash("Nothing was charged: " + e.getMessage());
        }
        x.redirect(t.back(x) + "#txns-h");
    }

    void refund(Exchange x, List<String> g) throws HttpError {
        Target t = target(g);
        try {
            long paymentId = id(g.get(2));
            owned(t, paymentId);
            String a = x.param("amount");
            PaymentResult r = s.payments().refund(t.company().id(), paymentId,
                    a == null || a.isEmpty() ? null : amount(a, "The refund amount"), x.required("key", 100),
                    x.username());
            x.flash("Refund #" + r.id() + " of payment #" + paymentId + ": " + r.result()
                    + (r.message() == null ? "." : " — " + r.message()));
        } catch (PaymentException e) {
            x.flash("Nothing was refunded: " + e.getMessage());
        }
        x.redirect(t.back(x) + "#txns-h");
    }

    void retry(Exchange x, List<String> g) throws HttpError {
        Target t = target(g);
        try {
            long paymentId = id(g.get(2));
            owned(t, paymentId);
            PaymentResult r = s.payments().retry(t.company().id(), paymentId);
            x.flash("Payment #" + r.id() + " asked again at the gateway: " + r.result()
                    + (r.message() == null ? "." : " — " + r.message()));
        } catch (PaymentException e) {
            x.flash(e.getMessage());
        }
        x.redirect(t.back(x) + "#txns-h");
    }

    private void owned(Target t, long paymentId) {
        PaymentRecord p = s.payments().find(t.company().id(), paymentId).orElse(null);
        if (p == null || !p.customerListId().equals(t.customer().listId())) {
            throw new PaymentException("This customer has no payment #" + paymentId + ".");
        }
    }

    // ---- settings ---------------------------------------------------------------------------------------------

    void settings(Exchange x, List<String> g) throws IOException, HttpError {
        Company company = Params.company(s.companies(), g.get(0));
        showSettings(x, 200, company, s.paymentSettings().get(company.id()), null);
    }

    void saveSettings(Exchange x, List<String> g) throws IOException, HttpError {
        Company company = Params.company(s.companies(), g.get(0));
        try {
            s.paymentSettings().save(company.id(), x.param("gateway"), x.param("credentialsRef"), x.param("currency"),
                    x.param("paymentMethodName"), x.param("depositAccountName"), x.username());
        } catch (PaymentException e) {
            PaymentSettings typed = new PaymentSettings(company.id(), x.param("gateway") == null ? ""
                    : x.param("gateway"), x.param("credentialsRef"), x.param("currency"), x.param("paymentMethodName"),
                    x.param("depositAccountName"), null, null);
            showSettings(x, 400, company, typed, e.getMessage());
            return;
        }
        x.flash("Payment settings saved.");
        x.redirect(AdminServlet.BASE + "/companies/" + company.id() + "/payment-settings");
    }

    private void showSettings(Exchange x, int status, Company company, PaymentSettings ps, String error)
            throws IOException {
        Map<String, Object> m = x.model("Payment settings — " + company.name());
        m.put("company", company);
        m.put("nav", "payment-settings");
        m.put("ps", ps);
        m.put("error", error);
        m.put("gateways", s.gateways().labels());
        m.put("credentialsPresent", s.gateways().credentialsPresent(ps.credentialsRef()));
        PaymentGateway gw = null;
        try {
            gw = s.gateways().forSettings(ps);
        } catch (PaymentException e) {
            // an unknown gateway typed into the form: shown with the error
        }
        m.put("sandbox", gw != null && gw.isSandbox());
        m.put("gatewayLabel", gw == null ? ps.gateway() : gw.label());
        m.put("canEdit", x.session.admin());
        x.render(status, "payment-settings.vm", m);
    }
}
