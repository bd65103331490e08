package dev.ledgerbridge.web;

import dev.ledgerbridge.company.Company;
import dev.ledgerbridge.company.CompanyService;
import dev.ledgerbridge.metrics.Metrics;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * /metrics in Prometheus' text format (OpenMetrics when asked). With metrics.token set, only requests carrying
 * {@code Authorization: Bearer <token>} are answered.
 */
public final class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Metrics metrics;
    private final transient CompanyService companies;
    private final byte[] expected;
    private final transient Supplier<Map<String, Long>> actionDepth;

    /** @param token the bearer token Prometheus must send, or "" for none */
    public MetricsServlet(Metrics metrics, CompanyService companies, String token) {
        this(metrics, companies, token, Map::of);
    }

    /** As above, with the action queue's depth by state read at each scrape. */
    public MetricsServlet(Metrics metrics, CompanyService companies, String token,
                          Supplier<Map<String, Long>> actionDepth) {
        this.actionDepth = actionDepth;
        this.metrics = metrics;
        this.companies = companies;
        this.expected = token.isEmpty() ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (expected != null) {
            String given = req.getHeader("Authorization");
            if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
                resp.setHeader("WWW-Authenticate", "Bearer realm=\"Ledgerbridge metrics\"");
                Json.error(resp, 401, "unauthorized", "Send the metrics.token as 'Authorization: Bearer <token>'.");
                return;
            }
        }
        List<Metrics.CompanyTimes> times = new ArrayList<>();
        for (Company c : companies.companies()) {
            times.add(new Metrics.CompanyTimes(c.name(), c.lastContactAt(), c.lastSuccessAt()));
        }
        metrics.refresh(times);
        metrics.refreshActions(actionDepth.get());
        Metrics.Scrape scrape = metrics.scrape(req.getHeader("Accept"));
        resp.setStatus(200);
        resp.setContentType(scrape.contentType());
        resp.setHeader("Cache-Control", "no-store");
        resp.getOutputStream().write(scrape.body().getBytes(StandardCharsets.UTF_8));
    }
}
