package dev.ledgerbridge.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * Probes for load balancers and service managers, without a login and without details: {@code /health} answers
 * 200 while the process serves HTTP (liveness); {@code /health/ready} answers 200 when the database answers too,
 * else 503 (readiness).
 */
public final class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** A probe must answer quickly even when the pool waits for a connection that will not come. */
    private static final long READY_TIMEOUT_MS = 3_000;

    private final transient DataSource dataSource;
    private transient CompletableFuture<Boolean> inFlight;

    public HealthServlet(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        if (path.equals("/") || path.isEmpty()) {
            Json.write(resp, 200, Map.of("status", "UP"));
        } else if (path.equals("/ready")) {
            boolean up = databaseAnswers();
            Json.write(resp, up ? 200 : 503, Map.of("status", up ? "UP" : "DOWN", "database", up ? "UP" : "DOWN"));
        } else {
            Json.error(resp, 404, "not_found", "Try /health or /health/ready.");
        }
    }

    private boolean databaseAnswers() {
        CompletableFuture<Boolean> check;
        synchronized (this) {
            // one check at a time: probes arriving while the database hangs wait on the same one
            if (inFlight == null || inFlight.isDone()) {
                inFlight = CompletableFuture.supplyAsync(this::check);
            }
            check = inFlight;
        }
        try {
            return check.get(READY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean check() {
        // a statement, not a ping: a Galera node that left the cluster still answers pings but refuses statements
        // (1047), and an instance stuck on it must leave the load balancer's rotation
        try (Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.setQueryTimeout(2);
            try (java.sql.ResultSet rs = st.executeQuery("SELECT 1")) {
                return rs.next();
            }
        } catch (SQLException e) {
            return false;
        }
    }
}
