package dev.ledgerbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestCerts;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.config.Setting;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor against a real server on HTTPS, each test with one thing wrong that would make the Web Connector
 * refuse the application, and the report naming it with a fix.
 */
class DoctorTest {
    @TempDir
    static Path dir;

    /** A server with a valid certificate for localhost, shared by the tests that need nothing else wrong. */
    static RunningServer valid;

    @BeforeAll
    static void startValid() throws Exception {
        valid = new RunningServer(TestDb.freshConfig(TestCerts.valid(dir, "localhost").settings()));
        valid.app().staff.add("boss", "correct horse battery", "admin");
        valid.app().staff.add("clerk", "correct horse battery", "staff");
    }

    @AfterAll
    static void stopValid() {
        valid.close();
    }

    /** The report for a server serving {@code pem}, with public.url set to {@code publicUrl} (%d = the HTTPS port). */
    private static Doctor.Report report(TestCerts.Pem pem, String publicUrl) {
        try (RunningServer server = new RunningServer(TestDb.freshConfig(pem.settings()))) {
            return report(server, publicUrl);
        }
    }

    private static Doctor.Report report(RunningServer server, String publicUrl) {
        var config = server.app().config.with(Map.of(Setting.PUBLIC_URL, String.format(publicUrl, server.httpsPort())));
        return new Doctor(config, server.app().db.dataSource(), Clock.systemUTC()).run();
    }

    private static Doctor.Check check(Doctor.Report r, String namePrefix) {
        return r.checks().stream().filter(c -> c.name().startsWith(namePrefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + namePrefix + " in\n" + r.text()));
    }

    @Test
    void aServerSetUpAsTheWebConnectorNeedsHasNoErrors() throws Exception {
        // when
        Doctor.Report r = report(valid, "https://localhost:%d");

        // then
        assertThat(r.hasErrors()).as(r.text()).isFalse();
        assertThat(check(r, "AppSupport").message()).endsWith("answers 200");
        assertThat(check(r, "database").message()).contains("up to date");
        assertThat(check(r, "certificate trust").level()).as("self-signed").isEqualTo(Doctor.Level.WARNING);
        assertThat(check(r, "mail").level()).isEqualTo(Doctor.Level.WARNING);
        assertThat(check(r, "mail").message()).contains("not configured");
    }

    @Test
    void aCompanyWhoseWebConnectorWentSilentIsReported() {
        // given: one company whose Web Connector called two hours ago, one whose never called
        Instant now = Instant.now();
        valid.app().companies.addLogin("quiet", "Quiet Corp", "correct horse battery");
        valid.app().companies.addLogin("never", "Never Inc", "correct horse battery");
        try (var s = valid.app().db.session()) {
            s.getMapper(dev.ledgerbridge.company.CompanyMapper.class).recordContact(
                    valid.app().companies.companyByName("Quiet Corp").orElseThrow().id(), now.minus(Duration.ofHours(2)));
            s.commit();
        }

        // when
        Doctor.Report r = report(valid, "https://localhost:%d");

        // then
        Doctor.Check contact = check(r, "Web Connector contact");
        assertThat(contact.level()).isEqualTo(Doctor.Level.WARNING);
        assertThat(contact.message()).contains("no call for over 60 minutes").contains("Quiet Corp (last call")
                .contains("Never Inc (never called)");
        assertThat(contact.fix()).contains("Auto-Run");
    }

    @Test
    void anIpAddressUrlIsReportedWithTheFix() throws Exception {
        // when
        Doctor.Report r = report(valid, "https://127.0.0.1:%d");

        // then
        Doctor.Check host = check(r, "host name");
        assertThat(host.level()).isEqualTo(Doctor.Level.ERROR);
        assertThat(host.message()).contains("127.0.0.1 is an IP address").contains("QBWC1001");
        assertThat(host.fix()).contains("DNS name");
        assertThat(r.hasErrors()).isTrue();
    }

    @Test
    void aCertificateForAnotherHostNameIsReported() throws Exception {
        // when: the server's certificate is for qb.example.com, the Web Connector is told https://localhost
        Doctor.Report r = report(TestCerts.valid(dir, "qb.example.com"), "https://localhost:%d");

        // then
        Doctor.Check served = check(r, "certificate served at localhost");
        assertThat(served.level()).isEqualTo(Doctor.Level.ERROR);
        assertThat(served.message()).contains("for qb.example.com does not cover localhost");
        assertThat(served.fix()).contains("ledgerbridge cert --host localhost");
        assertThat(check(r, "certificate file").level()).isEqualTo(Doctor.Level.ERROR);
    }

    @Test
    void anExpiredCertificateIsReported() throws Exception {
        // given
        Instant now = Instant.now();
        TestCerts.Pem expired = TestCerts.write(dir, "localhost", now.minus(Duration.ofDays(400)),
                now.minus(Duration.ofDays(2)));

        // when
        Doctor.Report r = report(expired, "https://localhost:%d");

        // then
        Doctor.Check served = check(r, "certificate served at localhost");
        assertThat(served.level()).isEqualTo(Doctor.Level.ERROR);
        assertThat(served.message()).contains("expired on");
        assertThat(served.fix()).contains("renew");
    }

    @Test
    void anAppSupportPageThatDoesNotAnswer200IsReported() throws Exception {
        // when: a path prefix the server does not have (as when a proxy's prefix is left out or added wrongly)
        Doctor.Report r = report(valid, "https://localhost:%d/ledgerbridge");

        // then
        Doctor.Check support = check(r, "AppSupport");
        assertThat(support.level()).isEqualTo(Doctor.Level.ERROR);
        assertThat(support.message()).contains("/ledgerbridge/support answers 404").contains("QBWC1003");
        assertThat(support.fix()).contains("public.url");
    }

    @Test
    void theReportIsServedToAdminLoginsOnly() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI doctor = URI.create(valid.baseUrl() + "/doctor?format=text");

        assertThat(http.send(HttpRequest.newBuilder(doctor).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(doctor).header("Authorization", basic("clerk")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(doctor).header("Authorization", basic("boss"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("public.url is not set").contains("fix: set public.url");
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(valid.baseUrl() + "/doctor"))
                .header("Authorization", basic("boss")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.body()).contains("\"name\":\"database\"").contains("\"level\":\"OK\"");
        // an API token acts with its owner's role, as on the JSON API
        long boss = valid.app().staff.list().stream().filter(u -> u.username().equals("boss")).findFirst()
                .orElseThrow().id();
        long clerk = valid.app().staff.list().stream().filter(u -> u.username().equals("clerk")).findFirst()
                .orElseThrow().id();
        assertThat(http.send(HttpRequest.newBuilder(doctor).header("Authorization", "Bearer "
                + valid.app().tokens.create("monitoring", boss).token()).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(doctor).header("Authorization", "Bearer "
                + valid.app().tokens.create("clerk's", clerk).token()).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(403);
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":correct horse battery")
                .getBytes(StandardCharsets.UTF_8));
    }
}
