package dev.ledgerbridge.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerbridge.auth.StaffService;
import dev.ledgerbridge.auth.StaffUser;
import dev.ledgerbridge.company.Company;
import dev.ledgerbridge.payment.CreditSettings;
import dev.ledgerbridge.payment.PaymentException;
import dev.ledgerbridge.payment.PaymentGateways;
import dev.ledgerbridge.payment.PaymentSettings;
import dev.ledgerbridge.payment.PaymentSettingsService;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GET and PUT /api/v1/companies/{id}/payment-settings: the company's gateway, currency, QuickBooks posting and its
 * account at each gateway under its name with the provider's own fields (e.g. {@code "stripe": {"publishableKey",
 * "secretKey", "webhookSecret"}}, {@code "authorizenet": {"apiLoginId", "clientKey", "transactionKey",
 * "signatureKey", "mode"}}); {@code "applyCreditsFirst"} and {@code "refundItemName"} are the company's credit
 * settings. GET shows public keys
 * and, of each secret, only whether it is set and its last four characters; PUT (admins only) changes what it names
 * and keeps the rest, so a secret is sent once.
 */
final class PaymentSettingsApi {
    private final PaymentSettingsService settings;
    private final PaymentGateways gateways;

    PaymentSettingsApi(ApiContext ctx) {
        this.settings = ctx.paymentSettings();
        this.gateways = ctx.gateways();
    }

    static boolean handles(String[] p) {
        return p.length == 3 && p[0].equals("companies") && p[2].equals("payment-settings");
    }

    Map<String, Object> get(Company company) {
        PaymentSettings ps = settings.get(company.id());
        Map<String, Object> o = Json.object();
        o.put("gateway", ps.gateway());
        o.put("gatewayLabel", gateways.labels().get(ps.gateway()));
        o.put("currency", ps.currency());
        o.put("paymentMethodName", ps.paymentMethodName());
        o.put("depositAccountName", ps.depositAccountName());
        o.put("credentialsRef", ps.credentialsRef());
        CreditSettings cs = settings.credits(company.id());
        o.put("applyCreditsFirst", cs.applyCreditsFirst());
        o.put("refundItemName", cs.refundItemName());
        for (String g : gateways.names()) {
            if (gateways.provider(g).fields().isEmpty()) {
                continue;
            }
            Map<String, Object> acct = new LinkedHashMap<>();
            for (PaymentGateways.CredentialView v : gateways.view(company.id(), g)) {
                if (v.secret()) {
                    acct.put(v.name() + "Set", v.last4() != null);
                    acct.put(v.name() + "Last4", v.last4());
                } else {
                    acct.put(v.name(), v.value());
                }
                if (v.fromVariable() != null) {
                    acct.put(v.name() + "From", v.fromVariable());
                }
            }
            o.put(g, acct);
        }
        o.put("updatedAt", Json.time(ps.updatedAt()));
        o.put("updatedBy", ps.updatedBy());
        return o;
    }

    Map<String, Object> put(Company company, JsonNode body, StaffUser user) throws HttpError, IOException {
        if (!StaffService.ROLE_ADMIN.equals(user.role())) {
            throw HttpError.forbidden("Only an admin can change payment settings.");
        }
        PaymentSettings now = settings.get(company.id());
        String gateway = text(body, "gateway", now.gateway());
        Map<String, String> credentials = new LinkedHashMap<>();
        JsonNode acct = body.path(gateway);
        if (!acct.isMissingNode() && !acct.isNull()) {
            if (!acct.isObject()) {
                throw HttpError.badRequest("\"" + gateway + "\" must be an object of its keys");
            }
            for (var it = acct.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getValue().isTextual() && !e.getValue().isNull()) {
                    throw HttpError.badRequest("\"" + gateway + "." + e.getKey() + "\" must be a string");
                }
                credentials.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
            }
        }
        JsonNode first = body.path("applyCreditsFirst");
        if (!first.isMissingNode() && !first.isBoolean()) {
            throw HttpError.badRequest("\"applyCreditsFirst\" must be true or false");
        }
        CreditSettings cs = settings.credits(company.id());
        boolean applyFirst = first.isMissingNode() ? cs.applyCreditsFirst() : first.asBoolean();
        String refundItem = text(body, "refundItemName", cs.refundItemName());
        try {
            CreditSettings.itemName(refundItem);
            settings.save(company.id(), gateway, text(body, "credentialsRef", now.credentialsRef()),
                    text(body, "currency", now.currency()), text(body, "paymentMethodName", now.paymentMethodName()),
                    text(body, "depositAccountName", now.depositAccountName()), credentials, user.username());
            settings.saveCredits(company.id(), applyFirst, refundItem, user.username());
        } catch (PaymentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        return get(company);
    }

    private static String text(JsonNode body, String field, String otherwise) throws HttpError {
        JsonNode n = body.path(field);
        if (n.isMissingNode()) {
            return otherwise;
        }
        if (!n.isTextual() && !n.isNull()) {
            throw HttpError.badRequest("\"" + field + "\" must be a string");
        }
        return n.isNull() ? null : n.asText();
    }
}
