package dev.ledgerbridge.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerbridge.auth.StaffUser;
import dev.ledgerbridge.company.Company;
import dev.ledgerbridge.customer.CustomerRow;
import dev.ledgerbridge.payment.CardDetails;
import dev.ledgerbridge.payment.ChargeRequest;
import dev.ledgerbridge.payment.InvoiceAmount;
import dev.ledgerbridge.payment.IdempotencyKeyConflict;
import dev.ledgerbridge.payment.PaymentException;
import dev.ledgerbridge.payment.PaymentGateways;
import dev.ledgerbridge.payment.PaymentLedger;
import dev.ledgerbridge.payment.PaymentProfile;
import dev.ledgerbridge.payment.PaymentProfiles;
import dev.ledgerbridge.payment.PaymentRecord;
import dev.ledgerbridge.payment.PaymentResult;
import dev.ledgerbridge.payment.PaymentGateway;
import dev.ledgerbridge.payment.PaymentSettingsService;
import dev.ledgerbridge.payment.Payments;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;

/**
 * The payments part of the JSON API (DESIGN.md): payment profiles of a customer, payments of a company (charges,
 * deposits, refunds) and a customer's summary. Card numbers enter through POST .../payment-profiles and go straight
 * to the gateway; they are never echoed, stored or logged.
 */
final class PaymentApi {
    private final ApiContext ctx;
    private final Payments payments;
    private final PaymentProfiles profiles;
    private final PaymentSettingsService settings;
    private final PaymentGateways gateways;

    PaymentApi(ApiContext ctx) {
        this.ctx = ctx;
        this.payments = ctx.payments();
        this.profiles = ctx.paymentProfiles();
        this.settings = ctx.paymentSettings();
        this.gateways = ctx.gateways();
    }

    /**
     * companies/{id}/customers/{listId}/payment-profiles (GET, POST), companies/{id}/payments (GET, POST),
     * companies/{id}/payments/{pid} (GET) and companies/{id}/payments/{pid}/refunds (POST {"amount"?,
     * "idempotencyKey"}: no amount refunds what is left).
     */
    static boolean handles(String[] p) {
        return p.length >= 3 && p[0].equals("companies")
                && ((p.length == 5 && p[2].equals("customers") && p[4].equals("payment-profiles"))
                || (p[2].equals("payments") && p.length <= 5));
    }

    Object get(Company company, String[] p, HttpServletRequest req) throws HttpError {
        if (p[2].equals("customers")) {
            customer(company, p[3]);
            return profiles.list(company.id(), p[3]).stream().map(this::profileJson).toList();
        }
        if (p.length == 3) {
            String customer = req.getParameter("customer");
            if (customer != null && (customer.isBlank() || customer.length() > 36)) {
                throw HttpError.badRequest("customer must be a customer's ListID");
            }
            int size = Params.intParam(req, "size", 100, 1, Params.MAX_SIZE);
            return payments.list(company.id(), customer, size).stream().map(PaymentApi::paymentJson).toList();
        }
        if (p.length == 4) {
            return paymentJson(payments.find(company.id(), id(p[3])).orElseThrow(() ->
                    HttpError.notFound("No payment " + p[3] + " in company " + company.id())));
        }
        throw HttpError.notFound("No such resource");
    }

