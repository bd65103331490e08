package dev.ledgerbridge.sync;

import static dev.ledgerbridge.sync.SyncChecks.assertCompleted;
import static dev.ledgerbridge.sync.SyncChecks.assertExactMirror;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.auth.StaffService;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.payment.CardDetails;
import dev.ledgerbridge.payment.PaymentProfile;
import dev.ledgerbridge.payment.sandbox.SandboxGateway;
import dev.ledgerbridge.simulate.QbForeignAmount;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import dev.ledgerbridge.testkit.FakeWebConnector;
import dev.ledgerbridge.testkit.InvoiceSpec;
import dev.ledgerbridge.testkit.LineSpec;
import dev.ledgerbridge.testkit.QbCustomer;
import dev.ledgerbridge.testkit.QbPayment;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Payments of a multicurrency company file (home CAD, customers in CAD and USD) through the JSON API and the real SOAP
 * endpoint: shown with their currencies, charged in the invoice's currency, posted to QuickBooks in the customer's
 * currency with the invoice's rate, and QuickBooks' balances and home-currency amounts mirrored exactly afterwards.
 */
class MultiCurrencyPaymentsEndToEndTest {
    static final String PASSWORD = "correct horse battery";
    static final String STAFF = "clerk";
    static final String STAFF_PASSWORD = "clerk password 1";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    RunningServer server;
    QbwcLogin login;
    FakeQuickBooks qb;
    QbCustomer maple;
    QbCustomer yankee;
    String usdInvoice;
    String cadInvoice;
    String base;

