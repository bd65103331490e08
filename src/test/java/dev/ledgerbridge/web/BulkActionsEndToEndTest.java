package dev.ledgerbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.action.ActionResult;
import dev.ledgerbridge.auth.StaffService;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.qbwc.QbwcService;
import dev.ledgerbridge.testkit.CycleResult;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import dev.ledgerbridge.testkit.FakeWebConnector;
import dev.ledgerbridge.testkit.QbCustomer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.testkit.CustomerSpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bulk actions on 500 customers through the JSON API, carried out locally or on the next Web Connector run. */
class BulkActionsEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String PASSWORD = "correct horse battery";
    RunningServer server;
    FakeQuickBooks qb;
    long companyId;
    List<QbCustomer> customers;

    @TempDir
    Path dataDir;

    @BeforeEach
    void start() {
        server = new RunningServer(TestDb.freshConfig(Map.of(Setting.DATA_DIR, dataDir.toString())));
        server.app().staff.add("clerk", "clerk password 1", StaffService.ROLE_STAFF);
        QbwcLogin login = server.app().companies.addLogin("acme", "Acme", PASSWORD);
        companyId = login.companyId();
        qb = new FakeQuickBooks("Acme Corp");
        qb.setOwnerId(QbwcService.OWNER_ID);
        qb.setFileId(login.fileId());
        qb.setNow(Instant.parse("2026-05-04T12:00:00Z"));
        customers = qb.generateCustomers(500, 11);
        sync();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CycleResult sync() {
        CycleResult r = new FakeWebConnector(server.endpoint()).runCycle(qb, "acme", PASSWORD);
        assertThat(r.outcome()).as("%s", r).isEqualTo(CycleResult.Outcome.COMPLETED);
        return r;
    }

    private HttpResponse<String> post(String kind, List<String> listIds) throws Exception {
        return post(kind, listIds, null);
    }

    private HttpResponse<String> post(String kind, List<String> listIds, String key) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("kind", kind);
        if (key != null) {
            body.put("idempotencyKey", key);
        }
        ArrayNode ids = body.putArray("customers");
        listIds.forEach(ids::add);
        return HTTP.send(request("/api/v1/companies/" + companyId + "/actions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("clerk:clerk password 1".getBytes(StandardCharsets.UTF_8)));
    }

    private int count(String sql) throws Exception {
        try (Connection c = server.app().db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, companyId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void enablingAutoProcessingFor500CustomersRunsAtOnceAndReportsEachCustomer() throws Exception {
        // given 20 customers already on
        List<String> ids = customers.stream().map(QbCustomer::listId).toList();
        assertThat(post("enable-auto-processing", ids.subList(0, 20)).statusCode()).isEqualTo(201);

        // when auto processing is enabled for all 500 (and one ListID that is no customer)
        List<String> all = new java.util.ArrayList<>(ids);
        all.add("8000FFFF-0000000000");
        HttpResponse<String> r = post("enable-auto-processing", all);

        // then it is done at once, each customer reporting what happened
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode a = JSON.readTree(r.body());
        assertThat(a.fieldNames()).toIterable().containsExactly("id", "kind", "state", "message");
        assertThat(a.get("state").asText()).isEqualTo("done");
        assertThat(a.get("message").asText()).startsWith("480 customers turned on, 21 skipped");
        assertThat(count("SELECT COUNT(*) FROM customer WHERE company_id = ? AND auto_processing")).isEqualTo(500);
        assertThat(count("SELECT COUNT(*) FROM customer WHERE company_id = ? AND auto_processing"
                + " AND auto_processing_since IS NOT NULL")).as("when each was turned on is kept").isEqualTo(500);
        List<ActionResult> results = server.app().actions.results(a.get("id").asLong(), 1000);
        assertThat(results).hasSize(501);
        assertThat(results.stream().filter(x -> x.message().equals("already on"))).hasSize(20);
        assertThat(results.stream().filter(x -> x.listId().equals("8000FFFF-0000000000")).findFirst().orElseThrow()
                .message()).isEqualTo("skipped: no such customer in this company");
        JsonNode done = get("/api/v1/companies/" + companyId + "/actions?state=done");
        assertThat(done).anySatisfy(n -> assertThat(n.get("id").asLong()).isEqualTo(a.get("id").asLong()));

        // and the metrics count the queue by state
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("ledgerbridge_action_queue_depth{state=\"done\"} 2.0",
                "ledgerbridge_action_queue_depth{state=\"queued\"} 0.0");

        // and disabling them all turns every one off
        JsonNode off = JSON.readTree(post("disable-auto-processing", ids).body());
        assertThat(off.get("message").asText()).startsWith("500 customers turned off");
        assertThat(count("SELECT COUNT(*) FROM customer WHERE company_id = ? AND auto_processing")).isZero();
        assertThat(count("SELECT COUNT(*) FROM customer WHERE company_id = ? AND auto_processing_since IS NOT NULL"))
                .isZero();
    }

    @Test
    void reSyncing500CustomersReadsThemAgainOnTheNextRun() throws Exception {
        // given customers whose stored rows drifted from QuickBooks
        try (Connection c = server.app().db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE customer SET email = 'drift@example.com'"
                     + " WHERE company_id = ? ORDER BY list_id LIMIT 40")) {
            ps.setLong(1, companyId);
            assertThat(ps.executeUpdate()).isEqualTo(40);
            c.commit();
        }
        List<String> ids = customers.stream().map(QbCustomer::listId).toList();

        // when staff re-sync all 500
        JsonNode a = JSON.readTree(post("resync-customers", ids).body());

        // then it waits for the next run, which reads them in batches and repairs every row
        assertThat(a.get("state").asText()).isEqualTo("queued");
        assertThat(get("/api/v1/companies/" + companyId + "/actions?state=queued"))
                .anySatisfy(n -> assertThat(n.get("id").asLong()).isEqualTo(a.get("id").asLong()));
        CycleResult r = sync();
        assertThat(r.requests().stream().filter(q -> q.contains("<CustomerQueryRq") && !q.contains("iterator=")
                && !q.contains("IncludeRetElement"))).hasSize(3);
        assertThat(count("SELECT COUNT(*) FROM customer WHERE company_id = ? AND email = 'drift@example.com'")).isZero();
        JsonNode after = get("/api/v1/companies/" + companyId + "/actions?state=done");
        JsonNode mine = null;
        for (JsonNode n : after) {
            if (n.get("id").asLong() == a.get("id").asLong()) {
                mine = n;
            }
        }
        assertThat(mine).as("the re-sync is done").isNotNull();
        assertThat(mine.get("message").asText()).startsWith("500 customers read again");
        assertThat(server.app().actions.results(a.get("id").asLong(), 1000)).hasSize(500)
                .allMatch(x -> x.outcome().equals(ActionResult.DONE));
        assertThat(count("SELECT COUNT(*) FROM customer_refresh WHERE company_id = ?")).isZero();
    }

    @Test
    void sendingCardRequestsSendsToCustomersWithAnEmailAndSaysWhyOthersWereSkipped() throws Exception {
        // given one customer with an email and one without
        QbCustomer mail = qb.addCustomer(CustomerSpec.named("Mailable Ltd").email("ap@mailable.example"));
        QbCustomer none = qb.addCustomer(CustomerSpec.named("No Mail Co"));
        sync();

        // when staff send both a card-information request
        JsonNode a = JSON.readTree(post("send-card-request", List.of(mail.listId(), none.listId())).body());

        // then one is sent (to the outbox, as no SMTP server is set) and the other is skipped with the reason
        assertThat(a.get("state").asText()).isEqualTo("done");
        assertThat(a.get("message").asText()).startsWith("1 customer sent, 1 skipped");
        List<ActionResult> results = server.app().actions.results(a.get("id").asLong(), 10);
        assertThat(results).anySatisfy(x -> {
            assertThat(x.listId()).isEqualTo(none.listId());
            assertThat(x.message()).isEqualTo("skipped: no email address");
        });
        assertThat(results).anySatisfy(x -> {
            assertThat(x.listId()).isEqualTo(mail.listId());
            assertThat(x.outcome()).isEqualTo(ActionResult.DONE);
        });
        assertThat(count("SELECT COUNT(*) FROM card_request WHERE company_id = ?")).isEqualTo(1);
    }

    @Test
    void anIdempotencyKeyRepeatsOnlyTheRequestItWasFirstUsedFor() throws Exception {
        // given auto processing enabled for two customers under a key
        List<String> ids = customers.stream().map(QbCustomer::listId).toList();
        HttpResponse<String> first = post("enable-auto-processing", ids.subList(0, 2), "bulk-key-1");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        long firstId = JSON.readTree(first.body()).get("id").asLong();

        // when the same request comes again with the key (customers in another order), it is the first one
        HttpResponse<String> again = post("enable-auto-processing", List.of(ids.get(1), ids.get(0)), "bulk-key-1");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(JSON.readTree(again.body()).get("id").asLong()).isEqualTo(firstId);

        // then the key used for other customers or another action is refused, and nothing of those is done
        HttpResponse<String> others = post("enable-auto-processing", ids.subList(2, 4), "bulk-key-1");
        assertThat(others.statusCode()).as(others.body()).isEqualTo(400);
        assertThat(others.body()).contains("idempotency key was already used for a different request");
        HttpResponse<String> otherKind = post("disable-auto-processing", ids.subList(0, 2), "bulk-key-1");
        assertThat(otherKind.statusCode()).as(otherKind.body()).isEqualTo(400);
        assertThat(count("SELECT COUNT(*) FROM customer WHERE company_id = ? AND auto_processing")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM action_request WHERE company_id = ?")).isEqualTo(1);

        // and another company using the same key is not shown this company's request
        QbwcLogin other = server.app().companies.addLogin("birch", "Birch", PASSWORD);
        HttpResponse<String> foreign = HTTP.send(request("/api/v1/companies/" + other.companyId() + "/actions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("kind", "enable-auto-processing")
                        .put("idempotencyKey", "bulk-key-1").set("customers", JSON.createArrayNode().add(ids.get(0)))
                        .toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(400);
        assertThat(foreign.body()).doesNotContain("\"id\"");
    }

    @Test
    void refusesABadRequestWithAMessage() throws Exception {
        HttpResponse<String> none = post("enable-auto-processing", List.of());
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("select at least one customer");
        HttpResponse<String> tooLong = post("enable-auto-processing", List.of("x".repeat(37)));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/companies/" + companyId + "/actions")).isEmpty();
    }
}
