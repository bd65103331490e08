package dev.ledgerbridge.web.admin;

import dev.ledgerbridge.company.Company;
import dev.ledgerbridge.mail.Mailer;
import dev.ledgerbridge.mail.OutboxMessage;
import dev.ledgerbridge.payment.CardRequestOutcome;
import dev.ledgerbridge.payment.CardRequests;
import dev.ledgerbridge.payment.PaymentProfile;
import dev.ledgerbridge.web.ApiContext;
import dev.ledgerbridge.web.HttpError;
import dev.ledgerbridge.web.Params;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;

/**
 * Card-information requests in the admin pages: the customer page's section (send one, its requests with status
 * and history), the company's card-request page (the pre-authorization text customers accept, recent requests) and
 * the Outbox (every message Ledgerbridge sent or wrote to the outbox folder).
 */
final class CardRequestPages {
    static final int OUTBOX_PAGE = 200;
    static final int RECENT = 100;
    private final ApiContext s;

    CardRequestPages(AdminContext ctx) {
        this.s = ctx.services();
    }

    /** What the customer page's card-request section shows. */
    static void addToCustomerPage(ApiContext s, Map<String, Object> m, long companyId, String listId) {
        List<PaymentProfile> profiles = s.paymentProfiles().list(companyId, listId);
        m.put("cardRequests", s.cardRequests().forCustomer(companyId, listId));
        m.put("cardRequestHistory", s.cardRequests().history(companyId, listId));
        m.put("cardRequestKinds", CardRequests.KINDS);
        m.put("cardRequestLabels", CardRequests.KIND_LABELS);
        m.put("cardRequestProfiles", profiles);
        m.put("cardRequestDefaultKind", profiles.isEmpty() ? CardRequests.NEW_PROFILE : CardRequests.UPDATE_PROFILE);
    }

    /** POST .../customers/{listId}/card-requests: send the customer a request. */
    void send(Exchange x, List<String> g) throws HttpError {
        Company company = Params.company(s.companies(), g.get(0));
        String listId = g.get(1);
        try (SqlSession db = s.db().session()) {
            s.customers().find(db, company.id(), listId).orElseThrow(() -> HttpError.notFound(
                    "There is no customer with ListID " + listId + " in " + company.name() + "."));
        }
        String kind = x.param("kind");
        if (kind == null || !CardRequests.KINDS.contains(kind)) {
            throw HttpError.badRequest("Choose what to ask for: " + String.join(", ", CardRequests.KINDS) + ".");
        }
        Long profileId = null;
        String p = x.param("profileId");
        if (p != null && !p.isEmpty()) {
            try {
                profileId = Long.parseLong(p);
            } catch (NumberFormatException e) {
                throw HttpError.badRequest("profileId must be a number.");
            }
        }
        CardRequestOutcome o = s.cardRequests().send(company.id(), listId, kind, profileId, x.username(),
                requestBase(x));
        x.flash(switch (o.status()) {
            case CardRequestOutcome.SENT -> "Card-information request #" + o.requestId() + " " + o.message() + ".";
            case CardRequestOutcome.FAILED -> "Card-information request #" + o.requestId() + " " + o.message()
                    + ". Check the email settings (Outbox page) and send it again.";
            default -> "No card-information request was sent: " + o.message().replaceFirst("^skipped: ", "") + ".";
        });
        x.redirect(AdminServlet.BASE + "/companies/" + company.id() + "/customers/"
                + URLEncoder.encode(listId, StandardCharsets.UTF_8) + "?" + ListLink.lenient(x.req).query()
                + "#card-requests-h");
    }

    /** scheme://host[:port] of the staff page, the link's base when no base URL is configured. */
    static String requestBase(Exchange x) {
        StringBuffer url = x.req.getRequestURL();
        String uri = x.req.getRequestURI();
        return url.substring(0, url.length() - uri.length());
    }

    /** GET /companies/{id}/card-requests: the pre-authorization text and the latest requests. */
    void companyPage(Exchange x, List<String> g) throws IOException, HttpError {
        Company company = Params.company(s.companies(), g.get(0));
        show(x, company, 200, s.cardRequests().preauthText(company.id()), null);
    }

    private void show(Exchange x, Company company, int status, String text, String error) throws IOException {
        Map<String, Object> m = x.model("Card-information requests — " + company.name());
        m.put("company", company);
        m.put("nav", "card-requests");
        m.put("preauth", text);
        m.put("error", error);
        m.put("maxPreauth", CardRequests.MAX_PREAUTH);
        m.put("requests", s.cardRequests().recent(company.id(), RECENT));
        m.put("labels", CardRequests.KIND_LABELS);
        x.render(status, "card-requests.vm", m);
    }

    /** POST /companies/{id}/card-requests/preauth: save the pre-authorization text. */
    void savePreauth(Exchange x, List<String> g) throws IOException, HttpError {
        Company company = Params.company(s.companies(), g.get(0));
        String text = x.req.getParameter("preauth");
        try {
            s.cardRequests().savePreauthText(company.id(), text, x.username());
        } catch (IllegalArgumentException e) {
            show(x, company, 400, text == null ? "" : text, e.getMessage());
            return;
        }
        x.flash("Pre-authorization text saved: customers see it on the card page from now on.");
        x.redirect(AdminServlet.BASE + "/companies/" + company.id() + "/card-requests");
    }

    /** GET /outbox: the mail log, newest first. */
    void outbox(Exchange x, List<String> g) throws IOException {
        Mailer mailer = s.mailer();
        Map<String, Object> m = x.model("Outbox");
        m.put("nav", "outbox");
        m.put("outboxMode", mailer.outboxMode());
        m.put("folder", mailer.outboxFolder().toString());
        m.put("mails", mailer.recent(OUTBOX_PAGE));
        x.render("outbox.vm", m);
    }

    /**
     * GET /outbox/{id}: one message read back from its .eml file, as text. Card-request links work for whoever holds
     * them, so only admins (who may have to forward the message by hand) see them whole; staff see them hidden.
     */
    void outboxMessage(Exchange x, List<String> g) throws IOException, HttpError {
        long id = Long.parseLong(g.get(0));
        OutboxMessage msg = s.mailer().outboxMessage(id).orElseThrow(() -> HttpError.notFound(
                "Message #" + id + " is not in the outbox folder (it was sent by SMTP, failed, or its file was removed)."));
        boolean admin = x.session.admin();
        Map<String, Object> m = x.model("Message #" + id);
        m.put("nav", "outbox");
        m.put("msg", msg);
        m.put("text", admin ? msg.text() : CardRequests.hideLinks(msg.text()));
        m.put("linksHidden", !admin);
        x.render("outbox-message.vm", m);
    }
}
