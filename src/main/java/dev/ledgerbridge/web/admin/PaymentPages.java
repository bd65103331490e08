package dev.ledgerbridge.web.admin;

import dev.ledgerbridge.company.Company;
import dev.ledgerbridge.customer.CustomerRow;
import dev.ledgerbridge.payment.CardDetails;
import dev.ledgerbridge.payment.ChargeRequest;
import dev.ledgerbridge.payment.InvoiceAmount;
import dev.ledgerbridge.payment.PaymentException;
import dev.ledgerbridge.payment.HostedFields;
import dev.ledgerbridge.payment.PaymentGateway;
import dev.ledgerbridge.payment.PaymentGateways;
import dev.ledgerbridge.payment.PaymentProfile;
import dev.ledgerbridge.payment.PaymentRecord;
import dev.ledgerbridge.payment.PaymentResult;
import dev.ledgerbridge.payment.CreditSettings;
import dev.ledgerbridge.payment.PaymentSettings;
import dev.ledgerbridge.payment.Payments;
import dev.ledgerbridge.web.ApiContext;
import dev.ledgerbridge.web.HostedPages;
import dev.ledgerbridge.web.HttpError;
import dev.ledgerbridge.web.Params;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /**
     * The company's gateway for pages that show payments: its label, the test label every payment page shows while no
     * real money moves ("Sandbox - no real money", "Stripe test mode"), whether cards are typed on Ledgerbridge's
     * own form (the sandbox) or in the gateway's hosted fields, and what is wrong when it cannot be used.
     */
    void gateway(Map<String, Object> m, long companyId) {
        PaymentSettings ps = s.paymentSettings().get(companyId);
        m.put("paymentSettings", ps);
        m.put("gatewayLabel", s.gateways().labels().getOrDefault(ps.gateway(), ps.gateway()));
        try {
            PaymentGateway gw = s.gateways().forSettings(ps);
            m.put("sandbox", gw.isSandbox());
            m.put("testLabel", gw.testLabel());
            m.put("typedCards", gw.typedCards());
            m.put("findPrompt", gw.findPrompt());
            m.put("gatewayProblem", null);
        } catch (PaymentException e) {
            m.put("sandbox", false);
            m.put("testLabel", null);
            m.put("typedCards", false);
            m.put("findPrompt", "Name or email");
            m.put("gatewayProblem", e.getMessage());
        }
    }

    /** What customer.vm shows about payments. */
    void model(Map<String, Object> m, long companyId, String listId) {
        gateway(m, companyId);
        m.put("profiles", s.paymentProfiles().list(companyId, listId));
        // each card is charged at the gateway that holds it, whichever the company uses now
        m.put("gatewayLabels", s.gateways().labels());
        List<Payments.OpenInvoice> open = s.payments().openInvoices(companyId, listId);
        m.put("openInvoices", open);
        m.put("openBalance", open.stream().map(Payments.OpenInvoice::effectiveBalance)
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add));
        m.put("payments", s.payments().list(companyId, listId, TRANSACTIONS_SHOWN));
        m.put("payKey", UUID.randomUUID().toString());
        m.put("depositKey", UUID.randomUUID().toString());
        m.put("refundKey", UUID.randomUUID().toString());
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

    /**
     * The "Add a card" page of a gateway with hosted fields: the gateway's card field (its customer profile and a
     * setup made for it now), and a search of the customers already at the gateway whose cards can be linked. The
     * page's Content-Security-Policy lets the gateway's script and frames in; no other admin page does.
     */
    void newCard(Exchange x, List<String> g) throws IOException, HttpError {
        Target t = target(g);
        Map<String, Object> m = x.model("Add a card — " + t.customer().fullName());
        m.put("company", t.company());
        m.put("customer", t.customer());
        m.put("nav", "customers");
        m.put("back", t.back(x));
        m.put("query", ListLink.lenient(x.req).query());
        gateway(m, t.company().id());
        HostedFields h = null;
        String problem = (String) m.get("gatewayProblem");
        if (problem == null && !(Boolean) m.get("typedCards")) {
            try {
                h = s.paymentProfiles().hostedFields(t.company().id(), t.customer().listId());
            } catch (PaymentException e) {
                problem = e.getMessage();
            }
        }
        m.put("hosted", h);
        m.put("problem", problem);
        String q = x.param("find");
        m.put("q", q == null ? "" : q);
        m.put("found", null);
        if (q != null && !q.isEmpty() && problem == null) {
            try {
                m.put("found", s.paymentProfiles().findAtGateway(t.company().id(), q));
            } catch (PaymentException e) {
                m.put("problem", e.getMessage());
            }
        }
        if (h != null) {
            x.resp.setHeader("Content-Security-Policy", HostedPages.csp(AdminServlet.CSP, h));
        }
        x.render("card-new.vm", m);
    }

    /** Saves the card the gateway's hosted fields confirmed (only their ids are posted, never a card number). */
    void addHosted(Exchange x, List<String> g) throws HttpError {
        Target t = target(g);
        Map<String, String> result = new LinkedHashMap<>();
        for (String field : s.gateways().hostedResultFields()) {
            String v = x.param(field);
            if (v != null && !v.isEmpty()) {
                result.put(field, v.length() > PaymentGateways.MAX_HOSTED_RESULT ? v.substring(0, PaymentGateways.MAX_HOSTED_RESULT) : v);
            }
        }
        try {
            PaymentProfile p = s.paymentProfiles().addHosted(t.company().id(), t.customer().listId(), result,
                    x.param("nameOnCard"), x.username());
            x.flash("Card saved: " + p.label() + (p.isDefault() ? " (default)." : "."));
        } catch (PaymentException e) {
            x.flash("The card was not saved: " + e.getMessage());
        }
        x.redirect(t.back(x) + "#profiles-h");
    }

    /** Links the cards a customer already has at the gateway as this customer's payment profiles. */
    void link(Exchange x, List<String> g) throws HttpError {
        Target t = target(g);
        try {
            List<PaymentProfile> added = s.paymentProfiles().link(t.company().id(), t.customer().listId(),
                    x.required("gatewayCustomerId", 100), x.username());
            x.flash(added.isEmpty() ? "No new card to link: that customer has no card at the gateway that is not"
                    + " linked already." : "Linked " + added.size() + " card" + (added.size() == 1 ? "" : "s") + ": "
                    + String.join("; ", added.stream().map(PaymentProfile::label).toList()) + ".");
        } catch (PaymentException e) {
            x.flash("Nothing was linked: " + e.getMessage());
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
        showSettings(x, 200, company, s.paymentSettings().get(company.id()),
                s.paymentSettings().credits(company.id()), null);
    }

    void saveSettings(Exchange x, List<String> g) throws IOException, HttpError {
        Company company = Params.company(s.companies(), g.get(0));
        try {
            String gateway = x.param("gateway") == null ? "" : x.param("gateway");
            Map<String, String> credentials = new LinkedHashMap<>();
            for (String name : x.req.getParameterMap().keySet()) {
                if (name.startsWith("cred." + gateway + ".")) {
                    credentials.put(name.substring(("cred." + gateway + ".").length()), x.param(name));
                }
            }
            CreditSettings.itemName(x.param("refundItemName"));
            s.paymentSettings().save(company.id(), gateway, x.param("credentialsRef"), x.param("currency"),
                    x.param("paymentMethodName"), x.param("depositAccountName"), credentials, x.username());
            s.paymentSettings().saveCredits(company.id(), x.param("applyCreditsFirst") != null,
                    x.param("refundItemName"), x.username());
        } catch (PaymentException e) {
            PaymentSettings typed = new PaymentSettings(company.id(), x.param("gateway") == null ? ""
                    : x.param("gateway"), x.param("credentialsRef"), x.param("currency"), x.param("paymentMethodName"),
                    x.param("depositAccountName"), null, null);
            showSettings(x, 400, company, typed, new CreditSettings(company.id(),
                    x.param("applyCreditsFirst") != null, x.param("refundItemName"), null, null), e.getMessage());
            return;
        }
        x.flash("Payment settings saved.");
        x.redirect(AdminServlet.BASE + "/companies/" + company.id() + "/payment-settings");
    }

    /** Where the gateway reaches this server: public.url, else the address this page was opened with. */
    private String webhookBase(Exchange x) {
        String base = x.servlet().ctx.config().get(dev.ledgerbridge.config.Setting.PUBLIC_URL);
        if (base.isEmpty()) {
            base = x.req.getScheme() + "://" + x.req.getServerName()
                    + (x.req.getServerPort() == 80 || x.req.getServerPort() == 443 ? "" : ":" + x.req.getServerPort());
        }
        return base.replaceAll("/+$", "");
    }

    private void showSettings(Exchange x, int status, Company company, PaymentSettings ps, CreditSettings cs,
                              String error) throws IOException {
        Map<String, Object> m = x.model("Payment settings — " + company.name());
        m.put("company", company);
        m.put("nav", "payment-settings");
        m.put("ps", ps);
        m.put("cs", cs);
        m.put("error", error);
        m.put("gateways", s.gateways().labels());
        m.put("credentialsPresent", s.gateways().credentialsPresent(ps.credentialsRef()));
        Map<String, List<PaymentGateways.CredentialView>> accounts = new LinkedHashMap<>();
        Map<String, String> webhooks = new LinkedHashMap<>();
        String base = webhookBase(x);
        for (String g : s.gateways().names()) {
            if (!s.gateways().provider(g).fields().isEmpty()) {
                accounts.put(g, s.gateways().view(company.id(), g));
                webhooks.put(g, base + "/webhooks/" + g + "/" + company.id());
            }
        }
        m.put("accounts", accounts);
        m.put("webhooks", webhooks);
        PaymentGateway gw = null;
        try {
            gw = s.gateways().forSettings(ps);
        } catch (PaymentException e) {
            // an unknown or unconnected gateway: shown with the error
        }
        m.put("sandbox", gw != null && gw.isSandbox());
        m.put("testLabel", gw == null ? null : gw.testLabel());
        m.put("gatewayLabel", gw == null ? s.gateways().labels().getOrDefault(ps.gateway(), ps.gateway())
                : gw.label());
        m.put("canEdit", x.session.admin());
        x.render(status, "payment-settings.vm", m);
    }
}