    Object post(Company company, String[] p, HttpServletRequest req, StaffUser user) throws HttpError, IOException {
        if (p.length == 4 || (p.length == 5 && p[2].equals("payments") && !p[4].equals("refunds"))) {
            get(company, p, req); // 404 for what does not exist
            throw new HttpError(405, "method_not_allowed", "Only GET is supported here.");
        }
        JsonNode body = body(req);
        try {
            if (p[2].equals("customers")) {
                PaymentProfile profile = addProfile(company, p[3], body, user);
                audit(req, user, company, "payment-profile", "profile #" + profile.id(), "card " + profile.brand()
                        + " ending " + profile.last4() + " saved for customer " + profile.customerListId());
                return profileJson(profile);
            }
            if (p.length == 3) {
                return charge(company, body, user, req);
            }
            long original = id(p[3]);
            payments.find(company.id(), original).orElseThrow(() ->
                    HttpError.notFound("No payment " + p[3] + " in company " + company.id()));
            BigDecimal amount = body.hasNonNull("amount") ? money(body.get("amount"), "amount") : null;
            PaymentResult r = payments.refund(company.id(), original, amount, key(body), user.username());
            audit(req, user, company, "refund", "payment #" + r.id(), "refund of " + (amount == null
                    ? "all that is left" : amount.toPlainString()) + " of payment #" + original + ": " + outcome(r));
            return resultJson(r);
        } catch (IdempotencyKeyConflict e) {
            throw new HttpError(409, "conflict", e.getMessage());
        } catch (PaymentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
    }

    Map<String, Object> summary(Company company, String listId) throws HttpError {
        customer(company, listId);
        PaymentLedger.Summary sum = payments.summary(company.id(), listId);
        Map<String, Object> o = Json.object();
        o.put("approved", sum.approved());
        o.put("declined", sum.declined());
        o.put("collected", Json.money(sum.collected()));
        o.put("openBalance", Json.money(payments.openBalance(company.id(), listId)));
        return o;
    }

    private PaymentProfile addProfile(Company company, String listId, JsonNode body, StaffUser user)
            throws HttpError {
        customer(company, listId);
        PaymentGateway gw = profiles.gateway(company.id());
        String gateway = body.path("gateway").asText(gw.name());
        if (!gateway.equals(gw.name())) {
            throw HttpError.badRequest("this company's payments go through the '" + gw.name() + "' gateway");
        }
        if (body.path("customerProfileId").isTextual() || body.path("customerProfileId").isIntegralNumber()) {
            // a customer (and card) already at the gateway, linked to this QuickBooks customer
            return profiles.linkOne(company.id(), listId, body.path("customerProfileId").asText(),
                    body.path("paymentProfileId").isValueNode() ? body.path("paymentProfileId").asText() : null,
                    user.username());
        }
        if (!gw.typedCards()) {
            // what the gateway's hosted fields returned, e.g. {"paymentMethodId": "pm_..."}; never a card number
            Map<String, String> result = new LinkedHashMap<>();
            flatten("", body, result);
            result.remove("gateway");
            return profiles.addHosted(company.id(), listId, result, text(body, "nameOnCard"), user.username());
        }
        if (!body.path("testCard").isTextual()) {
            throw HttpError.badRequest("the " + gw.name() + " gateway takes {\"gateway\": \"" + gw.name()
                    + "\", \"testCard\": \"4111111111111111\", \"expMonth\": 12, \"expYear\": 2030} (test cards: see"
                    + " README)");
        }
        if (!integral(body.path("expMonth")) || !body.path("expMonth").canConvertToInt()
                || !integral(body.path("expYear")) || !body.path("expYear").canConvertToInt()) {
            throw HttpError.badRequest("expMonth and expYear are required numbers, e.g. 12 and 2030");
        }
        CardDetails card = new CardDetails(body.path("testCard").asText(), body.path("expMonth").asInt(),
                body.path("expYear").asInt(), text(body, "nameOnCard"), text(body, "postalCode"));
        return profiles.add(company.id(), listId, card, user.username());
    }

    /** Text fields of a JSON object by dotted name ({"opaqueData": {"dataValue"}} gives opaqueData.dataValue). */
    private static void flatten(String prefix, JsonNode n, Map<String, String> out) throws HttpError {
        for (var it = n.fields(); it.hasNext(); ) {
            var e = it.next();
            String name = prefix + e.getKey();
            if (e.getValue().isObject() && prefix.isEmpty()) {
                flatten(name + ".", e.getValue(), out);
            } else if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                if (e.getValue().asText().length() > 1000) {
                    throw HttpError.badRequest("\"" + name + "\" is too long");
                }
                out.put(name, e.getValue().asText());
            } else if (!e.getValue().isNull()) {
                throw HttpError.badRequest("\"" + name + "\" must be a string");
            }
        }
    }

    private Map<String, Object> charge(Company company, JsonNode body, StaffUser user, HttpServletRequest req)
            throws HttpError {
        if (!body.path("customerListId").isTextual() || !integral(body.path("profileId"))
                || !body.path("profileId").canConvertToLong()) {
            throw HttpError.badRequest("the body must be {\"customerListId\", \"profileId\", \"invoices\": [{\"txnId\","
                    + " \"amount\"}], \"idempotencyKey\"} or, for a deposit, \"amount\" instead of \"invoices\"");
        }
        List<InvoiceAmount> invoices = new ArrayList<>();
        JsonNode list = body.path("invoices");
        if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
            throw HttpError.badRequest("invoices must be a list of {\"txnId\", \"amount\"}");
        }
        for (JsonNode i : list) {
            if (!i.path("txnId").isTextual()) {
                throw HttpError.badRequest("each invoice needs its \"txnId\"");
            }
            invoices.add(new InvoiceAmount(i.get("txnId").asText(), money(i.path("amount"), "amount of "
                    + i.get("txnId").asText())));
        }
        BigDecimal deposit = null;
        if (invoices.isEmpty()) {
            if (!body.hasNonNull("amount")) {
                throw HttpError.badRequest("give \"invoices\" to pay, or an \"amount\" for a deposit");
            }
            deposit = money(body.get("amount"), "amount");
        } else if (body.hasNonNull("amount")) {
            throw HttpError.badRequest("\"amount\" is for a deposit; a payment of invoices gives an amount per invoice");
        }
        String customer = body.get("customerListId").asText();
        PaymentResult r = payments.charge(new ChargeRequest(company.id(), customer, body.get("profileId").asLong(),
                invoices, deposit, key(body), deposit == null ? "api" : "deposit", user.username()));
        BigDecimal total = deposit != null ? deposit
                : invoices.stream().map(InvoiceAmount::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        audit(req, user, company, deposit == null ? "payment" : "deposit", "payment #" + r.id(), total.toPlainString()
                + " from customer " + customer + (deposit == null ? " for " + invoices.size() + " invoice(s)" : "")
                + " with profile #" + body.get("profileId").asLong() + ": " + outcome(r));
        return resultJson(r);
    }

