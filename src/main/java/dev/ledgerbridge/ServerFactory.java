package dev.ledgerbridge;

import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.ops.Certificates;
import dev.ledgerbridge.ops.Doctor;
import dev.ledgerbridge.qbwc.QbwcEndpoint;
import dev.ledgerbridge.web.ApiServlet;
import dev.ledgerbridge.web.DoctorServlet;
import dev.ledgerbridge.web.HealthServlet;
import dev.ledgerbridge.web.MetricsServlet;
import dev.ledgerbridge.web.SupportServlet;
import dev.ledgerbridge.web.WebhookServlet;
import dev.ledgerbridge.web.admin.AdminServlet;
import dev.ledgerbridge.web.pay.CardPageServlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.namespace.QName;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.SecuredRedirectHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Assembles the HTTP(S) server: the Web Connector endpoint at /qbwc, the JSON API, the admin pages, the support
 * page, health, metrics and the doctor's report.
 */
public final class ServerFactory {
    static final String NS = "http://developer.intuit.com/";

    private ServerFactory() {
    }

    /**
     * An unstarted Jetty server for the application; port 0 in the config picks a free port (tests). With a
     * certificate configured it listens for HTTPS too (TLS 1.2 and 1.3 only), and the HTTP port serves, redirects
     * or is left out as http.mode says. Stopping it lets calls in flight finish (up to {@link #STOP_TIMEOUT_MS}).
     */
    public static Server newServer(Config config, App app) {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        if (config.getBoolean(Setting.HTTP_FORWARDED)) {
            http.addCustomizer(new ForwardedRequestCustomizer());
        }
        String mode = config.httpMode();
        if (!mode.equals("off")) {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setName(HTTP);
            connector.setHost(config.httpHost());
            connector.setPort(config.httpPort());
            server.addConnector(connector);
        }
        if (config.httpsEnabled()) {
            server.addConnector(httpsConnector(server, config, http));
        }

        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder("qbwc", new QbwcServlet(new QbwcEndpoint(app.qbwc, app.metrics))), "/qbwc/*");
        context.addServlet(new ServletHolder("api", new ApiServlet(app.apiContext())), "/api/v1/*");
        context.addServlet(new ServletHolder("support", new SupportServlet()), "/support");
        context.addServlet(new ServletHolder("health", new HealthServlet(app.db.dataSource())), "/health/*");
        context.addServlet(new ServletHolder("metrics", new MetricsServlet(app.metrics, app.companies,
                config.get(Setting.METRICS_TOKEN), config.getBoolean(Setting.METRICS_REMOTE),
                app.actions::depthByState)), "/metrics");
        context.addServlet(new ServletHolder("doctor", new DoctorServlet(
                () -> new Doctor(config, app.db.dataSource(), app.clock).run(), app.staff, app.tokens, app.clock)),
                "/doctor");
        context.addServlet(new ServletHolder("webhooks", new WebhookServlet(app.paymentEvents, app.companies)),
                "/webhooks/*");
        AdminServlet.mount(context, app.adminContext());
        CardPageServlet.mount(context, app.cardRequests, app.gateways, app.db, config, app.clock);
        context.addServlet(new ServletHolder("home", new HomeServlet()), "/");
        Handler handler = context;
        if (mode.equals("redirect")) {
            handler = new RedirectToHttps(handler);
        }
        secure(server, new GracefulHandler(handler));
        server.setStopTimeout(STOP_TIMEOUT_MS);
        // the auto processing scheduler and the sweep of abandoned payment attempts run while the server does
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarted(LifeCycle event) {
                app.autoScheduler.start();
                app.staleAttempts.start();
            }

