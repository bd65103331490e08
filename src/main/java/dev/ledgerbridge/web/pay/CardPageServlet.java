package dev.ledgerbridge.web.pay;

import dev.ledgerbridge.auth.Secrets;
import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.payment.CardDetails;
import dev.ledgerbridge.payment.CardRequests;
import dev.ledgerbridge.payment.CardRequests.Completion;
import dev.ledgerbridge.payment.CardRequests.LinkPage;
import dev.ledgerbridge.payment.HostedFields;
import dev.ledgerbridge.payment.PaymentException;
import dev.ledgerbridge.payment.PaymentGateways;
import dev.ledgerbridge.web.HostedPages;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.app.event.implement.EscapeHtmlReference;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public card page of card-information requests: GET /pay/card/{token} shows the form, POST saves the card.
 * No login: the link's token is the key. Every answer carries security headers, is never cached or indexed, and is
 * rate-limited per remote address and per link (429). The form is protected by a per-page token held in a
 * same-site cookie and a hidden field. The card number is handed to {@link CardRequests} and never written back
 * into a page or a log.
 */
public final class CardPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(CardPageServlet.class);
    static final String BASE = "/pay";
    static final String CSRF_COOKIE = "lb_card_form";
    static final Duration WINDOW = Duration.ofMinutes(10);
    private static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";
    private static final Pattern CARD_PATH = Pattern.compile("/card/([^/]{1,100})");
    private static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("MMMM d, yyyy HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final transient CardRequests cards;
    private final transient PaymentGateways gateways;
    private final transient Clock clock;
    private final transient RateLimiter perAddress;
    private final transient RateLimiter perLink;
    private final transient VelocityEngine engine;
    private final transient byte[] css;

    CardPageServlet(CardRequests cards, PaymentGateways gateways, Config config, Clock clock) {
        this.cards = cards;
        this.gateways = gateways;
        this.clock = clock;
        this.perAddress = new RateLimiter(config.getInt(Setting.CARD_REQUEST_RATE_PER_ADDRESS), WINDOW, clock);
        this.perLink = new RateLimiter(config.getInt(Setting.CARD_REQUEST_RATE_PER_LINK), WINDOW, clock);
        this.engine = engine();
        try (InputStream in = CardPageServlet.class.getClassLoader().getResourceAsStream("pay/pay.css")) {
            this.css = in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing pay/pay.css", e);
        }
    }

    /** Mounts the public card pages at /pay/ in the server's one servlet context. */
    public static void mount(ServletContextHandler context, CardRequests cards, PaymentGateways gateways,
                             Config config, Clock clock) {
        context.addServlet(new ServletHolder("pay", new CardPageServlet(cards, gateways, config, clock)), BASE + "/*");
    }

    // EscapeHtmlReference is deprecated in Velocity 2 because it escapes every reference; no value this page prints
    // is ever markup.
    @SuppressWarnings("deprecation")
    private static VelocityEngine engine() {
        Properties p = new Properties();
        p.setProperty(RuntimeConstants.RESOURCE_LOADERS, "classpath");
        p.setProperty(RuntimeConstants.RESOURCE_LOADER + ".classpath." + RuntimeConstants.RESOURCE_LOADER_CLASS,
                ClasspathResourceLoader.class.getName());
        p.setProperty(RuntimeConstants.RESOURCE_LOADER + ".classpath." + RuntimeConstants.RESOURCE_LOADER_CACHE, "true");
        p.setProperty(RuntimeConstants.INPUT_ENCODING, "UTF-8");
        p.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
        p.setProperty(RuntimeConstants.EVENTHANDLER_REFERENCEINSERTION, EscapeHtmlReference.class.getName());
        p.setProperty(RuntimeConstants.SPACE_GOBBLING, "lines");
        VelocityEngine e = new VelocityEngine(p);
        e.init();
        return e;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        pageHeaders(resp);
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        String method = req.getMethod();
        try {
            if (path.equals("/static/pay.css") && "GET".equals(method)) {
                resp.setContentType("text/css;charset=utf-8");
                resp.setHeader("Cache-Control", "public, max-age=3600");
                resp.getOutputStream().write(css);
                return;
            }
            if (path.startsWith("/static/fields/") && "GET".equals(method)) {
                var script = HostedPages.fieldsScript(gateways, path.substring("/static/fields/".length()));
                if (script.isPresent()) {
                    resp.setContentType("text/javascript;charset=utf-8");
                    resp.setHeader("Cache-Control", "public, max-age=3600");
                    resp.getOutputStream().write(script.get());
                    return;
                }
            }
            Matcher m = CARD_PATH.matcher(path);
            if (!m.matches()) {
                message(resp, 404, "Page not found", "There is no page at this address.");
                return;
            }
            String token = m.group(1);
            String remote = req.getRemoteAddr();
            if (!perAddress.allow("a:" + remote)) {
                tooMany(resp, perAddress.retryAfterSeconds("a:" + remote));
                return;
            }
            String linkKey = "l:" + Secrets.sha256(token);
            if (!perLink.allow(linkKey)) {
                tooMany(resp, perLink.retryAfterSeconds(linkKey));
                return;
            }
            if ("GET".equals(method)) {
                show(req, resp, token, remote);
            } else if ("POST".equals(method)) {
                submit(req, resp, token, remote);
            } else {
                resp.setHeader("Allow", "GET, POST");
                message(resp, 405, "Not allowed", "This page takes GET and POST only.");
            }
        } catch (RuntimeException e) {
            log.error("card page {} failed", method, e);
            if (!resp.isCommitted()) {
                resp.reset();
                pageHeaders(resp);
                message(resp, 500, "Something went wrong", "The page could not be shown. Please try again later;"
                        + " your card was not saved.");
            }
        }
    }

    /**
     * This page's own headers, on top of those the server puts on every answer (HSTS, nosniff, no framing), which a
     * reset after an error clears: so they are set here too.
     */
    private static void pageHeaders(HttpServletResponse resp) {
        resp.setHeader("Content-Security-Policy", CSP);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("X-Frame-Options", "DENY");
        // the link's token is in the address: never hand it to another site
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("X-Robots-Tag", "noindex, nofollow");
        resp.setHeader("Cache-Control", "no-store");
    }

    private void show(HttpServletRequest req, HttpServletResponse resp, String token, String remote) throws IOException {
        LinkPage page = cards.open(token, remote);
        if (!page.usable()) {
            refused(resp, page);
            return;
        }
        form(req, resp, 200, page, null, new HashMap<>());
    }

    private void submit(HttpServletRequest req, HttpServletResponse resp, String token, String remote)
            throws IOException {
        if (!sameOrigin(req) || !Secrets.same(req.getParameter("csrf"), cookie(req))) {
            message(resp, 403, "This form has expired", "The form was open too long or did not come from this page."
                    + " Open the link from your email again and re-enter your card.");
            return;
        }
        Map<String, String> kept = new HashMap<>();
        String name = field(req, "name", 100);
        String postal = field(req, "postalCode", 20);
        String month = field(req, "expMonth", 2);
        String year = field(req, "expYear", 4);
        kept.put("name", name);
        kept.put("postalCode", postal);
        kept.put("expMonth", month);
        kept.put("expYear", year);
        String number = req.getParameter("number");
        String problem = null;
        int expMonth = 0;
        int expYear = 0;
        Map<String, String> hosted = new HashMap<>();
        // what a gateway's hosted fields post back instead of a card (the provider's names)
        for (String f : gateways.hostedResultFields()) {
            String v = field(req, f, PaymentGateways.MAX_HOSTED_RESULT);
            if (!v.isEmpty()) {
                hosted.put(f, v);
            }
        }
        if (!hosted.isEmpty()) {
            // the gateway's hosted fields took the card; only what they returned was posted
            if (name.isEmpty()) {
                problem = "Enter the name on the card.";
            } else if (!"yes".equals(req.getParameter("accept"))) {
                problem = "Tick the box to accept the pre-authorization, or close this page.";
            }
        } else if (number == null || number.isBlank()) {
            problem = "Enter the card number.";
        } else if (number.length() > 40) {
            problem = "The card number is too long.";
        } else if (name.isEmpty()) {
            problem = "Enter the name on the card.";
        } else {
            try {
                expMonth = Integer.parseInt(month);
                expYear = Integer.parseInt(year);
                if (expYear < 100) {
                    expYear += Year.now(clock).getValue() / 100 * 100;
                }
            } catch (NumberFormatException e) {
                problem = "Enter the expiry month and year, e.g. 04 and 2030.";
            }
        }
        if (problem == null && hosted.isEmpty() && !"yes".equals(req.getParameter("accept"))) {
            problem = "Tick the box to accept the pre-authorization, or close this page.";
        }
        if (problem != null) {
            LinkPage page = cards.open(token, remote);
            if (!page.usable()) {
                refused(resp, page);
                return;
            }
            form(req, resp, 400, page, problem, kept);
            return;
        }
        Completion c = hosted.isEmpty() ? cards.complete(token, new CardDetails(number, expMonth, expYear, name,
                postal.isEmpty() ? null : postal), remote) : cards.completeHosted(token, hosted, name, remote);
        switch (c.result()) {
            case Completion.COMPLETED -> {
                Map<String, Object> m = model("Card saved");
                m.put("state", "done");
                m.put("business", c.page().businessName());
                m.put("card", c.profile().brand() + " ending " + c.profile().last4());
                render(resp, 200, m);
            }
            case Completion.DECLINED -> form(req, resp, 400, c.page(), c.message(), kept);
            default -> refused(resp, c.page());
        }
    }

    private static String field(HttpServletRequest req, String name, int max) {
        String v = req.getParameter(name);
        v = v == null ? "" : v.strip();
        return v.length() > max ? v.substring(0, max) : v;
    }

    private void form(HttpServletRequest req, HttpServletResponse resp, int status, LinkPage page, String error,
                      Map<String, String> kept) throws IOException {
        String csrf = Secrets.token();
        StringBuilder cookie = new StringBuilder(CSRF_COOKIE).append('=').append(csrf).append("; Path=")
                .append(BASE).append("/card/; HttpOnly; SameSite=Strict");
        if (req.isSecure()) {
            cookie.append("; Secure");
        }
        resp.addHeader("Set-Cookie", cookie.toString());
        Map<String, Object> m = model(page.businessName() + ": card information");
        m.put("state", "form");
        m.put("csrf", csrf);
        m.put("action", req.getRequestURI());
        m.put("business", page.businessName());
        m.put("customer", page.customerName());
        m.put("replacing", page.replacing());
        m.put("preauth", page.preauthText());
        m.put("expires", EXPIRES.format(page.expiresAt()));
        m.put("error", error);
        m.put("sandbox", page.sandbox());
        m.put("testLabel", page.testLabel());
        m.put("typedCards", page.typedCards());
        HostedFields h = null;
        if (!page.typedCards()) {
            try {
                h = cards.hostedFields(page);
            } catch (PaymentException e) {
                log.warn("card page of request #{}: the gateway's card form could not be prepared: {}", page.requestId(),
                        e.getMessage());
                m.put("error", "The secure card form cannot be shown right now. Please try again later.");
            }
        }
        m.put("hosted", h);
        if (h != null) {
            resp.setHeader("Content-Security-Policy", HostedPages.csp(CSP, h));
        }
        m.put("name", kept.getOrDefault("name", ""));
        m.put("postalCode", kept.getOrDefault("postalCode", ""));
        m.put("expMonth", kept.getOrDefault("expMonth", ""));
        m.put("expYear", kept.getOrDefault("expYear", ""));
        render(resp, status, m);
    }

    private void refused(HttpServletResponse resp, LinkPage page) throws IOException {
        switch (page.state()) {
            case LinkPage.USED -> message(resp, 410, "This link was already used",
                    "Your card information was received through this link, so it no longer works. If you need to"
                            + " change your card, ask the business for a new link.");
            case LinkPage.GONE -> message(resp, 410, "This link has expired",
                    "Links to give card information work for a limited time. Ask the business to send you a new one.");
            default -> message(resp, 404, "Link not found", "This link is not valid. Check that you opened the"
                    + " whole address from the email, or ask the business for a new link.");
        }
    }

    private void tooMany(HttpServletResponse resp, long retryAfter) throws IOException {
        resp.setHeader("Retry-After", Long.toString(retryAfter));
        message(resp, 429, "Too many requests", "This page was asked for too often. Wait a few minutes and try again.");
    }

    private void message(HttpServletResponse resp, int status, String title, String text) throws IOException {
        Map<String, Object> m = model(title);
        m.put("state", "message");
        m.put("message", text);
        render(resp, status, m);
    }

    private static Map<String, Object> model(String title) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", title);
        return m;
    }

    private void render(HttpServletResponse resp, int status, Map<String, Object> model) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/html;charset=utf-8");
        Template t = engine.getTemplate("pay/card.vm", "UTF-8");
        try (Writer w = new OutputStreamWriter(resp.getOutputStream(), StandardCharsets.UTF_8)) {
            t.merge(new VelocityContext(model), w);
        }
    }

    private static String cookie(HttpServletRequest req) {
        Cookie[] cookies = req.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (CSRF_COOKIE.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    /**
     * A post whose Origin (when the browser sends one) is this server. With Referrer-Policy no-referrer browsers send
     * "Origin: null" for the page's own form; the per-page token in a SameSite=Strict cookie is what guards it then.
     */
    private static boolean sameOrigin(HttpServletRequest req) {
        String origin = req.getHeader("Origin");
        if (origin == null || origin.isEmpty() || origin.equals("null")) {
            return true;
        }
        try {
            URI o = URI.create(origin);
            return o.getRawAuthority() != null && o.getRawAuthority().equalsIgnoreCase(req.getHeader("Host"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
