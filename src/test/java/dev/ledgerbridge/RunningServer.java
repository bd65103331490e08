package dev.ledgerbridge;

import dev.ledgerbridge.config.Config;
import java.net.URI;
import java.time.Clock;
import org.eclipse.jetty.server.Server;

/** The real server (App + Jetty + CXF) on a free port, for end-to-end tests; restartable on the same database. */
public final class RunningServer implements AutoCloseable {
    private Config config;
    private final Clock clock;
    private App app;
    private Server server;
    private int port;
    private int httpsPort;

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
        port = ServerFactory.localPort(server, ServerFactory.HTTP);
        httpsPort = ServerFactory.localPort(server, ServerFactory.HTTPS);
    }

    /** The Jetty server itself, for tests about its connectors. */
    public Server jetty() {
        return server;
    }

    public App app() {
        return app;
    }

    public int port() {
        return port;
    }

    /** The HTTPS port, or -1 when no certificate is configured. */
    public int httpsPort() {
        return httpsPort;
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
        java.util.Map<dev.ledgerbridge.config.Setting, String> ports = new java.util.EnumMap<>(dev.ledgerbridge.config.Setting.class);
        if (port > 0) {
            ports.put(dev.ledgerbridge.config.Setting.HTTP_PORT, Integer.toString(port));
        }
        if (httpsPort > 0) {
            ports.put(dev.ledgerbridge.config.Setting.HTTPS_PORT, Integer.toString(httpsPort));
        }
        config = config.with(ports);
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
