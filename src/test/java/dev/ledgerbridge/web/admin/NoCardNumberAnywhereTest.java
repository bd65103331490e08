package dev.ledgerbridge.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.ledgerbridge.LogCapture;
import dev.ledgerbridge.payment.PaymentFixture;
import dev.ledgerbridge.payment.sandbox.SandboxGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Card numbers typed into the customer page and sent to the API reach the gateway and nowhere else: after payments
 * with every sandbox test card (and refused ones), no text column of any table and no log line holds a number.
 */
class NoCardNumberAnywhereTest {
    static final List<String> NUMBERS = List.of(SandboxGateway.APPROVE_CARD, SandboxGateway.DECLINE_CARD,
            SandboxGateway.INSUFFICIENT_FUNDS_CARD, SandboxGateway.TIMEOUT_CARD, SandboxGateway.REFUSED_CARD,
            "5555555555554444", "4111111111111112");

    @Test
    void noCardNumberIsStoredOrLogged() throws Exception {
        List<String> logged;
        List<String> stored;
        try (LogCapture logs = LogCapture.start(Level.TRACE, "dev.ledgerbridge", "org.apache.ibatis")
                .with(Level.DEBUG, "org.mariadb", "org.eclipse.jetty.server.RequestLog");
             PaymentFixture fx = new PaymentFixture()) {
            AdminClient clerk = new AdminClient(fx.baseUrl()).signedIn(PaymentFixture.STAFF,
                    PaymentFixture.STAFF_PASSWORD);
            String page = fx.customerPath(fx.smith);
            int key = 0;
            for (String number : NUMBERS) {
                clerk.post(page + "/profiles", "number", number.substring(0, 4) + " " + number.substring(4),
                        "expMonth", "12", "expYear", "2030", "nameOnCard", "Pat Smith");
                HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        fx.baseUrl() + "/api/v1/companies/" + fx.companyId + "/customers/" + fx.jones.listId()
                                + "/payment-profiles"))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((PaymentFixture.STAFF
                                + ":" + PaymentFixture.STAFF_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"gateway\": \"sandbox\", \"testCard\": \""
                                + number + "\", \"expMonth\": 12, \"expYear\": 2030}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(api.statusCode()).as("the API took the card to the gateway: " + api.body()).isIn(201, 400);
                assertThat(api.body()).doesNotContain(number);
            }
            assertThat(fx.count("SELECT COUNT(*) FROM payment_profile WHERE customer_list_id = '" + fx.jones.listId()
                    + "'")).as("cards saved through the API").isPositive();
            List<List<String>> profiles = fx.rows("SELECT id FROM payment_profile WHERE customer_list_id = '"
                    + fx.smith.listId() + "'");
            assertThat(profiles).hasSize(5);
            for (List<String> p : profiles) {
                clerk.post(page + "/payments", "key", "k" + key++, "profileId", p.get(0), "invoice",
                        fx.partlyPaid.txnId(), "amount-" + fx.partlyPaid.txnId(), "1.00");
                clerk.post(page + "/deposits", "key", "k" + key++, "profileId", p.get(0), "amount", "2.00");
            }
            assertThat(fx.count("SELECT COUNT(*) FROM payment_txn WHERE result = 'Approved'")).isPositive();
            assertThat(fx.count("SELECT COUNT(*) FROM payment_txn WHERE result = 'Declined'")).isPositive();
            assertThat(fx.count("SELECT COUNT(*) FROM payment_txn WHERE result = 'Error'")).isPositive();
            stored = fx.everyText();
            logged = logs.texts();
            // the page lists the sandbox's test cards as help; nothing else on it may show a number
            String shown = clerk.page(page).replaceAll("(?s)<p class=\"help\">[^<]*use a test card.*?</p>", "");
            assertThat(shown).contains("Visa ending 1111").doesNotContain(NUMBERS.toArray(new String[0]));
        }
        assertThat(stored).as("the dump of every text column").isNotEmpty()
                .anySatisfy(v -> assertThat(v).startsWith("payment_profile.last4=1111"));
        assertThat(logged).as("the captured log").anySatisfy(v -> assertThat(v).contains("payment profile"));
        for (String number : NUMBERS) {
            String spaced = number.substring(0, 4) + " " + number.substring(4);
            assertThat(stored).noneMatch(v -> v.contains(number) || v.contains(spaced));
            assertThat(logged).noneMatch(v -> v.contains(number) || v.contains(spaced));
        }
    }
}
