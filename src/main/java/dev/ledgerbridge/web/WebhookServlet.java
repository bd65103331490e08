package dev.ledgerbridge.web;

import dev.ledgerbridge.company.CompanyService;
import dev.ledgerbridge.payment.PaymentEvents;
import dev.ledgerbridge.payment.PaymentException;
import dev.ledgerbridge.payment.WebhookRejected;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST /webhooks/{gateway}/{companyId}: events a gateway sends about a company's account. No login: the gateway's
 * signature (checked by its adapter against the company's signing secret) is the proof; an unsigned, wrongly signed
 * or stale request is answered 400 and changes nothing. Each event id is applied once; a replay is answered 200.
 */
public final class WebhookServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(WebhookServlet.class);
    private static final Pattern PATH = Pattern.compile("/([a-z]{1,40})/(\\d{1,18})");
    /** Gateways' events are a few kilobytes; anything far larger is not one. */
    static final int MAX_BODY = 512 * 1024;

    private final transient PaymentEvents events;
    private final transient CompanyService companies;

    public WebhookServlet(PaymentEvents events, CompanyService companies) {
        this.events = events;
        this.companies = companies;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Matcher m = PATH.matcher(req.getPathInfo() == null ? "" : req.getPathInfo());
        if (!m.matches()) {
            Json.error(resp, 404, "not_found", "Webhooks are posted to /webhooks/{gateway}/{companyId}.");
            return;
        }
        if (!"POST".equals(req.getMethod())) {
            resp.setHeader("Allow", "POST");
            Json.error(resp, 405, "method_not_allowed", "Webhooks are POSTed.");
            return;
        }
        long companyId = Long.parseLong(m.group(2));
        if (companies.company(companyId).isEmpty()) {
            Json.error(resp, 404, "not_found", "No company " + companyId + ".");
            return;
        }
        byte[] body;
        try (InputStream in = req.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            Json.error(resp, 413, "too_large", "A webhook event is at most " + MAX_BODY + " bytes.");
            return;
        }
        try {
            boolean fresh = events.receive(companyId, m.group(1), new String(body, StandardCharsets.UTF_8),
                    req::getHeader);
            Json.write(resp, 200, Map.of("received", true, "duplicate", !fresh));
        } catch (WebhookRejected e) {
            log.warn("{} webhook for company {} from {} refused: {}", m.group(1), companyId, req.getRemoteAddr(),
                    e.getMessage());
            Json.error(resp, 400, "bad_signature", e.getMessage());
        } catch (PaymentException e) {
            Json.error(resp, 404, "not_found", e.getMessage());
        } catch (RuntimeException e) {
            log.error("{} webhook for company {} failed", m.group(1), companyId, e);
            Json.error(resp, 500, "internal_error", "The event could not be stored; the gateway will send it again.");
        }
    }
}