    @BeforeEach
    void start() {
        server = new RunningServer(TestDb.freshConfig());
        server.app().staff.add(STAFF, STAFF_PASSWORD, StaffService.ROLE_STAFF);
        login = server.app().companies.addLogin("maple", "Maple", PASSWORD);
        qb = SyncChecks.company(login, "Maple Supply Ltd", Instant.now().minusSeconds(3600));
        qb.addPaymentMethod("Credit Card");
        qb.turnOnMultiCurrency("CAD");
        qb.setExchangeRate("USD", new BigDecimal("1.3605"));
        maple = qb.addCustomer("Maple Hardware");
        yankee = qb.setCustomerCurrency(qb.addCustomer("Yankee Tools").listId(), "USD");
        cadInvoice = invoice(maple, "250.00");
        usdInvoice = invoice(yankee, "1000.00");
        base = "/api/v1/companies/" + login.companyId();
        sync();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String invoice(QbCustomer c, String amount) {
        return qb.addInvoice(InvoiceSpec.forCustomer(c.listId()).line(LineSpec.item("Service", "Work", "1", amount)))
                .txnId();
    }

    private void sync() {
        assertCompleted(new FakeWebConnector(server.endpoint()).runCycle(qb, "maple", PASSWORD));
    }

    private PaymentProfile card(QbCustomer c) {
        return server.app().paymentProfiles.add(login.companyId(), c.listId(),
                new CardDetails(SandboxGateway.APPROVE_CARD, 12, 2030, "Pat Smith", null), STAFF);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (STAFF + ":" + STAFF_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(String method, String path, String body) throws Exception {
        HttpResponse<String> r = send(method, path, body);
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
        return JSON.readTree(r.body());
    }

    private JsonNode invoiceJson(String txnId) throws Exception {
        for (JsonNode i : ok("GET", base + "/invoices?size=500", null).get("items")) {
            if (i.get("txnId").asText().equals(txnId)) {
                return i;
            }
        }
        throw new AssertionError("invoice " + txnId + " not listed");
    }

    private List<String> column(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = server.app().db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void aUsdInvoiceIsShownChargedAndPostedInUsdWithItsRateAndQuickBooksBalancesStayExact() throws Exception {
        // given the API shows each customer and invoice with its currency, rate and home-currency balance
        JsonNode usd = invoiceJson(usdInvoice);
        assertThat(usd.get("currency").asText()).isEqualTo("USD");
        assertThat(usd.get("exchangeRate").asText()).isEqualTo("1.3605");
        assertThat(usd.get("balanceRemainingInHomeCurrency").asText()).isEqualTo("1360.50");
        JsonNode cad = invoiceJson(cadInvoice);
        assertThat(cad.get("currency").asText()).isEqualTo("CAD");
        assertThat(cad.get("exchangeRate").asText()).isEqualTo("1");
        assertThat(ok("GET", base + "/customers/" + yankee.listId(), null).get("currency").asText()).isEqualTo("USD");
        assertThat(ok("GET", base + "/customers/" + maple.listId(), null).get("currency").asText()).isEqualTo("CAD");
        PaymentProfile card = card(yankee);
        JsonNode profiles = ok("GET", base + "/customers/" + yankee.listId() + "/payment-profiles", null);
        assertThat(profiles.get(0).get("currency").asText()).isEqualTo("USD");
        assertThat(profiles.get(0).get("takesCurrency").asBoolean()).isTrue();

        // when 400.00 of the USD invoice is charged, and the rate in QuickBooks moves before the next run
        JsonNode paid = ok("POST", base + "/payments", "{\"customerListId\": \"" + yankee.listId() + "\", \"profileId\": "
                + card.id() + ", \"invoices\": [{\"txnId\": \"" + usdInvoice + "\", \"amount\": \"400.00\"}],"
                + " \"idempotencyKey\": \"mc-1\"}");
        assertThat(paid.get("result").asText()).isEqualTo("Approved");
        qb.setExchangeRate("USD", new BigDecimal("1.3710"));
        qb.advance(Duration.ofMinutes(5));
        sync();
        qb.advance(Duration.ofMinutes(5));
        sync();

        // then the gateway was asked for 400.00 USD, the payment reads USD, and QuickBooks received it in USD at the
        // invoice's rate: the invoice owes 600.00 USD, 816.30 CAD at its own rate
        assertThat(column("SELECT CONCAT(amount, ' ', currency) FROM sandbox_charge")).containsExactly("400.00 USD");
        JsonNode payment = ok("GET", base + "/payments/" + paid.get("id").asLong(), null);
        assertThat(payment.get("currency").asText()).isEqualTo("USD");
        assertThat(payment.get("postedToQuickBooks").asBoolean()).isTrue();
        QbPayment posted = qb.payments().stream().filter(p -> p.memo() != null
                && p.memo().startsWith("Ledgerbridge payment")).findFirst().orElseThrow();
        QbForeignAmount inQb = qb.paymentInHomeCurrency(posted.txnId()).orElseThrow();
        assertThat(inQb.currency()).isEqualTo("USD");
        assertThat(inQb.exchangeRate()).isEqualByComparingTo("1.3605");
        assertThat(inQb.amountInHomeCurrency()).isEqualByComparingTo("544.20");
        assertThat(qb.invoice(usdInvoice).orElseThrow().balanceRemaining()).isEqualByComparingTo("600.00");
        assertThat(qb.invoiceInHomeCurrency(usdInvoice).orElseThrow().amountInHomeCurrency())
                .isEqualByComparingTo("816.30");
        assertThat(qb.customer(yankee.listId()).orElseThrow().balance()).isEqualByComparingTo("600.00");
        assertExactMirror(server.app(), login.companyId(), qb);
        usd = invoiceJson(usdInvoice);
        assertThat(usd.get("balanceRemaining").asText()).isEqualTo("600.00");
        assertThat(usd.get("balanceRemainingInHomeCurrency").asText()).isEqualTo("816.30");
        JsonNode summary = ok("GET", base + "/customers/" + yankee.listId() + "/summary", null);
        assertThat(summary.get("currency").asText()).isEqualTo("USD");
        assertThat(summary.get("collected").asText()).isEqualTo("400.00");
        assertThat(summary.get("collectedByCurrency").toString()).isEqualTo("{\"USD\":\"400.00\"}");
    }

    @Test
    void invoicesOfDifferentCurrenciesAreNeverPaidTogether() throws Exception {
        // given a CAD customer with a second invoice stored as USD (as if its currency had been changed)
        String second = invoice(maple, "75.00");
        qb.advance(Duration.ofMinutes(5));
        sync();
        try (Connection c = server.app().db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE invoice SET currency = 'USD', exchange_rate = 1.3605 WHERE txn_id = '" + second
                    + "'");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        PaymentProfile card = card(maple);

        // when both are paid at once
        HttpResponse<String> r = send("POST", base + "/payments", "{\"customerListId\": \"" + maple.listId()
                + "\", \"profileId\": " + card.id() + ", \"invoices\": [{\"txnId\": \"" + cadInvoice + "\", \"amount\":"
                + " \"10.00\"}, {\"txnId\": \"" + second + "\", \"amount\": \"10.00\"}], \"idempotencyKey\": \"mc-2\"}");

        // then it is refused with the reason, and nothing was charged or recorded
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("message").asText())
                .contains("different currencies (CAD, USD)", "separately");
        assertThat(column("SELECT COUNT(*) FROM payment_txn")).containsExactly("0");
        assertThat(column("SELECT COUNT(*) FROM sandbox_charge")).containsExactly("0");
    }

    @Test
    void aDepositOfAUsdCustomerIsPostedInUsdAtTheRateOfQuickBooksCurrencyList() throws Exception {
        // given a USD customer's card; QuickBooks' list holds USD at 1.3605 as of the last run
        PaymentProfile card = card(yankee);

        // when 50.00 is taken as a deposit and the next runs post it and read it back
        JsonNode r = ok("POST", base + "/payments", "{\"customerListId\": \"" + yankee.listId() + "\", \"profileId\": "
                + card.id() + ", \"amount\": \"50.00\", \"idempotencyKey\": \"mc-3\"}");
        assertThat(r.get("result").asText()).as(r.toString()).isEqualTo("Approved");
        qb.advance(Duration.ofMinutes(5));
        sync();
        qb.advance(Duration.ofMinutes(5));
        sync();

        // then it was charged in USD and QuickBooks holds it unapplied in USD at that rate, 68.03 CAD
        assertThat(column("SELECT CONCAT(amount, ' ', currency) FROM sandbox_charge")).containsExactly("50.00 USD");
        QbPayment posted = qb.payments().stream().filter(p -> p.memo() != null
                && p.memo().startsWith("Ledgerbridge payment")).findFirst().orElseThrow();
        QbForeignAmount inQb = qb.paymentInHomeCurrency(posted.txnId()).orElseThrow();
        assertThat(inQb.currency()).isEqualTo("USD");
        assertThat(inQb.exchangeRate()).isEqualByComparingTo("1.3605");
        assertThat(inQb.amountInHomeCurrency()).isEqualByComparingTo("68.03");
        assertExactMirror(server.app(), login.companyId(), qb);
    }
}
