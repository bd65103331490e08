package dev.ledgerbridge.web.admin;

import dev.ledgerbridge.auth.ApiTokens;
import dev.ledgerbridge.auth.Passwords;
import dev.ledgerbridge.company.Company;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.qbwc.QwcFile;
import dev.ledgerbridge.sync.SyncRun;
import dev.ledgerbridge.web.ApiContext;
import dev.ledgerbridge.web.HttpError;
import dev.ledgerbridge.web.Params;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Companies and their Web Connector logins, the sync status of a company, and API tokens. */
final class CompanyPages {
    static final int RUNS_SHOWN = 20;

    private final ApiContext s;
    private final Config config;

    CompanyPages(AdminContext ctx) {
        this.s = ctx.services();
        this.config = ctx.config();
    }

    /** A company with its logins and the outcome of its last run, as the Companies page lists it. */
    public record CompanyRow(Company company, List<QbwcLogin> logins, SyncRun lastRun) {
    }

    /** A password (or token) just made, shown once. */
    public record Secret(String label, String value, Long loginId) {
    }

    void list(Exchange x, List<String> g) throws IOException {
        showCompanies(x, 200, null, null, null, null);
    }

    private void showCompanies(Exchange x, int status, Secret secret, String error, String username, String company)
            throws IOException {
        List<QbwcLogin> logins = s.companies().logins();
        List<CompanyRow> rows = new ArrayList<>();
        for (Company c : s.companies().companies()) {
            List<SyncRun> last = s.sync().recentRuns(c.id(), 1);
            rows.add(new CompanyRow(c, logins.stream().filter(l -> l.companyId() == c.id()).toList(),
                    last.isEmpty() ? null : last.get(0)));
        }
        Map<String, Object> m = x.model("Companies and Web Connector logins");
        m.put("nav", "companies");
        m.put("rows", rows);
        m.put("secret", secret);
        m.put("error", error);
        m.put("username", username == null ? "" : username);
        m.put("companyName", company == null ? "" : company);
        x.render(status, "companies.vm", m);
    }

    void createLogin(Exchange x, List<String> g) throws IOException {
        String username = x.param("username");
        String company = x.param("company");
        String password = Passwords.generate();
        try {
            QbwcLogin login = s.companies().addLogin(username, company, password);
            showCompanies(x, 200, new Secret("Web Connector login '" + login.username() + "' created. Its password",
                    password, login.id()), null, null, null);
        } catch (IllegalArgumentException e) {
            showCompanies(x, 400, null, "The login was not created: " + e.getMessage() + ".", username, company);
        }
    }

    private QbwcLogin login(String id) throws HttpError {
        return s.companies().login(Long.parseLong(id)).orElseThrow(() ->
                HttpError.notFound("There is no Web Connector login with id " + id + "."));
    }

    void resetPassword(Exchange x, List<String> g) throws IOException, HttpError {
        QbwcLogin login = login(g.get(0));
        String password = s.companies().resetPassword(login.id());
        showCompanies(x, 200, new Secret("New password of Web Connector login '" + login.username()
                + "' (type it into the Web Connector; the old one no longer works)", password, login.id()),
                null, null, null);
    }

    void setEnabled(Exchange x, List<String> g) throws HttpError {
        QbwcLogin login = login(g.get(0));
        boolean enable = "true".equals(x.param("enabled"));
        s.companies().setEnabled(login.id(), enable);
        x.flash("Web Connector login '" + login.username() + "' " + (enable ? "enabled." : "disabled: the Web Connector"
                + " is refused until it is enabled again."));
        x.redirect(AdminServlet.BASE + "/companies");
    }

    void qwc(Exchange x, List<String> g) throws IOException, HttpError {
        QbwcLogin login = login(g.get(0));
        Company company = s.companies().company(login.companyId()).orElseThrow();
        String configured = config.get(Setting.PUBLIC_URL);
        String base = configured.isEmpty()
                ? x.req.getScheme() + "://" + x.req.getHeader("Host")
                : configured;
        String qwc;
        try {
            qwc = QwcFile.render(login, company, base, config.get(Setting.QBWC_APP_NAME),
                    config.getInt(Setting.QBWC_RUN_EVERY_MINUTES));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("The .qwc file cannot point at " + base + ": " + e.getMessage()
                    + ". Set public.url in the configuration to the https:// address the Web Connector uses.");
        }
        byte[] body = qwc.getBytes(StandardCharsets.UTF_8);
        x.resp.setStatus(200);
        x.resp.setContentType("application/xml;charset=utf-8");
        x.resp.setHeader("Content-Disposition", "attachment; filename=\"" + login.username() + ".qwc\"");
        x.resp.setHeader("Cache-Control", "no-store");
        x.resp.setContentLength(body.length);
        x.resp.getOutputStream().write(body);
    }

    /** A run with its steps, for the sync status page. */
    public record RunView(SyncRun run, List<dev.ledgerbridge.sync.SyncStepRow> steps) {
    }

    void syncStatus(Exchange x, List<String> g) throws IOException, HttpError {
        Company company = Params.company(s.companies(), g.get(0));
        List<RunView> runs = new ArrayList<>();
        for (SyncRun r : s.sync().recentRuns(company.id(), RUNS_SHOWN)) {
            runs.add(new RunView(r, s.sync().steps(r.id())));
        }
        Map<String, Object> m = x.model("Sync status — " + company.name());
        m.put("company", company);
        m.put("nav", "sync");
        m.put("runs", runs);
        Map<String, Object> pending = new HashMap<>();
        pending.put("customers", s.sync().resyncPending(company.id(), "customer").orElse(null));
        pending.put("invoices", s.sync().resyncPending(company.id(), "invoice").orElse(null));
        m.put("pending", pending);
        m.put("pendingActions", s.actions().pendingCount(company.id()));
        m.put("verified", s.sync().lastVerification(company.id()).orElse(null));
        m.put("logins", s.companies().logins().stream().filter(l -> l.companyId() == company.id()).toList());
        long quietMinutes = config.getInt(dev.ledgerbridge.config.Setting.SYNC_SILENCE_WARNING_MINUTES);
        java.time.Instant last = company.lastContactAt();
        m.put("silentMinutes", quietMinutes);
        m.put("silent", last == null || last.isBefore(s.clock().instant().minus(java.time.Duration.ofMinutes(quietMinutes))));
        x.render("sync.vm", m);
    }

    // ---- API tokens ----------------------------------------------------------------------------------------

    void tokens(Exchange x, List<String> g) throws IOException {
        showTokens(x, 200, null, null);
    }

    private void showTokens(Exchange x, int status, Secret secret, String error) throws IOException {
        Map<String, Object> m = x.model("API tokens");
        m.put("nav", "tokens");
        m.put("tokens", s.tokens().list());
        m.put("secret", secret);
        m.put("error", error);
        x.render(status, "tokens.vm", m);
    }

    void createToken(Exchange x, List<String> g) throws IOException {
        try {
            ApiTokens.Created t = s.tokens().create(x.param("name"), x.session.staffId());
            showTokens(x, 200, new Secret("API token '" + t.name() + "' created", t.token(), null), null);
        } catch (IllegalArgumentException e) {
            showTokens(x, 400, null, "The token was not created: " + e.getMessage() + ".");
        }
    }

    void revokeToken(Exchange x, List<String> g) {
        boolean done = s.tokens().revoke(Long.parseLong(g.get(0)));
        x.flash(done ? "Token revoked: programs using it are refused from now on." : "That token was already revoked.");
        x.redirect(AdminServlet.BASE + "/tokens");
    }
}
