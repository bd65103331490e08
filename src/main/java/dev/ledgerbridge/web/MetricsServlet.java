package dev.ledgerbridge.web;

import dev.ledgerbridge.company.Company;
import dev.ledgerbridge.company.CompanyService;
import dev.ledgerbridge.metrics.Metrics;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * /metrics in Prometheus' text format (OpenMetrics when asked). It names every company, so it is not for everyone:
 * with metrics.token set, only requests carrying {@code Authorization: Bearer <token>} are answered (from anywhere);
 * without one, only requests from this machine (loopback), unless metrics.remote opens it to every address.
 */
public final class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Metrics metrics;
    private final transient CompanyService companies;
    private final byte[] expected;
    private final boolean remote;
    private final transient Supplier<Map<String, Long>> actionDepth;

    /**
     * @param token the bearer token Prometheus must send, or "" for none
     * @param remote without a token, whether addresses other than loopback are answered
     * @param actionDepth the action queue's depth by state, read at each scrape
     */
    public MetricsServlet(Metrics metrics, CompanyService companies, String token, boolean remote,
                          Supplier<Map<String, Long>> actionDepth) {
        this.actionDepth = actionDepth;
        this.metrics = metrics;
        this.companies = companies;
        this.expected = token.isEmpty() ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.remote = remote;
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
        } else if (!remote && !loopback(req.getRemoteAddr())) {
            Json.error(resp, 403, "forbidden", "/metrics answers only on this machine. To scrape it from elsewhere,"
                    + " set metrics.token and send it as 'Authorization: Bearer <token>' (or set metrics.remote=true).");
            return;
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

    /** Whether the client's address, an IP literal (a name is never looked up), is this machine's loopback. */
    static boolean loopback(String address) {
        if (address == null) {
            return false;
        }
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
                : address;
        if (!a.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !a.matches("[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*")) {
            return false;
        }
        try {
            return InetAddress.getByName(a).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
