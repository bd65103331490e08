package dev.ledgerbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestCompanies;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.testkit.CycleResult;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import dev.ledgerbridge.testkit.FakeWebConnector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /metrics and /health as Prometheus and a load balancer read them, around an end-to-end sync. */
class MetricsAndHealthTest {
    static final String PASSWORD = "correct horse battery";
    static final String TOKEN = "scrape-token-123";
    RunningServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        server = new RunningServer(TestDb.freshConfig(Map.of(Setting.QBWC_MAX_RETURNED, "100",
                Setting.METRICS_TOKEN, TOKEN)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theCountersMoveDuringAnEndToEndSync() throws Exception {
        // given
        QbwcLogin login = server.app().companies.addLogin("acme", "Acme", PASSWORD);
        FakeQuickBooks qb = TestCompanies.quickBooks(login, "Acme Corp");
        qb.generateCustomers(350, 8);
        Scrape before = scrape();

        // when
        CycleResult r = new FakeWebConnector(server.endpoint()).runCycle(qb, "acme", PASSWORD);
        Scrape after = scrape();

        // then
        assertThat(r.outcome()).isEqualTo(CycleResult.Outcome.COMPLETED);
        assertThat(before.value("ledgerbridge_sync_records_total", "entity", "customer", "change", "inserted")).isZero();
        assertThat(after.value("ledgerbridge_sync_records_total", "entity", "customer", "change", "inserted"))
                .isEqualTo(350);
        assertThat(after.value("ledgerbridge_qbwc_call_seconds_count", "operation", "authenticate", "outcome", "ok"))
                .isEqualTo(1);
        assertThat(after.value("ledgerbridge_qbwc_call_seconds_count", "operation", "receiveResponseXML",
                "outcome", "progress")).isEqualTo(r.exchangeCount() - 1);
        assertThat(after.value("ledgerbridge_qbwc_call_seconds_count", "operation", "receiveResponseXML",
                "outcome", "complete")).isEqualTo(1);
        assertThat(after.value("ledgerbridge_qbxml_status_total", "entity", "customer", "code", "0")).isEqualTo(4);
        assertThat(after.value("ledgerbridge_sync_run_seconds_count", "outcome", "success")).isEqualTo(1);
        assertThat(after.value("ledgerbridge_company_last_success_timestamp_seconds", "company", "Acme"))
                .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60.0));
        assertThat(after.value("ledgerbridge_company_last_contact_timestamp_seconds", "company", "Acme")).isPositive();
        assertThat(after.text()).contains("jvm_memory_used_bytes{").contains("hikaricp_connections{");
    }

    @Test
    void metricsNeedTheTokenWhenOneIsSet() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).doesNotContain("jvm_");
    }

    @Test
    void withoutATokenMetricsAnswerOnlyThisMachineUnlessOpenedToEveryAddress() throws Exception {
        // given: servers without metrics.token behind a trusted proxy that names the client's address
        Map<Setting, String> proxied = Map.of(Setting.HTTP_FORWARDED, "true");
        try (RunningServer closed = new RunningServer(TestDb.freshConfig(proxied));
             RunningServer open = new RunningServer(TestDb.freshConfig(Map.of(Setting.HTTP_FORWARDED, "true",
                     Setting.METRICS_REMOTE, "true")))) {
            // when
            HttpResponse<String> local = scrapeFrom(closed, null);
            HttpResponse<String> remote = scrapeFrom(closed, "203.0.113.9");
            HttpResponse<String> opened = scrapeFrom(open, "203.0.113.9");

            // then
            assertThat(local.statusCode()).isEqualTo(200);
            assertThat(local.body()).contains("jvm_memory_used_bytes");
            assertThat(remote.statusCode()).isEqualTo(403);
            assertThat(remote.body()).contains("metrics.token").doesNotContain("jvm_");
            assertThat(opened.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void onlyLoopbackAddressesCountAsThisMachineAndNoNameIsLookedUp() {
        assertThat(List.of("127.0.0.1", "127.1.2.3", "::1", "[::1]", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1"))
                .allMatch(MetricsServlet::loopback);
        assertThat(List.of("10.0.0.1", "203.0.113.9", "::ffff:10.0.0.1", "localhost", "127.0.0.1.evil.example", ""))
                .noneMatch(MetricsServlet::loopback);
    }

    private HttpResponse<String> scrapeFrom(RunningServer s, String forwardedFor) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.baseUrl() + "/metrics"));
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAnswersWithoutALoginAndReadinessIncludesTheDatabase() throws Exception {
        HttpResponse<String> live = get("/health");
        HttpResponse<String> ready = get("/health/ready");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("\"status\":\"UP\"");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"database\":\"UP\"");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Scrape scrape() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        return new Scrape(r.body());
    }

    /** One scrape's text; a sample missing from it reads as 0. */
    record Scrape(String text) {
        double value(String name, String... labels) {
            for (String line : text.split("\n")) {
                if (!line.startsWith(name + "{")) {
                    continue;
                }
                boolean all = true;
                for (int i = 0; i < labels.length; i += 2) {
                    all &= line.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
                }
                if (all) {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return 0;
        }
    }
}
