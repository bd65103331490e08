package dev.ledgerbridge;

import dev.ledgerbridge.config.Config;
import java.net.URI;
import java.time.Clock;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The real server (App + Jetty + CXF) on a free port, for end-to-end tests; restartable on the same database. */
public final class RunningServer implements AutoCloseable {
    private Config config;
    private final Clock clock;
    private App app;
    private Server server;
    private int port;

    public RunningServer(Config config) {
        this(config, Clock.systemUTC());
    }

    public RunningServer(Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
        start();
    }

    private void start() {
        app = App.open(config, clock);
        server = ServerFactory.newServer(config, app);
        try {
            server.start();
        } catch (Exception e) {
            app.close();
            throw new IllegalStateException(e);
        }
        port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public App app() {
        return app;
    }

    public int port() {
        return port;
    }

    /** The base URL, e.g. http://localhost:41234 */
    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public URI endpoint() {
        return URI.create(baseUrl() + "/qbwc");
    }

    /** Stops the server and starts a new one on the same database and the same port, as after a crash and restart. */
    public void restart() {
        stop();
        config = config.with(java.util.Map.of(dev.ledgerbridge.config.Setting.HTTP_PORT, Integer.toString(port)));
        start();
    }

    private void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            app.close();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
