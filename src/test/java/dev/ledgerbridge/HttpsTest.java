package dev.ledgerbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.testkit.CycleResult;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import dev.ledgerbridge.testkit.FakeWebConnector;
import dev.ledgerbridge.testkit.QbwcClientError;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server over HTTPS as the Web Connector reaches it from another PC, and the plain-HTTP port beside it. */
class HttpsTest {
    static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path dir;

    /** A server on HTTPS with a certificate for localhost, HTTP redirecting, behind-a-proxy headers honoured. */
    static RunningServer server;
    static TestCerts.Pem pem;

    @BeforeAll
    static void start() throws Exception {
        pem = TestCerts.valid(dir, "localhost");
        Map<Setting, String> settings = new EnumMap<>(pem.settings());
        settings.put(Setting.HTTP_FORWARDED, "true");
        server = new RunningServer(TestDb.freshConfig(settings));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aWebConnectorThatTrustsOnlyTheGeneratedCertificateCompletesASessionOverHttps() throws Exception {
        // given: a certificate made for localhost, served on the HTTPS port, and a client that trusts only it
        QbwcLogin login = server.app().companies.addLogin("acme", "Acme", PASSWORD);
        FakeQuickBooks qb = TestCompanies.quickBooks(login, "Acme Corp");
        qb.generateCustomers(120, 4);
        URI appUrl = URI.create("https://localhost:" + server.httpsPort() + "/qbwc");
        FakeWebConnector wc = new FakeWebConnector(appUrl, TestCerts.trusting(pem.certificate()));

        // when
        CycleResult r = wc.runCycle(qb, "acme", PASSWORD);

        // then
        assertThat(r.outcome()).isEqualTo(CycleResult.Outcome.COMPLETED);
        assertThat(r.closeConnectionResult()).hasValueSatisfying(s -> assertThat(s).contains("120 customers"));
        assertThat(customerCount(server.app(), login.companyId())).isEqualTo(120);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefusedAndOnlyTls12AndUpAreOffered() throws Exception {
        // given
        TestCerts.Pem other = TestCerts.valid(dir, "localhost");
        URI appUrl = URI.create("https://localhost:" + server.httpsPort() + "/qbwc");

        // when / then: a client trusting another certificate for the same name does not get through
        FakeWebConnector stranger = new FakeWebConnector(appUrl, TestCerts.trusting(other.certificate()));
        assertThatThrownBy(() -> stranger.call("serverVersion")).isInstanceOf(QbwcClientError.class)
                .hasMessageContaining(SSLHandshakeException.class.getSimpleName());
        // and the server offers nothing older than TLS 1.2
        var factory = java.util.Arrays.stream(server.jetty().getConnectors())
                .filter(c -> ServerFactory.HTTPS.equals(c.getName())).findFirst().orElseThrow()
                .getConnectionFactory(org.eclipse.jetty.server.SslConnectionFactory.class).getSslContextFactory();
        assertThat(factory.getSelectedProtocols()).isNotEmpty().allMatch(p -> p.equals("TLSv1.2") || p.equals("TLSv1.3"));
    }

    @Test
    void plainHttpRedirectsToHttpsExceptForLocalhost() throws Exception {
        // given
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

        // when
        HttpResponse<String> byAddress = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/support?x=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> byLocalhost = client.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + server.port() + "/support")).build(), HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(byAddress.statusCode()).isEqualTo(307);
        assertThat(byAddress.headers().firstValue("Location")).hasValue(
                "https://127.0.0.1:" + server.httpsPort() + "/support?x=1");
        assertThat(byLocalhost.statusCode()).isEqualTo(200);
    }

    @Test
    void withHttpOffOnlyTheHttpsPortListens() throws Exception {
        // given
        Map<Setting, String> settings = new EnumMap<>(pem.settings());
        settings.put(Setting.HTTP_MODE, "off");

        // when
        try (RunningServer httpsOnly = new RunningServer(TestDb.freshConfig(settings))) {
            // then
            assertThat(httpsOnly.port()).isEqualTo(-1);
            assertThat(httpsOnly.httpsPort()).isPositive();
        }
    }

    @Test
    void behindAProxyTheForwardedSchemeAndHostNameTheWsdlAddressAndAvoidTheRedirect() throws Exception {
        // given: a TLS-terminating proxy forwards plain HTTP with X-Forwarded-* headers
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

        // when
        HttpResponse<String> wsdl = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/qbwc?wsdl"))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "qb.example.com").build(),
                HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(wsdl.statusCode()).isEqualTo(200);
        assertThat(wsdl.body()).contains("location=\"https://qb.example.com/qbwc\"");
    }

    @Test
    void everyAnswerOverHttpsCarriesHstsAndNoneMayBeSniffedOrFramed() throws Exception {
        // given: a browser-like client of the HTTPS port, and the plain-HTTP port's localhost exception
        HttpClient https = HttpClient.newBuilder().sslContext(TestCerts.trusting(pem.certificate()))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String base = "https://localhost:" + server.httpsPort();
        List<HttpRequest> requests = new ArrayList<>();
        for (String path : List.of("/admin/login", "/admin/", "/admin/static/none.css", "/api/v1/companies",
                "/health", "/health/ready", "/metrics", "/support", "/qbwc?wsdl", "/doctor", "/pay/card/unknown",
                "/nothing-here", "/admin/%2e%2e/api/v1/companies", "/")) {
            requests.add(HttpRequest.newBuilder(URI.create(base + path)).build());
        }
        requests.add(HttpRequest.newBuilder(URI.create(base + "/qbwc")).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<not-soap/>")).build());
        requests.add(HttpRequest.newBuilder(URI.create(base + "/api/v1/companies"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody()).build());

        // when / then
        java.util.Set<Integer> statuses = new java.util.TreeSet<>();
        for (HttpRequest r : requests) {
            HttpResponse<String> answer = https.send(r, HttpResponse.BodyHandlers.ofString());
            statuses.add(answer.statusCode());
            assertThat(answer.headers().firstValue("Strict-Transport-Security")).as(r + " " + answer.statusCode())
                    .hasValueSatisfying(v -> assertThat(v).startsWith("max-age="));
            assertProtected(r, answer);
        }
        assertThat(statuses).as("pages, redirects, refusals and Jetty's error pages").contains(200, 303, 400, 401, 404);
        HttpRequest local = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/health")).build();
        HttpResponse<String> overHttp = plain.send(local, HttpResponse.BodyHandlers.ofString());
        assertProtected(local, overHttp);
        assertThat(overHttp.headers().firstValue("Strict-Transport-Security")).as("only over HTTPS").isEmpty();
    }

    private static void assertProtected(HttpRequest r, HttpResponse<String> answer) {
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(r + " " + answer.statusCode())
                .hasValue("nosniff");
        assertThat(answer.headers().firstValue("X-Frame-Options")).as(r + " " + answer.statusCode()).hasValue("DENY");
        assertThat(answer.headers().firstValue("Content-Security-Policy")).as(r + " " + answer.statusCode())
                .hasValueSatisfying(v -> assertThat(v).contains("frame-ancestors 'none'"));
    }

    static int customerCount(App app, long companyId) throws Exception {
        try (Connection c = app.db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM customer WHERE company_id = " + companyId)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
