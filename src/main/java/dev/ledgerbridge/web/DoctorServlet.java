package dev.ledgerbridge.web;

import dev.ledgerbridge.auth.ApiTokens;
import dev.ledgerbridge.auth.StaffService;
import dev.ledgerbridge.auth.StaffUser;
import dev.ledgerbridge.ops.Doctor;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The doctor's report at /doctor for admin logins (HTTP Basic or an admin's API token, as the JSON API): JSON by
 * default, plain text with {@code ?format=text} or {@code Accept: text/plain}. The admin pages can render the same
 * {@link Doctor.Report}.
 */
public final class DoctorServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Supplier<Doctor.Report> doctor;
    private final transient ApiAuth auth;

    public DoctorServlet(Supplier<Doctor.Report> doctor, StaffService staff, ApiTokens tokens, Clock clock) {
        this.doctor = doctor;
        this.auth = new ApiAuth(staff, tokens, clock);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<StaffUser> user = auth.authenticate(req);
        if (user.isEmpty()) {
            ApiAuth.refuse(resp, "Sign in with an admin login (HTTP Basic) or an admin's API token.");
            return;
        }
        if (!"admin".equals(user.get().role())) {
            Json.error(resp, 403, "forbidden", "The doctor's report is for admin logins.");
            return;
        }
        Doctor.Report report = doctor.get();
        String accept = req.getHeader("Accept");
        if ("text".equals(req.getParameter("format")) || (accept != null && accept.startsWith("text/plain"))) {
            resp.setStatus(200);
            resp.setContentType("text/plain;charset=utf-8");
            resp.setHeader("Cache-Control", "no-store");
            resp.getOutputStream().write(report.text().getBytes(StandardCharsets.UTF_8));
            return;
        }
        List<Map<String, Object>> checks = new ArrayList<>();
        for (Doctor.Check c : report.checks()) {
            Map<String, Object> o = Json.object();
            o.put("name", c.name());
            o.put("level", c.level().name());
            o.put("message", c.message());
            o.put("fix", c.fix());
            checks.add(o);
        }
        Map<String, Object> body = Json.object();
        body.put("ok", !report.hasErrors());
        body.put("checks", checks);
        Json.write(resp, 200, body);
    }
}
