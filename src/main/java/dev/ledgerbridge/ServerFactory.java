package dev.ledgerbridge;

import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.qbwc.QbwcEndpoint;
import dev.ledgerbridge.web.ApiServlet;
import dev.ledgerbridge.web.SupportServlet;
import dev.ledgerbridge.web.admin.AdminServlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.xml.namespace.QName;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Assembles the HTTP server: the Web Connector endpoint at /qbwc, the JSON API, the admin pages, the support page. */
public final class ServerFactory {
    static final String NS = "http://developer.intuit.com/";

    private ServerFactory() {
    }

    /** An unstarted Jetty server for the application; port 0 in the config picks a free port (tests). */
    public static Server newServer(Config config, App app) {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.httpHost());
        connector.setPort(config.httpPort());
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder("qbwc", new QbwcServlet(new QbwcEndpoint(app.qbwc))), "/qbwc/*");
        context.addServlet(new ServletHolder("api", new ApiServlet(app.apiContext())), "/api/v1/*");
        context.addServlet(new ServletHolder("support", new SupportServlet()), "/support");
        AdminServlet.mount(context, app.adminContext());
        context.addServlet(new ServletHolder("home", new HomeServlet()), "/");
        server.setHandler(context);
        server.setStopTimeout(10_000);
        return server;
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
