package dev.ledgerbridge;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * Jetty's error pages as the server is assembled: an exception no servlet caught answers 500 without naming it
 * (what went wrong with the input can be in its message), with the server-wide headers.
 */
class ErrorPagesTest {
    /** A servlet that fails the way a bug would. */
    static final class Failing extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            throw new IllegalArgumentException("password must not be longer than 72 bytes");
        }
    }

    @Test
    void anUncaughtExceptionAnswers500WithoutItsClassOrMessage() throws Exception {
        // given
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new Failing()), "/*");
        ServerFactory.secure(server, context);
        server.start();
        try (LogCapture quiet = LogCapture.start(Level.OFF, "org.eclipse.jetty")) {
            // when
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/api")).build(),
                    HttpResponse.BodyHandlers.ofString());

            // then
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.body()).contains("500").doesNotContain("IllegalArgumentException")
                    .doesNotContain("72 bytes").doesNotContain("at dev.ledgerbridge");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        } finally {
            server.stop();
        }
    }
}