            @Override
            public void lifeCycleStopping(LifeCycle event) {
                app.autoScheduler.stop();
                app.staleAttempts.stop();
            }
        });
        return server;
    }

    /** Puts the server-wide headers around the server's handler and its error pages (used by tests as well). */
    static void secure(Server server, Handler handler) {
        server.setErrorHandler(new SecurityHeaders.OnErrors());
        server.setHandler(new SecurityHeaders(handler));
    }

    /** How long stopping waits for calls in flight (a large qbXML page can take seconds to store). */
    static final long STOP_TIMEOUT_MS = 30_000;
    /** Connector names, so callers can find the port each one got. */
    public static final String HTTP = "http";
    public static final String HTTPS = "https";

    private static ServerConnector httpsConnector(Server server, Config config, HttpConfiguration http) {
        Certificates.Tls tls = Certificates.load(config);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(tls.keyStore());
        ssl.setKeyStorePassword(tls.password());
        ssl.setKeyManagerPassword(tls.password());
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        HttpConfiguration https = new HttpConfiguration(http);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // a name the certificate does not cover fails in the client's own check; Jetty's 400 would only hide why
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(https));
        connector.setName(HTTPS);
        connector.setHost(config.httpHost());
        connector.setPort(config.httpsPort());
        http.setSecureScheme("https");
        http.setSecurePort(config.httpsPort());
        connector.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarted(LifeCycle event) {
                // redirects name the port actually bound (port 0 picks one)
                http.setSecurePort(connector.getLocalPort());
            }
        });
        return connector;
    }

    /** The port a started server's connector ("http" or "https") listens on, or -1 when it has none. */
    public static int localPort(Server server, String name) {
        for (Connector c : server.getConnectors()) {
            if (name.equals(c.getName()) && c instanceof ServerConnector sc) {
                return sc.getLocalPort();
            }
        }
        return -1;
    }

    /**
     * Plain-HTTP requests are redirected to HTTPS (307, so a POST stays a POST), except those addressed to
     * localhost: the Web Connector accepts http://localhost when QuickBooks runs on this machine, and a certificate
     * is seldom made for "localhost". (Only convenience: http.mode=off is the setting that refuses plain HTTP.)
     */
    static final class RedirectToHttps extends SecuredRedirectHandler {
        RedirectToHttps(Handler handler) {
            super(handler, HttpStatus.TEMPORARY_REDIRECT_307);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (!request.isSecure() && "localhost".equalsIgnoreCase(Request.getServerName(request))) {
                return getHandler().handle(request, response, callback);
            }
            return super.handle(request, response, callback);
        }
    }

    /**
     * The headers every answer carries, whatever produced it (a page, the API, the Web Connector endpoint, health,
     * metrics, a redirect or one of Jetty's error pages): no MIME sniffing, no framing by other pages, and over HTTPS
     * (directly, or through a proxy trusted with http.forwarded) Strict-Transport-Security, so a browser that has
     * seen the server once never tries plain HTTP for it again. Pages may set stricter ones of their own.
     */
    static final class SecurityHeaders extends Handler.Wrapper {
        private static final String CSP = "Content-Security-Policy";
        private static final HttpField NO_SNIFF = new HttpField("X-Content-Type-Options", "nosniff");
        private static final HttpField NO_FRAMES = new HttpField("X-Frame-Options", "DENY");
        private static final HttpField FRAME_ANCESTORS = new HttpField(CSP, "frame-ancestors 'none'");
        private static final HttpField HSTS = new PreEncodedHttpField(HttpHeader.STRICT_TRANSPORT_SECURITY,
                "max-age=31536000");

        SecurityHeaders(Handler handler) {
            super(handler);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            add(request, response);
            return super.handle(request, response, callback);
        }

        static void add(Request request, Response response) {
            HttpFields.Mutable headers = response.getHeaders();
            headers.put(NO_SNIFF);
            headers.put(NO_FRAMES);
            if (!headers.contains(CSP)) {
                headers.put(FRAME_ANCESTORS);
            }
            if (request.isSecure()) {
                headers.put(HSTS);
            }
        }

        /**
         * Jetty's own error pages (a malformed request, an exception no servlet caught, a sendError) with the same
         * headers; a server error says nothing of the exception behind it (its class and message can name what went
         * wrong with the input; the log has them).
         */
        static final class OnErrors extends ErrorHandler {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                add(request, response);
                return super.handle(request, response, callback);
            }

            @Override
            protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                         String contentType, List<Charset> charsets, int code,
                                                         String message, Throwable cause) throws IOException {
                return super.generateAcceptableResponse(request, response, callback, contentType, charsets, code,
                        code >= 500 ? null : message, code >= 500 ? null : cause);
            }
        }
    }

    /** CXF's servlet transport with the Web Connector endpoint published on its own bus (no Spring). */
    static final class QbwcServlet extends CXFNonSpringServlet {
        private static final long serialVersionUID = 1L;
        private final transient QbwcEndpoint endpoint;

        QbwcServlet(QbwcEndpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        protected void loadBus(ServletConfig servletConfig) {
            super.loadBus(servletConfig);
            JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
            factory.setBus(getBus());
            factory.setServiceBean(endpoint);
            factory.setServiceName(new QName(NS, "QBWebConnectorSvc"));
            factory.setEndpointName(new QName(NS, "QBWebConnectorSvcSoap"));
            factory.setWsdlLocation("classpath:wsdl/QBWebConnectorSvc.wsdl");
            factory.setAddress("/");
            factory.create();
        }
    }

    /** A plain page at / so a person who opens the server's address sees what it is. */
    static final class HomeServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (!"/".equals(req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo()))) {
                resp.sendError(404);
                return;
            }
            resp.setContentType("text/html;charset=utf-8");
            resp.getOutputStream().write(("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<title>Ledgerbridge</title></head><body><h1>Ledgerbridge</h1><p><a href=\"/admin/\">Admin pages</a>."
                    + " QuickBooks Web Connector endpoint: <a href=\"/qbwc?wsdl\">/qbwc</a>. JSON API: /api/v1/ (staff"
                    + " login or API token).</p></body></html>")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }
}