    /** Records what a staff login did through the API, as the admin pages record their forms. */
    private void audit(HttpServletRequest req, StaffUser user, Company company, String action, String target,
                       String detail) {
        ctx.audit().record(user.username(), req.getRemoteAddr(), action, company.id(), target,
                detail + " (through the API)");
    }

    private static String outcome(PaymentResult r) {
        return r.result() + (r.message() == null ? "" : " (" + r.message() + ")");
    }

    private static Map<String, Object> resultJson(PaymentResult r) {
        Map<String, Object> o = Json.object();
        o.put("id", r.id());
        o.put("result", r.result());
        o.put("message", r.message());
        o.put("postedToQuickBooks", r.postedToQuickBooks());
        return o;
    }

    private static String key(JsonNode body) throws HttpError {
        if (!body.path("idempotencyKey").isTextual() || body.get("idempotencyKey").asText().isBlank()) {
            throw HttpError.badRequest("\"idempotencyKey\" (1 to 100 characters, unique per payment) is required, so"
                    + " that a repeated request never charges twice");
        }
        return body.get("idempotencyKey").asText();
    }

    /** A JSON whole number: 7, not 7.5, 7.0 or "7" (which Jackson would otherwise round or convert). */
    private static boolean integral(JsonNode n) {
        return n.isIntegralNumber();
    }

    private static String text(JsonNode body, String field) {
        return body.path(field).isTextual() ? body.get(field).asText() : null;
    }

    private static BigDecimal money(JsonNode n, String what) throws HttpError {
        if (n == null || !(n.isTextual() || n.isNumber())) {
            throw HttpError.badRequest(what + " must be an amount such as \"80.00\"");
        }
        try {
            return new BigDecimal(n.asText().trim());
        } catch (NumberFormatException e) {
            throw HttpError.badRequest(what + " must be an amount such as \"80.00\"");
        }
    }

    private static long id(String s) throws HttpError {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw HttpError.notFound("No payment " + s);
        }
    }

    static JsonNode body(HttpServletRequest req) throws HttpError, IOException {
        try {
            JsonNode body = Json.MAPPER.readTree(req.getInputStream());
            if (body == null || !body.isObject()) {
                throw HttpError.badRequest("the body must be a JSON object");
            }
            return body;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw HttpError.badRequest("the body must be JSON");
        }
    }

    private CustomerRow customer(Company company, String listId) throws HttpError {
        try (SqlSession s = ctx.db().session()) {
            return ctx.customers().find(s, company.id(), listId).orElseThrow(() ->
                    HttpError.notFound("No customer with ListID " + listId + " in company " + company.id()));
        }
    }

    private Map<String, Object> profileJson(PaymentProfile p) {
        Map<String, Object> o = Json.object();
        o.put("id", p.id());
        o.put("customerListId", p.customerListId());
        o.put("gateway", p.gateway());
        o.put("gatewayLabel", gateways.labels().getOrDefault(p.gateway(), p.gateway()));
        o.put("brand", p.brand());
        o.put("last4", p.last4());
        o.put("expMonth", p.expMonth());
        o.put("expYear", p.expYear());
        o.put("fingerprint", p.fingerprint());
        o.put("nameOnCard", p.nameOnCard());
        o.put("isDefault", p.isDefault());
        o.put("autoEnabled", p.autoEnabled());
        o.put("addedBy", p.addedBy());
        o.put("createdAt", Json.time(p.createdAt()));
        return o;
    }

    static Map<String, Object> paymentJson(PaymentRecord p) {
        Map<String, Object> o = Json.object();
        o.put("id", p.id());
        o.put("customerListId", p.customerListId());
        o.put("kind", p.kind());
        o.put("source", p.source());
        o.put("profileId", p.profileId());
        o.put("amount", Json.money(p.amount()));
        o.put("currency", p.currency());
        o.put("result", p.result());
        o.put("message", p.message());
        o.put("gateway", p.gateway());
        o.put("gatewayRef", p.gatewayRef());
        o.put("refundOf", p.refundOf());
        o.put("refunded", Json.money(p.refunded()));
        o.put("idempotencyKey", p.idempotencyKey());
        List<Map<String, Object>> invoices = new ArrayList<>();
        for (PaymentRecord.Invoice i : p.invoices()) {
            Map<String, Object> io = Json.object();
            io.put("txnId", i.txnId());
            io.put("refNumber", i.refNumber());
            io.put("amount", Json.money(i.amount()));
            invoices.add(io);
        }
        o.put("invoices", invoices);
        o.put("requestedBy", p.staffUser());
        o.put("createdAt", Json.time(p.createdAt()));
        o.put("postedToQuickBooks", p.postedToQuickBooks());
        o.put("postState", p.postState());
        return o;
    }
}
