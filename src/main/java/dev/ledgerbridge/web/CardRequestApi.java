package dev.ledgerbridge.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerbridge.action.AuditLog;
import dev.ledgerbridge.company.Company;
import dev.ledgerbridge.payment.CardRequestOutcome;
import dev.ledgerbridge.payment.CardRequests;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;

/**
 * POST /api/v1/companies/{id}/customers/{listId}/card-requests with {"kind": "new-profile|update-profile|link"}
 * (optional: "auto" when absent) and an optional "profileId" for an update: sends the customer a card-information
 * request. 201 {"status": "sent", "requestId", "message"} when its email went out (or to the outbox); 200 with
 * status "skipped" (e.g. "skipped: no email address") or "failed" otherwise.
 */
final class CardRequestApi {
    /** A JSON answer with its own status. */
    record Answer(int status, Object body) {
    }

    private CardRequestApi() {
    }

    static Answer post(CardRequests cards, AuditLog audit, Company company, String listId, HttpServletRequest req,
                       String username) throws HttpError, IOException {
        JsonNode body;
        try {
            body = req.getContentLength() == 0 ? null : Json.MAPPER.readTree(req.getInputStream());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw HttpError.badRequest("the body must be JSON: {\"kind\": \"new-profile|update-profile|link\"}");
        }
        String kind = body == null || body.path("kind").isMissingNode() || body.path("kind").isNull() ? null
                : body.path("kind").asText();
        if (kind != null && !CardRequests.KINDS.contains(kind) && !kind.equals("auto")) {
            throw HttpError.badRequest("kind must be one of " + String.join(", ", CardRequests.KINDS) + " (or auto)");
        }
        Long profileId = null;
        if (body != null && body.hasNonNull("profileId")) {
            if (!body.get("profileId").canConvertToLong()) {
                throw HttpError.badRequest("profileId must be a number");
            }
            profileId = body.get("profileId").asLong();
        }
        String base = req.getRequestURL().toString();
        base = base.substring(0, base.length() - req.getRequestURI().length());
        CardRequestOutcome o = cards.send(company.id(), listId, kind, profileId, username, base);
        audit.record(username, req.getRemoteAddr(), "card-request", company.id(), listId, (kind == null ? "auto" : kind)
                + (o.requestId() == null ? "" : " request #" + o.requestId()) + ": " + o.status() + " (" + o.message()
                + ") (through the API)");
        Map<String, Object> out = Json.object();
        out.put("status", o.status());
        out.put("requestId", o.requestId());
        out.put("message", o.message());
        return new Answer(o.sent() ? 201 : 200, out);
    }
}
