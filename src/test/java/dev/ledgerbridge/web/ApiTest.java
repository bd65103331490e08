package dev.ledgerbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.auth.StaffService;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.qbwc.QbwcService;
import dev.ledgerbridge.testkit.CustomerSpec;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import dev.ledgerbridge.testkit.FakeWebConnector;
import dev.ledgerbridge.testkit.GroupSpec;
import dev.ledgerbridge.testkit.InvoiceSpec;
import dev.ledgerbridge.testkit.LineSpec;
import dev.ledgerbridge.testkit.QbCustomer;
import dev.ledgerbridge.testkit.QbInvoice;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON API over HTTP after a real sync: the contract's fields, paging, errors and authentication. */
class ApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static RunningServer server;
    static long companyId;
    static QbCustomer smith;
    static QbInvoice invoice;

    @BeforeAll
    static void syncACompany() {
        server = new RunningServer(TestDb.freshConfig());
        server.app().staff.add("clerk", "clerk password 1", StaffService.ROLE_STAFF);
        QbwcLogin login = server.app().companies.addLogin("acme", "Acme", "correct horse battery");
        companyId = login.companyId();
        FakeQuickBooks qb = new FakeQuickBooks("Acme Corp");
        qb.setOwnerId(QbwcService.OWNER_ID);
        qb.setFileId(login.fileId());
        qb.setNow(Instant.parse("2026-05-04T12:00:00Z"));
        qb.generateCustomers(120, 1);
        smith = qb.addCustomer(CustomerSpec.named("<script>alert(1)</script> & \"Smith's\"").email("smith@example.com"));
        invoice = qb.addInvoice(InvoiceSpec.forCustomer(smith.listId())
                .line(LineSpec.item("Consulting", "Two days", "2", "150.25"))
                .line(GroupSpec.of("Kit", "Starter kit", LineSpec.item("Part A", "A", "1", "10.10"),
                        LineSpec.item("Part B", "B", "3", "1.05"))));
        qb.applyPayment(invoice.txnId(), "100.00");
        new FakeWebConnector(server.endpoint()).runCycle(qb, "acme", "correct horse battery");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> get(String path, String user, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode ok(String path) throws Exception {
        HttpResponse<String> r = get(path, "clerk", "clerk password 1");
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    static JsonNode error(String path, int status) throws Exception {
        HttpResponse<String> r = get(path, "clerk", "clerk password 1");
        assertThat(r.statusCode()).as(path).isEqualTo(status);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("message").asText()).isNotBlank();
        return body;
    }

    @Test
    void refusesRequestsWithoutAStaffLogin() throws Exception {
        HttpResponse<String> none = get("/api/v1/companies", null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(get("/api/v1/companies", "clerk", "wrong password").statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/companies", "acme", "correct horse battery").statusCode())
                .as("a Web Connector login is not a staff login").isEqualTo(401);
    }

    @Test
    void listsCompaniesWithTheirLoginAndLastContact() throws Exception {
        JsonNode companies = ok("/api/v1/companies");
        assertThat(companies).hasSize(1);
        JsonNode c = companies.get(0);
        assertThat(c.get("id").asLong()).isEqualTo(companyId);
        assertThat(c.get("name").asText()).isEqualTo("Acme");
        assertThat(c.get("username").asText()).isEqualTo("acme");
        assertThat(c.get("lastContactAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*(Z|[+-]\\d\\d:\\d\\d)");
        assertThat(c.get("lastSuccessAt").isNull()).isFalse();
    }

    @Test
    void pagesAndSearchesCustomersWithTheContractsFields() throws Exception {
        JsonNode page = ok("/api/v1/companies/" + companyId + "/customers?page=2&size=50&sort=-balance");
        assertThat(page.get("total").asLong()).isEqualTo(121);
        assertThat(page.get("items")).hasSize(50);
        JsonNode first = page.get("items").get(0);
        for (String field : new String[] {"listId", "fullName", "name", "parentListId", "sublevel", "email", "phone",
                "balance", "totalBalance", "isActive", "isDeleted", "editSequence", "timeModified", "autoProcessing"}) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        assertThat(first.get("balance").asText()).matches("-?\\d+\\.\\d\\d");
        JsonNode found = ok("/api/v1/companies/" + companyId + "/customers?q=smith%40example");
        assertThat(found.get("total").asLong()).isEqualTo(1);
        assertThat(found.get("items").get(0).get("fullName").asText()).isEqualTo(smith.fullName());
    }

    @Test
    void showsACustomerWithItsInvoicesLinesAndPayments() throws Exception {
        JsonNode c = ok("/api/v1/companies/" + companyId + "/customers/" + smith.listId());
        assertThat(c.get("email").asText()).isEqualTo("smith@example.com");
        JsonNode invoices = c.get("invoices");
        assertThat(invoices).hasSize(1);
        JsonNode inv = invoices.get(0);
        assertThat(inv.get("txnId").asText()).isEqualTo(invoice.txnId());
        assertThat(inv.get("subtotal").asText()).isEqualTo("313.75");
        assertThat(inv.get("isPaid").asBoolean()).isFalse();
        assertThat(inv.get("lines")).hasSize(4);
        assertThat(inv.get("lines").get(1).get("isGroup").asBoolean()).isTrue();
        assertThat(inv.get("lines").get(2).get("groupTxnLineId").asText())
                .isEqualTo(inv.get("lines").get(1).get("txnLineId").asText());
        assertThat(inv.get("linkedTxns")).hasSize(1);
        assertThat(c.get("balance").asText()).as("the balance after the payment applied in QuickBooks")
                .isEqualTo(inv.get("balanceRemaining").asText());
    }

    @Test
    void listsInvoicesByCustomerWithPaging() throws Exception {
        JsonNode page = ok("/api/v1/companies/" + companyId + "/invoices?customer=" + smith.listId());
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("items").get(0).get("balanceRemaining").asText()).isEqualTo(
                invoice.subtotal().add(invoice.salesTaxTotal()).subtract(new java.math.BigDecimal("100.00"))
                        .setScale(2).toPlainString());
    }

    @Test
    void listsSyncRunsWithTheirSteps() throws Exception {
        JsonNode runs = ok("/api/v1/companies/" + companyId + "/sync-runs");
        assertThat(runs).isNotEmpty();
        assertThat(runs.get(0).get("outcome").asText()).isEqualTo("success");
        assertThat(runs.get(0).get("steps").get(0).get("step").asText()).isEqualTo("invoices");
    }

    @Test
    void answersBadParametersWithClearErrors() throws Exception {
        String base = "/api/v1/companies/" + companyId;
        assertThat(error(base + "/customers?page=-1", 400).get("message").asText()).contains("page");
        assertThat(error(base + "/customers?page=abc", 400).get("message").asText()).contains("page");
        assertThat(error(base + "/customers?size=100000", 400).get("message").asText()).contains("size");
        assertThat(error(base + "/customers?sort=password_hash", 400).get("message").asText()).contains("sort");
        error("/api/v1/companies/999999/customers", 404);
        error("/api/v1/companies/abc/customers", 404);
        error(base + "/customers/no-such-list-id", 404);
        error("/api/v1/nothing-here", 404);
    }

    @Test
    void takesPostOnlyWhereAResourceAcceptsIt() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/companies"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "clerk:clerk password 1".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(405);
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void acceptsAnApiTokenAsBearerAndRefusesAWrongOne() throws Exception {
        long adminId = server.app().staff.authenticate("clerk", "clerk password 1", "127.0.0.1").orElseThrow()
                .id();
        String token = server.app().tokens.create("api test", adminId).token();
        HttpResponse<String> ok = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/companies"))
                .header("Authorization", "Bearer " + token));
        assertThat(ok.statusCode()).isEqualTo(200);
        HttpResponse<String> bad = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/companies"))
                .header("Authorization", "Bearer lbt_wrong"));
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.headers().allValues("WWW-Authenticate")).anySatisfy(v -> assertThat(v).startsWith("Bearer"));
        assertThat(JSON.readTree(bad.body()).get("error").asText()).isEqualTo("unauthorized");
    }

    @Test
    void summarisesACustomersPaymentsAndOpenBalance() throws Exception {
        JsonNode s = ok("/api/v1/companies/" + companyId + "/customers/" + smith.listId() + "/summary");
        assertThat(s.get("approved").asLong()).isZero();
        assertThat(s.get("declined").asLong()).isZero();
        assertThat(s.get("collected").asText()).isEqualTo("0.00");
        assertThat(s.get("openBalance").asText()).matches("\\d+\\.\\d\\d");
        error("/api/v1/companies/" + companyId + "/customers/nobody/summary", 404);
    }

    @Test
    void queuesAnActionAndListsItByState() throws Exception {
        String path = "/api/v1/companies/" + companyId + "/actions";
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "clerk:clerk password 1".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json");
        HttpResponse<String> created = send(post.POST(HttpRequest.BodyPublishers.ofString(
                "{\"kind\": \"resync-customers\", \"customers\": [\"" + smith.listId() + "\"],"
                        + " \"idempotencyKey\": \"api-test-1\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode a = JSON.readTree(created.body());
        assertThat(a.get("state").asText()).isEqualTo("queued");
        assertThat(a.get("kind").asText()).isEqualTo("resync-customers");
        assertThat(a.get("message").asText()).contains("Waiting for the next Web Connector run");
        assertThat(a.fieldNames()).toIterable().containsExactly("id", "kind", "state", "message");
        HttpResponse<String> again = send(post.POST(HttpRequest.BodyPublishers.ofString(
                "{\"kind\": \"resync-customers\", \"customers\": [\"" + smith.listId() + "\"],"
                        + " \"idempotencyKey\": \"api-test-1\"}")));
        assertThat(JSON.readTree(again.body()).get("id").asLong()).as("same key, same request").isEqualTo(a.get("id").asLong());

        JsonNode queued = ok(path + "?state=queued");
        assertThat(queued).anySatisfy(n -> assertThat(n.get("id").asLong()).isEqualTo(a.get("id").asLong()));
        assertThat(error(path + "?state=lost", 400).get("message").asText()).contains("state");
        HttpResponse<String> badKind = send(post.POST(HttpRequest.BodyPublishers.ofString(
                "{\"kind\": \"format-disk\", \"customers\": [\"x\"]}")));
        assertThat(badKind.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badKind.body()).get("message").asText()).contains("unknown action");
        HttpResponse<String> notJson = send(post.POST(HttpRequest.BodyPublishers.ofString("kind=x")));
        assertThat(notJson.statusCode()).isEqualTo(400);
    }
}
