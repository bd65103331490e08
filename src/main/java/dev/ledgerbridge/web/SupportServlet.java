package dev.ledgerbridge.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The AppSupport page of the .qwc file. NOTE: the Web Connector fetches it when the .qwc is added and
 * refuses the application unless it answers 200.
 */
public final class SupportServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(200);
        resp.setContentType("text/html;charset=utf-8");
        resp.getOutputStream().write(("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Ledgerbridge support</title></head><body><h1>Ledgerbridge</h1>"
                + "<p>This server syncs QuickBooks Desktop with Ledgerbridge through the QuickBooks Web Connector.</p>"
                + "<p>If a sync fails, the Web Connector's status column says why and what to do; your administrator"
                + " can see each run on the server's sync status page.</p></body></html>")
                .getBytes(StandardCharsets.UTF_8));
    }
}
