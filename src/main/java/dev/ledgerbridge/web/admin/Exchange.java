package dev.ledgerbridge.web.admin;

import dev.ledgerbridge.auth.StaffSession;
import dev.ledgerbridge.web.HttpError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One admin request of a signed-in staff member: its parameters, its session, and how to answer it. */
final class Exchange {
    final HttpServletRequest req;
    final HttpServletResponse resp;
    /** The signed-in session; null only on the sign-in page. */
    final StaffSession session;
    private final AdminServlet servlet;
    /** Whether this request wrote its own audit entry (other form posts get a generic one). */
    boolean audited;

    Exchange(HttpServletRequest req, HttpServletResponse resp, StaffSession session, AdminServlet servlet) {
        this.req = req;
        this.resp = resp;
        this.session = session;
        this.servlet = servlet;
    }

    String param(String name) {
        String v = req.getParameter(name);
        return v == null ? null : v.trim();
    }

    List<String> params(String name) {
        String[] v = req.getParameterValues(name);
        return v == null ? List.of() : Arrays.asList(v);
    }

    /** A form field that must be present and at most max characters. */
    String required(String name, int max) throws HttpError {
        String v = param(name);
        if (v == null || v.isEmpty()) {
            throw HttpError.badRequest(name + " is required");
        }
        if (v.length() > max) {
            throw HttpError.badRequest(name + " must be at most " + max + " characters");
        }
        return v;
    }

    /** The model every page starts from: who is signed in, their CSRF token, the one-time message, formatting. */
    Map<String, Object> model(String title) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", title);
        m.put("user", session);
        m.put("csrf", session == null ? null : session.csrfToken());
        m.put("flash", session == null ? null : servlet.ctx.sessions().takeFlash(session.idHash()).orElse(null));
        m.put("f", servlet.fmt);
        m.put("companies", session == null ? List.of() : servlet.ctx.services().companies().companies());
        m.put("company", null);
        m.put("nav", "");
        return m;
    }

    void render(String view, Map<String, Object> model) throws IOException {
        render(200, view, model);
    }

    void render(int status, String view, Map<String, Object> model) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        try (Writer w = new OutputStreamWriter(resp.getOutputStream(), StandardCharsets.UTF_8)) {
            servlet.views.render(view, model, w);
        }
    }

    /** 303 to a path under the context (e.g. "/admin/companies"), so a reload does not post again. */
    void redirect(String path) {
        resp.setStatus(303);
        resp.setHeader("Location", path);
    }

    void flash(String message) {
        servlet.ctx.sessions().flash(session.idHash(), message);
    }

    AdminServlet servlet() {
        return servlet;
    }

    String username() {
        return session.username();
    }

    /** Writes the signed-in staff member's action to the audit log, with the address it came from. */
    void audit(String action, Long companyId, String target, String detail) {
        audited = true;
        servlet.ctx.services().audit().record(session == null ? "?" : session.username(), req.getRemoteAddr(), action,
                companyId, target, detail);
    }
}
