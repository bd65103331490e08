package dev.ledgerbridge.web;

import dev.ledgerbridge.action.ActionQueue;
import dev.ledgerbridge.action.ActionRequest;
import dev.ledgerbridge.auth.StaffUser;
import dev.ledgerbridge.company.Company;
import dev.ledgerbridge.company.CompanyService;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.customer.CustomerQuery;
import dev.ledgerbridge.customer.CustomerRow;
import dev.ledgerbridge.customer.CustomerStore;
import dev.ledgerbridge.db.Database;
import dev.ledgerbridge.invoice.InvoiceLineRow;
import dev.ledgerbridge.invoice.InvoiceStore;
import dev.ledgerbridge.receivable.ReceivableMapper;
import dev.ledgerbridge.receivable.ReceivableStore;
import dev.ledgerbridge.invoice.LinkedTxnRow;
import dev.ledgerbridge.payment.CardRequests;
import dev.ledgerbridge.payment.CompanyCurrencies;
import dev.ledgerbridge.payment.PaymentSettingsService;
import dev.ledgerbridge.sync.SyncRun;
import dev.ledgerbridge.sync.SyncService;
import dev.ledgerbridge.sync.SyncStepRow;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API under /api/v1 (DESIGN.md's contract), for staff logins over HTTP Basic and API tokens
 * (Authorization: Bearer). Reads, plus POST of action-queue requests, payments and card requests. A POST must be
 * JSON (Content-Type: application/json) and no request may come from a page of another site ({@link CrossSite}): an
 * HTML form can send neither, so a page elsewhere cannot make a signed-in browser act here.
 * Errors are JSON too: {"error": code, "message": what to change}.
 */
public final class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(ApiServlet.class);
    static final int DEFAULT_SIZE = Params.DEFAULT_SIZE;
    static final int MAX_SIZE = Params.MAX_SIZE;
    /** Invoices listed inside one customer (newest first); the rest through /invoices?customer=. */
    static final int CUSTOMER_INVOICES = 500;

    private final transient Database db;
    private final transient CompanyService companies;
    private final transient CustomerStore customers;
    private final transient InvoiceStore invoices;
    private final transient ReceivableStore receivables;
    private final transient SyncService sync;
    private final transient ApiAuth auth;
    private final transient ActionQueue actions;
    private final transient dev.ledgerbridge.action.AuditLog audit;
    private final transient PaymentApi paymentApi;
    private final transient PaymentSettingsApi paymentSettingsApi;
    private final transient CardRequests cardRequests;
    private final transient PaymentSettingsService paymentSettings;

    public ApiServlet(ApiContext context) {
        this.db = context.db();
        this.companies = context.companies();
        this.customers = context.customers();
        this.invoices = context.invoices();
        this.receivables = context.receivables();
        this.sync = context.sync();
        this.auth = new ApiAuth(context.staff(), context.tokens(), context.clock());
        this.actions = context.actions();
        this.audit = context.audit();
        this.paymentApi = new PaymentApi(context);
        this.paymentSettings = context.paymentSettings();
        this.paymentSettingsApi = new PaymentSettingsApi(context);
        this.cardRequests = context.cardRequests();
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (CrossSite.refused(req)) {
            Json.error(resp, 403, "cross_site", "Requests sent by pages of other sites are refused; call the API from"
                    + " a program, or from pages of this server.");
            return;
        }
        Optional<StaffUser> user = auth.authenticate(req);
        if (user.isEmpty()) {
            ApiAuth.refuse(resp, "Sign in with a staff login (HTTP Basic) or an API token (Authorization: Bearer)"
                    + " created by an admin.");
            return;
        }
        boolean post = "POST".equals(req.getMethod());
        boolean put = "PUT".equals(req.getMethod());
        if (!"GET".equals(req.getMethod()) && !post && !put) {
            resp.setHeader("Allow", "GET, POST, PUT");
            Json.error(resp, 405, "method_not_allowed", "Only GET (and POST or PUT where a resource takes it) is"
                    + " supported.");
            return;
        }
        if (post && !Json.isJson(req.getContentType())) {
            Json.error(resp, 415, "unsupported_media_type", "Send the body as JSON, with the header"
                    + " 'Content-Type: application/json'.");
            return;
        }
        try {
            if (put) {
                String[] p = parts(req);
                if (!PaymentSettingsApi.handles(p)) {
                    route(req); // 404 for what does not exist
                    throw new HttpError(405, "method_not_allowed", "PUT is only for payment-settings.");
                }
                Company company = company(p[1]);
                Map<String, Object> out = paymentSettingsApi.put(company, PaymentApi.body(req), user.get());
                audit.record(user.get().username(), req.getRemoteAddr(), "payment-settings", company.id(),
                        "payment settings", "gateway " + out.get("gateway") + " through the API");
                Json.write(resp, 200, out);
            } else if (post) {
                Object out = routePost(req, user.get());
                if (out instanceof CardRequestApi.Answer a) {
                    Json.write(resp, a.status(), a.body());
                } else {
                    Json.write(resp, 201, out);
                }
            } else {
                Json.write(resp, 200, route(req));
            }
        } catch (HttpError e) {
            if (e.status() == 405) {
                resp.setHeader("Allow", "GET");
            }
            Json.error(resp, e.status(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("API request {} failed", req.getRequestURI(), e);
            Json.error(resp, 500, "internal_error", "The server could not answer; see its log.");
        }
    }

    private static String[] parts(HttpServletRequest req) {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        return path.replaceAll("^/+|/+$", "").split("/", -1);
    }

    /** POST /companies/{id}/actions: queue a bulk action for the action queue. */
    private Object routePost(HttpServletRequest req, StaffUser user) throws HttpError, IOException {
        String[] p = parts(req);
        if (PaymentApi.handles(p)) {
            return paymentApi.post(company(p[1]), p, req, user);
        }
        if (p.length == 5 && p[0].equals("companies") && p[2].equals("customers") && p[4].equals("card-requests")) {
            return CardRequestApi.post(cardRequests, audit, company(p[1]), p[3], req, user.username());
        }
        if (!(p.length == 3 && p[0].equals("companies") && p[2].equals("actions"))) {
            route(req); // 404 for what does not exist
            throw new HttpError(405, "method_not_allowed", "Only GET is supported here.");
        }
        Company company = company(p[1]);
        com.fasterxml.jackson.databind.JsonNode body;
        try {
            body = Json.MAPPER.readTree(req.getInputStream());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw HttpError.badRequest("the body must be JSON: {\"kind\": ..., \"customers\": [listId, ...]}");
        }
        if (body == null || !body.path("kind").isTextual() || !body.path("customers").isArray()) {
            throw HttpError.badRequest("the body must be {\"kind\": ..., \"customers\": [listId, ...]}"
                    + " with an optional \"idempotencyKey\"");
        }
        List<String> ids = new ArrayList<>();
        body.get("customers").forEach(n -> ids.add(n.asText()));
        String key = body.path("idempotencyKey").isTextual() ? body.get("idempotencyKey").asText() : null;
        try {
            ActionRequest a = actions.enqueue(company.id(), body.get("kind").asText(), ids, key, user.username());
            audit.record(user.username(), req.getRemoteAddr(), "bulk-action", company.id(),
                    "action #" + a.id(), a.kind() + " for " + a.customerCount() + " customer(s) through the API");
            return actionJson(a);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
    }

    private static Map<String, Object> actionJson(ActionRequest a) {
        Map<String, Object> o = Json.object();
        o.put("id", a.id());
        o.put("kind", a.kind());
        o.put("state", a.state());
        o.put("message", a.message() == null && ActionQueue.QUEUED.equals(a.state())
                ? "Queued for the action queue." : a.message());
        return o;
    }

    private Object route(HttpServletRequest req) throws HttpError {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        String[] p = parts(req);
        if (p.length == 1 && p[0].equals("companies")) {
            return companyList();
        }
        if (p.length >= 2 && p[0].equals("companies")) {
            Company company = company(p[1]);
            if (p.length == 3 && p[2].equals("customers")) {
                return customerPage(company, req);
            }
            if (p.length == 4 && p[2].equals("customers")) {
                return customer(company, p[3]);
            }
            if (p.length == 3 && p[2].equals("invoices")) {
                return invoicePage(company, req);
            }
            if (p.length == 3 && p[2].equals("received-payments")) {
                return receivedPayments(company, req);
            }
            if (p.length == 3 && p[2].equals("credit-memos")) {
                return creditMemos(company, req);
            }
            if (p.length == 3 && p[2].equals("sync-runs")) {
                return syncRuns(company, req);
            }
            if (p.length == 5 && p[2].equals("customers") && p[4].equals("summary")) {
                return paymentApi.summary(company, p[3]);
            }
            if (PaymentApi.handles(p)) {
                return paymentApi.get(company, p, req);
            }
            if (PaymentSettingsApi.handles(p)) {
                return paymentSettingsApi.get(company);
            }
            if (p.length == 3 && p[2].equals("actions")) {
                return actionList(company, req);
            }
        }
        throw HttpError.notFound("No such resource: " + path);
    }

    private Company company(String id) throws HttpError {
        return Params.company(companies, id);
    }

    private List<Map<String, Object>> companyList() {
        List<QbwcLogin> logins = companies.logins();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Company c : companies.companies()) {
            Map<String, Object> o = Json.object();
            o.put("id", c.id());
            o.put("name", c.name());
            o.put("username", logins.stream().filter(l -> l.companyId() == c.id()).map(QbwcLogin::username)
                    .findFirst().orElse(null));
            o.put("lastContactAt", Json.time(c.lastContactAt()));
            o.put("lastSuccessAt", Json.time(c.lastSuccessAt()));
            o.put("boundFileName", c.boundFileName());
            o.put("qbxmlVersion", c.qbxmlVersion());
            out.add(o);
        }
        return out;
    }

    private Map<String, Object> customerPage(Company company, HttpServletRequest req) throws HttpError {
        CustomerQuery query = Params.customerQuery(req, "all");
        CustomerStore.Page result;
        CompanyCurrencies cur;
        try (SqlSession s = db.session()) {
            result = customers.search(s, company.id(), query);
            cur = paymentSettings.currencies(s, company.id());
        }
        Map<String, Object> o = Json.object();
        o.put("total", result.total());
        o.put("page", query.page());
        o.put("size", query.size());
        List<Map<String, Object>> items = new ArrayList<>();
        for (CustomerRow c : result.items()) {
            items.add(customerJson(c, cur));
        }
        o.put("items", items);
        return o;
    }

    private Map<String, Object> customer(Company company, String listId) throws HttpError {
        try (SqlSession s = db.session()) {
            CustomerRow c = customers.find(s, company.id(), listId).orElseThrow(() ->
                    HttpError.notFound("No customer with ListID " + listId + " in company " + company.id()));
            CompanyCurrencies cur = paymentSettings.currencies(s, company.id());
            Map<String, Object> o = customerJson(c, cur);
            o.put("companyName", c.companyName());
            o.put("firstName", c.firstName());
            o.put("lastName", c.lastName());
            o.put("cc", c.cc());
            o.put("altPhone", c.altPhone());
            Map<String, Object> bill = Json.object();
            bill.put("addr1", c.billAddr1());
            bill.put("addr2", c.billAddr2());
            bill.put("city", c.billCity());
            bill.put("state", c.billState());
            bill.put("postalCode", c.billPostalCode());
            bill.put("country", c.billCountry());
            o.put("billAddress", bill);
            o.put("terms", c.terms());
            o.put("timeCreated", Json.time(c.timeCreated()));
            InvoiceStore.Page page = invoices.page(s, company.id(), listId, 1, CUSTOMER_INVOICES);
            o.put("invoiceCount", page.total());
            o.put("invoices", page.items().stream().map(i -> invoiceJson(i, cur)).toList());
            return o;
        }
    }

    private List<Map<String, Object>> actionList(Company company, HttpServletRequest req) throws HttpError {
        String state = req.getParameter("state");
        if (state != null && !ActionQueue.STATES.contains(state)) {
            throw HttpError.badRequest("state must be one of " + String.join(", ", ActionQueue.STATES));
        }
        int limit = Params.intParam(req, "size", 100, 1, MAX_SIZE);
        return actions.list(company.id(), state, limit).stream().map(ApiServlet::actionJson).toList();
    }

    private Map<String, Object> invoicePage(Company company, HttpServletRequest req) throws HttpError {
        int page = Params.intParam(req, "page", 1, 1, Integer.MAX_VALUE / MAX_SIZE);
        int size = Params.intParam(req, "size", DEFAULT_SIZE, 1, MAX_SIZE);
        String customer = customerParam(req);
        InvoiceStore.Page result;
        CompanyCurrencies cur;
        try (SqlSession s = db.session()) {
            result = invoices.page(s, company.id(), customer, page, size);
            cur = paymentSettings.currencies(s, company.id());
        }
        Map<String, Object> o = Json.object();
        o.put("total", result.total());
        o.put("page", page);
        o.put("size", size);
        o.put("items", result.items().stream().map(i -> invoiceJson(i, cur)).toList());
        return o;
    }

    /** The payments QuickBooks holds, whoever entered them, newest first, each with the invoices it paid. */
    private Map<String, Object> receivedPayments(Company company, HttpServletRequest req) throws HttpError {
        int page = Params.intParam(req, "page", 1, 1, Integer.MAX_VALUE / MAX_SIZE);
        int size = Params.intParam(req, "size", DEFAULT_SIZE, 1, MAX_SIZE);
        String customer = customerParam(req);
        Map<String, Object> o = Json.object();
        try (SqlSession s = db.session()) {
            var result = receivables.payments(s, company.id(), customer, page, size);
            var applied = receivables.applications(s, company.id(),
                    result.items().stream().map(ReceivableMapper.PaymentRow::txnId).toList());
            List<Map<String, Object>> items = new ArrayList<>();
            for (ReceivableMapper.PaymentRow r : result.items()) {
                Map<String, Object> i = Json.object();
                i.put("txnId", r.txnId());
                i.put("customerListId", r.customerListId());
                i.put("txnDate", Json.date(r.txnDate()));
                i.put("refNumber", r.refNumber());
                i.put("totalAmount", Json.money(r.totalAmount()));
                i.put("unusedPayment", Json.money(r.unusedPayment()));
                i.put("paymentMethod", r.paymentMethod());
                i.put("applied", applied.getOrDefault(r.txnId(), List.of()).stream().map(a -> {
                    Map<String, Object> x = Json.object();
                    x.put("txnId", a.linkedTxnId());
                    x.put("amount", Json.money(a.amount()));
                    return x;
                }).toList());
                i.put("isDeleted", r.isDeleted());
                items.add(i);
            }
            o.put("total", result.total());
            o.put("page", page);
            o.put("size", size);
            o.put("items", items);
        }
        return o;
    }

    /** The credit memos QuickBooks holds, newest first, with the credit each has left. */
    private Map<String, Object> creditMemos(Company company, HttpServletRequest req) throws HttpError {
        int page = Params.intParam(req, "page", 1, 1, Integer.MAX_VALUE / MAX_SIZE);
        int size = Params.intParam(req, "size", DEFAULT_SIZE, 1, MAX_SIZE);
        String customer = customerParam(req);
        Map<String, Object> o = Json.object();
        try (SqlSession s = db.session()) {
            var result = receivables.creditMemos(s, company.id(), customer, page, size);
            o.put("total", result.total());
            o.put("page", page);
            o.put("size", size);
            o.put("items", result.items().stream().map(r -> {
                Map<String, Object> i = Json.object();
                i.put("txnId", r.txnId());
                i.put("refNumber", r.refNumber());
                i.put("customerListId", r.customerListId());
                i.put("txnDate", Json.date(r.txnDate()));
                i.put("totalAmount", Json.money(r.totalAmount()));
                i.put("creditRemaining", Json.money(r.creditRemaining()));
                i.put("memo", r.memo());
                i.put("isDeleted", r.isDeleted());
                return i;
            }).toList());
        }
        return o;
    }

    private static String customerParam(HttpServletRequest req) throws HttpError {
        String customer = req.getParameter("customer");
        if (customer != null && (customer.isBlank() || customer.length() > 36)) {
            throw HttpError.badRequest("customer must be a customer's ListID");
        }
        return customer;
    }

    static Map<String, Object> invoiceJson(InvoiceStore.Full f, CompanyCurrencies cur) {
        var i = f.invoice();
        Map<String, Object> o = Json.object();
        o.put("txnId", i.txnId());
        o.put("refNumber", i.refNumber());
        o.put("txnNumber", i.txnNumber());
        o.put("customerListId", i.customerListId());
        o.put("customerFullName", i.customerFullName());
        o.put("txnDate", Json.date(i.txnDate()));
        o.put("dueDate", Json.date(i.dueDate()));
        o.put("terms", i.terms());
        o.put("poNumber", i.poNumber());
        o.put("subtotal", Json.money(i.subtotal()));
        o.put("salesTaxPercentage", i.salesTaxPercentage() == null ? null
                : i.salesTaxPercentage().stripTrailingZeros().toPlainString());
        o.put("salesTaxTotal", Json.money(i.salesTaxTotal()));
        o.put("appliedAmount", Json.money(i.appliedAmount()));
        o.put("balanceRemaining", Json.money(i.balanceRemaining()));
        String currency = cur.of(i.currency());
        boolean home = currency.equals(cur.home());
        o.put("currency", currency);
        // an invoice in the home currency (every invoice of a file without multicurrency) is at 1
        o.put("exchangeRate", i.exchangeRate() != null ? i.exchangeRate().stripTrailingZeros().toPlainString()
                : home ? "1" : null);
        o.put("balanceRemainingInHomeCurrency", Json.money(i.balanceRemainingInHomeCurrency() != null
                ? i.balanceRemainingInHomeCurrency() : home ? i.balanceRemaining() : null));
        o.put("isPaid", i.isPaid());
        o.put("isPending", i.isPending());
        o.put("isDeleted", i.isDeleted());
        o.put("memo", i.memo());
        o.put("editSequence", i.editSequence());
        o.put("timeModified", Json.time(i.timeModified()));
        List<Map<String, Object>> lines = new ArrayList<>();
        for (InvoiceLineRow l : f.lines()) {
            Map<String, Object> lo = Json.object();
            lo.put("txnLineId", l.txnLineId());
            lo.put("isGroup", l.isGroup());
            lo.put("groupTxnLineId", l.groupTxnLineId());
            lo.put("itemListId", l.itemListId());
            lo.put("itemFullName", l.itemFullName());
            lo.put("desc", l.description());
            lo.put("quantity", Json.decimal(l.quantity()));
            lo.put("rate", Json.decimal(l.rate()));
            lo.put("ratePercent", Json.decimal(l.ratePercent()));
            lo.put("amount", Json.money(l.amount()));
            lo.put("serviceDate", Json.date(l.serviceDate()));
            lo.put("salesTaxCode", l.salesTaxCode());
            lines.add(lo);
        }
        o.put("lines", lines);
        List<Map<String, Object>> links = new ArrayList<>();
        for (LinkedTxnRow t : f.links()) {
            Map<String, Object> to = Json.object();
            to.put("txnId", t.linkedTxnId());
            to.put("txnType", t.txnType());
            to.put("txnDate", Json.date(t.txnDate()));
            to.put("refNumber", t.refNumber());
            to.put("linkType", t.linkType());
            to.put("amount", Json.money(t.amount()));
            links.add(to);
        }
        o.put("linkedTxns", links);
        return o;
    }

    static Map<String, Object> customerJson(CustomerRow c, CompanyCurrencies cur) {
        Map<String, Object> o = Json.object();
        o.put("listId", c.listId());
        o.put("fullName", c.fullName());
        o.put("name", c.name());
        o.put("parentListId", c.parentListId());
        o.put("sublevel", c.sublevel());
        o.put("email", c.email());
        o.put("phone", c.phone());
        o.put("balance", Json.money(c.balance()));
        o.put("totalBalance", Json.money(c.totalBalance()));
        o.put("currency", cur.of(c.currency()));
        o.put("isActive", c.isActive());
        o.put("isDeleted", c.isDeleted());
        o.put("editSequence", c.editSequence());
        o.put("timeModified", Json.time(c.timeModified()));
        o.put("autoProcessing", c.autoProcessing());
        return o;
    }

    private List<Map<String, Object>> syncRuns(Company company, HttpServletRequest req) throws HttpError {
        int limit = Params.intParam(req, "size", 20, 1, 200);
        List<Map<String, Object>> out = new ArrayList<>();
        for (SyncRun r : sync.recentRuns(company.id(), limit)) {
            Map<String, Object> o = Json.object();
            o.put("id", r.id());
            o.put("startedAt", Json.time(r.startedAt()));
            o.put("endedAt", Json.time(r.endedAt()));
            o.put("outcome", r.outcome());
            o.put("error", r.error());
            o.put("hresult", r.hresult());
            o.put("qbxmlVersion", r.qbxmlVersion());
            o.put("received", r.recordsReceived());
            o.put("inserted", r.recordsInserted());
            o.put("updated", r.recordsUpdated());
            o.put("deleted", r.recordsDeleted());
            List<Map<String, Object>> steps = new ArrayList<>();
            for (SyncStepRow st : sync.steps(r.id())) {
                Map<String, Object> so = Json.object();
                so.put("step", st.step());
                so.put("state", st.state());
                so.put("fullResync", st.fullResync());
                so.put("requests", st.requests());
                so.put("received", st.received());
                so.put("inserted", st.inserted());
                so.put("updated", st.updated());
                so.put("unchanged", st.unchanged());
                so.put("deleted", st.deleted());
                so.put("bytes", st.bytes());
                so.put("durationMs", st.durationMs());
                so.put("statusCodes", st.statusCodes());
                so.put("hresult", st.hresult());
                so.put("error", st.error());
                steps.add(so);
            }
            o.put("steps", steps);
            out.add(o);
        }
        return out;
    }
}
