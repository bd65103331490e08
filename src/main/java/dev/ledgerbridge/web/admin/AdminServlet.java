package dev.ledgerbridge.web.admin;

import dev.ledgerbridge.auth.Secrets;
import dev.ledgerbridge.auth.StaffSession;
import dev.ledgerbridge.auth.StaffSessions;
import dev.ledgerbridge.auth.StaffUser;
import dev.ledgerbridge.company.Company;
import dev.ledgerbridge.web.CrossSite;
import dev.ledgerbridge.web.HttpError;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin pages under /admin/: sign-in, sessions, CSRF checks, roles, routing, error pages and the static files.
 * Pages are server-rendered from Velocity templates; every form posts with the session's CSRF token.
 */
public final class AdminServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(AdminServlet.class);
    static final String BASE = "/admin";
    static final String SESSION_COOKIE = "lb_session";
    static final String LOGIN_COOKIE = "lb_login";
    private static final Map<String, String> STATIC = Map.of(
            "admin.css", "text/css;charset=utf-8",
            "admin.js", "text/javascript;charset=utf-8");
    static final String CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:;"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    final transient AdminContext ctx;
    final transient Views views;
    final transient Fmt fmt;
    private final transient List<Route> routes;
    private final transient Map<String, byte[]> staticFiles = new ConcurrentHashMap<>();

    /** A page or form: method, path pattern (groups are passed on), whether only admins may use it. */
    private record Route(String method, Pattern path, boolean adminOnly, Handler handler) {
    }

    @FunctionalInterface
    interface Handler {
        void handle(Exchange x, List<String> groups) throws IOException, HttpError;
    }

    AdminServlet(AdminContext ctx) {
        this.ctx = ctx;
        this.views = new Views();
        this.fmt = new Fmt(ctx.services().clock(), ZoneId.systemDefault());
        CustomerPages customers = new CustomerPages(ctx);
        CompanyPages companies = new CompanyPages(ctx);
        StaffPages staff = new StaffPages(ctx);
        ActionPages actions = new ActionPages(ctx);
        PlanPages plans = new PlanPages(ctx, customers);
        AutoPages auto = new AutoPages(ctx);
        PaymentPages payments = new PaymentPages(ctx);
        LinkFilePages linkFile = new LinkFilePages(ctx);
        CardRequestPages cards = new CardRequestPages(ctx);
        String company = "/companies/(\\d{1,18})";
        String customer = company + "/customers/([^/]{1,36})";
        this.routes = List.of(
                new Route("GET", Pattern.compile("/"), false, this::home),
                new Route("POST", Pattern.compile("/logout"), false, this::logout),
                new Route("GET", Pattern.compile(company + "/customers"), false, customers::list),
                new Route("POST", Pattern.compile(company + "/resync"), false, customers::resync),
                new Route("POST", Pattern.compile(company + "/bulk"), false, customers::bulk),
                new Route("GET", Pattern.compile(customer), false, customers::customer),
                new Route("GET", Pattern.compile(customer + "/settings"), false, customers::settings),
                new Route("POST", Pattern.compile(customer + "/settings"), false, customers::saveSettings),
                new Route("GET", Pattern.compile(customer + "/history"), false, customers::history),
                // installment plans and auto processing
                new Route("GET", Pattern.compile(customer + "/plans"), false, plans::plans),
                new Route("POST", Pattern.compile(customer + "/plans"), false, plans::create),
                new Route("GET", Pattern.compile(customer + "/plans/(\\d{1,18})"), false, plans::plan),
                new Route("POST", Pattern.compile(customer + "/plans/(\\d{1,18})/installments"), false,
                        plans::reschedule),
                new Route("POST", Pattern.compile(customer + "/plans/(\\d{1,18})/state"), false, plans::change),
                new Route("GET", Pattern.compile(company + "/auto-processing"), false, auto::page),
                new Route("POST", Pattern.compile(company + "/auto-processing"), true, auto::save),
                new Route("GET", Pattern.compile(company + "/sync"), false, companies::syncStatus),
                // payments core
                new Route("POST", Pattern.compile(customer + "/profiles"), false, payments::addProfile),
                new Route("GET", Pattern.compile(customer + "/cards/new"), false, payments::newCard),
                new Route("POST", Pattern.compile(customer + "/profiles/hosted"), false, payments::addHosted),
                new Route("POST", Pattern.compile(customer + "/profiles/link"), false, payments::link),
                new Route("POST", Pattern.compile(customer + "/profiles/(\\d{1,18})/default"), false,
                        payments::setDefault),
                new Route("POST", Pattern.compile(customer + "/profiles/(\\d{1,18})/auto"), false, payments::setAuto),
                new Route("POST", Pattern.compile(customer + "/profiles/(\\d{1,18})/remove"), false, payments::remove),
                new Route("POST", Pattern.compile(customer + "/payments"), false, payments::pay),
                new Route("POST", Pattern.compile(customer + "/deposits"), false, payments::deposit),
                new Route("POST", Pattern.compile(customer + "/payments/(\\d{1,18})/refund"), false, payments::refund),
                new Route("POST", Pattern.compile(customer + "/payments/(\\d{1,18})/retry"), false, payments::retry),
                new Route("GET", Pattern.compile(company + "/payment-settings"), false, payments::settings),
                new Route("POST", Pattern.compile(company + "/payment-settings"), true, payments::saveSettings),
                new Route("GET", Pattern.compile(company + "/payment-profiles/link-file"), true, linkFile::form),
                new Route("POST", Pattern.compile(company + "/payment-profiles/link-file"), true, linkFile::submit),
                new Route("GET", Pattern.compile("/companies"), true, companies::list),
                new Route("POST", Pattern.compile("/logins"), true, companies::createLogin),
                new Route("POST", Pattern.compile("/logins/(\\d{1,18})/password"), true, companies::resetPassword),
                new Route("POST", Pattern.compile("/logins/(\\d{1,18})/enabled"), true, companies::setEnabled),
                new Route("GET", Pattern.compile("/logins/(\\d{1,18})/qwc"), true, companies::qwc),
                new Route("GET", Pattern.compile("/tokens"), true, companies::tokens),
                new Route("POST", Pattern.compile("/tokens"), true, companies::createToken),
                new Route("POST", Pattern.compile("/tokens/(\\d{1,18})/revoke"), true, companies::revokeToken),
                new Route("GET", Pattern.compile("/staff"), true, staff::list),
                new Route("POST", Pattern.compile("/staff"), true, staff::create),
                new Route("POST", Pattern.compile("/staff/(\\d{1,18})/password"), true, staff::resetPassword),
                new Route("POST", Pattern.compile("/staff/(\\d{1,18})/enabled"), true, staff::setEnabled),
                // action queue
                new Route("GET", Pattern.compile(company + "/actions"), false, actions::list),
                new Route("GET", Pattern.compile(company + "/actions/(\\d{1,18})"), false, actions::show),
                new Route("POST", Pattern.compile(company + "/actions/(\\d{1,18})/retry"), false, actions::retry),
                new Route("POST", Pattern.compile(company + "/actions/(\\d{1,18})/cancel"), false, actions::cancel),
                new Route("POST", Pattern.compile(company + "/actions/(\\d{1,18})/dismiss"), false, actions::dismiss),
                new Route("GET", Pattern.compile("/audit"), true, actions::audit),
                // card-information requests, email
                new Route("POST", Pattern.compile(customer + "/card-requests"), false, cards::send),
                new Route("GET", Pattern.compile(company + "/card-requests"), false, cards::companyPage),
                new Route("POST", Pattern.compile(company + "/card-requests/preauth"), false, cards::savePreauth),
                new Route("GET", Pattern.compile("/outbox"), false, cards::outbox),
                new Route("GET", Pattern.compile("/outbox/(\\d{1,18})"), false, cards::outboxMessage));
    }

    /** Mounts the admin pages at /admin/ in the server's one servlet context. */
    public static void mount(ServletContextHandler context, AdminContext ctx) {
        context.addServlet(new ServletHolder("admin", new AdminServlet(ctx)), BASE + "/*");
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        pageHeaders(resp);
        String path = req.getPathInfo();
        if (path == null) {
            resp.setStatus(308);
            resp.setHeader("Location", BASE + "/");
            return;
        }
        String method = req.getMethod();
        try {
            if (path.startsWith("/static/") && "GET".equals(method)) {
                serveStatic(path.substring("/static/".length()), resp);
                return;
            }
            if (path.equals("/login")) {
                login(req, resp);
                return;
            }
            Optional<StaffSession> session = ctx.sessions().find(cookie(req, SESSION_COOKIE));
            if (session.isEmpty()) {
                if ("GET".equals(method)) {
                    String next = path + (req.getQueryString() == null ? "" : "?" + req.getQueryString());
                    resp.setStatus(303);
                    resp.setHeader("Location", BASE + "/login?next=" + fmt.enc(BASE + next));
                } else {
                    page(new Exchange(req, resp, null, this), 401, "Signed out",
                            "You are not signed in (or your session expired). Sign in and try again.");
                }
                return;
            }
            Exchange x = new Exchange(req, resp, session.get(), this);
            if ("POST".equals(method) && CrossSite.refused(req)) {
                page(x, 403, "Refused", "This form was sent from another site and was refused.");
                return;
            }
            if ("POST".equals(method) && !Secrets.same(req.getParameter("csrf"), session.get().csrfToken())) {
                page(x, 403, "Form expired", "This form has expired or did not come from this page. Go back, reload"
                        + " the page and try again.");
                return;
            }
            dispatch(x, path, method);
        } catch (RuntimeException e) {
            log.error("admin page {} {} failed", method, req.getRequestURI(), e);
            if (!resp.isCommitted()) {
                resp.reset();
                pageHeaders(resp);
                page(new Exchange(req, resp, null, this), 500, "Something went wrong",
                        "The server could not show this page; the details are in its log.");
            }
        }
    }

    /**
     * The admin pages' own headers, on top of those the server puts on every answer (HSTS, nosniff, no framing),
     * which a reset after an error clears: so they are set here too.
     */
    private static void pageHeaders(HttpServletResponse resp) {
        resp.setHeader("Content-Security-Policy", CSP);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "same-origin");
        resp.setHeader("X-Frame-Options", "DENY");
    }

    private void dispatch(Exchange x, String path, String method) throws IOException {
        boolean pathKnown = false;
        for (Route r : routes) {
            Matcher m = r.path().matcher(path);
            if (!m.matches()) {
                continue;
            }
            pathKnown = true;
            if (!r.method().equals(method)) {
                continue;
            }
            try {
                if (r.adminOnly() && !x.session.admin()) {
                    throw HttpError.forbidden("Only an admin can open this page; ask an admin of Ledgerbridge.");
                }
                List<String> groups = new java.util.ArrayList<>();
                for (int i = 1; i <= m.groupCount(); i++) {
                    groups.add(m.group(i));
                }
                r.handler().handle(x, groups);
                if ("POST".equals(method) && !x.audited && !path.equals("/logout")) {
                    x.audit("POST " + path.replaceAll("/\\d+", "/{id}"), null, path,
                            "answered " + x.resp.getStatus());
                }
            } catch (HttpError e) {
                page(x, e.status(), e.status() == 404 ? "Not found" : e.status() == 403 ? "Not allowed"
                        : "Cannot do that", e.getMessage());
            }
            return;
        }
        if (pathKnown) {
            x.resp.setHeader("Allow", method.equals("GET") ? "POST" : "GET");
            page(x, 405, "Not allowed", "This address does not take " + method + " requests.");
        } else {
            page(x, 404, "Not found", "There is no page at " + BASE + path + ".");
        }
    }

    /** An error or notice page with a status. */
    void page(Exchange x, int status, String title, String message) throws IOException {
        Map<String, Object> m = x.model(title);
        m.put("status", status);
        m.put("message", message);
        x.render(status, "message.vm", m);
    }

    private void home(Exchange x, List<String> groups) throws IOException {
        List<Company> companies = ctx.services().companies().companies();
        if (!companies.isEmpty()) {
            x.redirect(BASE + "/companies/" + companies.get(0).id() + "/customers");
        } else if (x.session.admin()) {
            x.redirect(BASE + "/companies");
        } else {
            page(x, 200, "No company yet", "No QuickBooks company file is connected yet. An admin creates a Web"
                    + " Connector login for it under Companies; customers appear after its first sync.");
        }
    }

    // ---- signing in and out ---------------------------------------------------------------------------------

    private void login(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Exchange x = new Exchange(req, resp, null, this);
        if ("GET".equals(req.getMethod())) {
            if (ctx.sessions().find(cookie(req, SESSION_COOKIE)).isPresent()) {
                x.redirect(safeNext(req.getParameter("next")));
                return;
            }
            showLogin(x, 200, null, "1".equals(req.getParameter("out")) ? "You are signed out." : null);
            return;
        }
        if (!"POST".equals(req.getMethod())) {
            resp.setHeader("Allow", "GET, POST");
            page(x, 405, "Not allowed", "Sign in with the form.");
            return;
        }
        String formToken = req.getParameter("csrf");
        if (CrossSite.refused(req) || !Secrets.same(formToken, cookie(req, LOGIN_COOKIE))) {
            showLogin(x, 403, "The sign-in form had expired. Please sign in again.", null);
            return;
        }
        String username = req.getParameter("username");
        String password = req.getParameter("password");
        Optional<StaffUser> user = username == null || password == null || username.length() > 100
                || password.length() > 200 ? Optional.empty()
                : ctx.services().staff().authenticate(username.trim(), password, req.getRemoteAddr());
        if (user.isEmpty()) {
            log.info("admin sign-in refused for '{}' from {}", username, req.getRemoteAddr());
            showLogin(x, 401, "Wrong username or password, or too many failed sign-ins from here: wait a little and"
                    + " try again.", null);
            return;
        }
        StaffSessions.Started started = ctx.sessions().start(user.get(), req.getRemoteAddr());
        ctx.services().audit().record(user.get().username(), req.getRemoteAddr(), "sign-in", null, null, null);
        setCookie(req, resp, SESSION_COOKIE, started.cookieValue(), BASE, -1);
        setCookie(req, resp, LOGIN_COOKIE, "", BASE + "/login", 0);
        x.redirect(safeNext(req.getParameter("next")));
    }

    private void showLogin(Exchange x, int status, String error, String notice) throws IOException {
        String token = Secrets.token();
        setCookie(x.req, x.resp, LOGIN_COOKIE, token, BASE + "/login", -1);
        Map<String, Object> m = x.model("Sign in");
        m.put("loginCsrf", token);
        m.put("error", error);
        m.put("notice", notice);
        m.put("next", safeNext(x.req.getParameter("next")));
        x.render(status, "login.vm", m);
    }

    private void logout(Exchange x, List<String> groups) {
        x.audit("sign-out", null, null, null);
        ctx.sessions().end(x.session.idHash());
        setCookie(x.req, x.resp, SESSION_COOKIE, "", BASE, 0);
        x.redirect(BASE + "/login?out=1");
    }

    /** Only a path inside the admin pages is followed after sign-in ("/admin/../x" is not inside them). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith(BASE + "/") || next.startsWith("//") || next.contains("\\")
                || next.contains("//") || next.length() > 500 || next.chars().anyMatch(c -> c < 0x21)
                || hasDotSegment(next)) {
            return BASE + "/";
        }
        return next;
    }

    /** Whether the path holds a "." or ".." segment, written plainly or percent-encoded (browsers resolve both). */
    private static boolean hasDotSegment(String target) {
        int end = target.length();
        for (char stop : new char[] {'?', '#'}) {
            int i = target.indexOf(stop);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        for (String segment : target.substring(0, end).split("/", -1)) {
            String s = segment.replace("%2e", ".").replace("%2E", ".");
            if (s.equals(".") || s.equals("..")) {
                return true;
            }
        }
        return false;
    }

    // ---- cookies, origins, static files -------------------------------------------------------------------------

    static String cookie(HttpServletRequest req, String name) {
        Cookie[] cookies = req.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (name.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    /** HttpOnly and SameSite=Strict always, Secure when the request came over HTTPS; maxAge -1 for a session cookie. */
    static void setCookie(HttpServletRequest req, HttpServletResponse resp, String name, String value, String path,
                          int maxAge) {
        StringBuilder b = new StringBuilder(name).append('=').append(value).append("; Path=").append(path)
                .append("; HttpOnly; SameSite=Strict");
        if (maxAge >= 0) {
            b.append("; Max-Age=").append(maxAge);
        }
        if (req.isSecure()) {
            b.append("; Secure");
        }
        resp.addHeader("Set-Cookie", b.toString());
    }

    private void serveStatic(String name, HttpServletResponse resp) throws IOException {
        if (name.startsWith("fields/")) {
            var script = dev.ledgerbridge.web.HostedPages.fieldsScript(ctx.services().gateways(),
                    name.substring("fields/".length()));
            if (script.isEmpty()) {
                resp.sendError(404);
                return;
            }
            resp.setContentType("text/javascript;charset=utf-8");
            resp.setHeader("Cache-Control", "public, max-age=3600");
            resp.getOutputStream().write(script.get());
            return;
        }
        String type = STATIC.get(name);
        if (type == null) {
            resp.sendError(404);
            return;
        }
        byte[] body = staticFiles.computeIfAbsent(name, n -> {
            try (InputStream in = AdminServlet.class.getClassLoader().getResourceAsStream(Views.FOLDER + "static/" + n)) {
                return in.readAllBytes();
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("missing static file " + n, e);
            }
        });
        resp.setContentType(type);
        resp.setHeader("Cache-Control", "public, max-age=3600");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
