package dev.ledgerbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerbridge.action.AuditEntry;
import dev.ledgerbridge.auth.StaffService;
import dev.ledgerbridge.auth.StaffUser;
import dev.ledgerbridge.payment.PaymentFixture;
import dev.ledgerbridge.payment.PaymentProfile;
import dev.ledgerbridge.payment.sandbox.SandboxGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JSON API's sign-in and its defences against other sites, over real HTTP: a reset or disabled login stops
 * working on the next request, a page elsewhere cannot make a signed-in browser charge a card, no Basic challenge,
 * over-long passwords answered as wrong ones, and what the API does recorded in the audit log.
 */
class ApiSecurityTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static PaymentFixture fx;

    @BeforeAll
    static void start() {
        fx = new PaymentFixture();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.baseUrl() + path));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST with the given headers (name, value, ...) and body. */
    static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static StaffUser staffLogin(String username) {
        fx.app().staff.add(username, username + " password 1", StaffService.ROLE_STAFF);
        return fx.app().staff.list().stream().filter(u -> u.username().equals(username)).findFirst().orElseThrow();
    }

    String actionsPath() {
        return "/api/v1/companies/" + fx.companyId + "/actions";
    }

    String resyncBody(String key) {
        return "{\"kind\": \"resync-customers\", \"customers\": [\"" + fx.smith.listId() + "\"], \"idempotencyKey\": \""
                + key + "\"}";
    }

    // ---- 1. a changed password or a disabled login ends at once ------------------------------------------------

    @Test
    void aPasswordResetTakesEffectOnTheNextRequest() throws Exception {
        // given: a login the API has signed in (and remembers)
        StaffUser u = staffLogin("reset-me");
        String old = basic("reset-me", "reset-me password 1");
        assertThat(get("/api/v1/companies", old).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/companies", old).statusCode()).isEqualTo(200);

        // when: an admin resets its password
        String fresh = fx.app().staff.resetPassword(u.id());

        // then: the old password is refused on the very next request, the new one works
        assertThat(get("/api/v1/companies", old).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/companies", basic("reset-me", fresh)).statusCode()).isEqualTo(200);
    }

    @Test
    void aDisabledLoginIsRefusedOnTheNextRequestAndActsNoMore() throws Exception {
        // given: a login that has just queued an action through the API
        StaffUser u = staffLogin("disable-me");
        String auth = basic("disable-me", "disable-me password 1");
        assertThat(post(actionsPath(), resyncBody("before-disable"), "Authorization", auth,
                "Content-Type", "application/json").statusCode()).isEqualTo(201);

        // when: an admin disables it
        fx.app().staff.setEnabled(u.id(), false);

        // then: refused at once, and nothing more is done or recorded under its name
        HttpResponse<String> after = post(actionsPath(), resyncBody("after-disable"), "Authorization", auth,
                "Content-Type", "application/json");
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/companies", auth).statusCode()).isEqualTo(401);
        List<AuditEntry> audit = fx.app().audit.list("disable-me", null, 0, 100);
        assertThat(audit).hasSize(1).allSatisfy(e -> assertThat(e.detail()).doesNotContain("after-disable"));
        assertThat(fx.count("SELECT COUNT(*) FROM action_request WHERE idempotency_key = 'after-disable'")).isZero();
    }

    // ---- 2. other sites --------------------------------------------------------------------------------------

    String paymentBody(PaymentProfile card, String key) {
        return "{\"customerListId\":\"" + fx.smith.listId() + "\",\"profileId\":" + card.id()
                + ",\"idempotencyKey\":\"" + key + "\",\"invoices\":[{\"txnId\":\"" + fx.open.txnId()
                + "\",\"amount\":\"10.00\"}]}";
    }

    @Test
    void aPageOnAnotherSiteCannotMakeASignedInBrowserChargeACard() throws Exception {
        // given: a card on file, and a browser that sends a staff login with every request to this server
        PaymentProfile card = fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        String auth = basic(PaymentFixture.STAFF, PaymentFixture.STAFF_PASSWORD);
        String payments = "/api/v1/companies/" + fx.companyId + "/payments";
        long before = fx.count("SELECT COUNT(*) FROM payment_txn");

        // when: another site's page auto-submits a text/plain form holding JSON (no Origin, as older browsers send)
        HttpResponse<String> textPlain = post(payments, paymentBody(card, "forged-1"), "Authorization", auth,
                "Content-Type", "text/plain");
        // or sends a JSON request from its own origin, or one the browser marks cross-site
        HttpResponse<String> foreignOrigin = post(payments, paymentBody(card, "forged-2"), "Authorization", auth,
                "Content-Type", "application/json", "Origin", "https://evil.example");
        HttpResponse<String> crossSite = post(payments, paymentBody(card, "forged-3"), "Authorization", auth,
                "Content-Type", "application/json", "Sec-Fetch-Site", "cross-site");

        // then: each is refused and no card is charged
        assertThat(textPlain.statusCode()).as(textPlain.body()).isEqualTo(415);
        assertThat(JSON.readTree(textPlain.body()).get("message").asText()).contains("application/json");
        assertThat(foreignOrigin.statusCode()).as(foreignOrigin.body()).isEqualTo(403);
        assertThat(crossSite.statusCode()).as(crossSite.body()).isEqualTo(403);
        assertThat(fx.count("SELECT COUNT(*) FROM payment_txn")).isEqualTo(before);
        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_charge")).isZero();

        // and a page of this server, and a program without Origin, still pay
        HttpResponse<String> sameSite = post(payments, paymentBody(card, "own-page"), "Authorization", auth,
                "Content-Type", "application/json; charset=utf-8", "Origin", fx.baseUrl(),
                "Sec-Fetch-Site", "same-origin");
        assertThat(sameSite.statusCode()).as(sameSite.body()).isEqualTo(201);
        assertThat(JSON.readTree(sameSite.body()).get("result").asText()).isEqualTo("Approved");
        HttpResponse<String> program = post(payments, paymentBody(card, "curl"), "Authorization", auth,
                "Content-Type", "application/json");
        assertThat(program.statusCode()).as(program.body()).isEqualTo(201);
    }

    @Test
    void aRefusedSignInDoesNotInviteABrowserToRememberABasicLogin() throws Exception {
        // when
        HttpResponse<String> none = get("/api/v1/companies", null);
        HttpResponse<String> wrong = get("/api/v1/companies", basic(PaymentFixture.STAFF, "wrong password"));
        HttpResponse<String> doctor = get("/doctor", null);

        // then: 401 with a Bearer challenge only (a Basic one makes browsers ask and then send it everywhere)
        for (HttpResponse<String> r : List.of(none, wrong, doctor)) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().allValues("WWW-Authenticate")).isNotEmpty()
                    .allSatisfy(v -> assertThat(v).doesNotStartWithIgnoringCase("Basic"));
        }
        assertThat(get("/api/v1/companies", basic(PaymentFixture.STAFF, PaymentFixture.STAFF_PASSWORD))
                .statusCode()).as("Basic sent without a challenge still works").isEqualTo(200);
    }

    // ---- 3. over-long passwords --------------------------------------------------------------------------------

    @Test
    void aPasswordLongerThanBcryptTakesIsAnsweredLikeAWrongOne() throws Exception {
        for (String user : List.of(PaymentFixture.STAFF, "no-such-user")) {
            // when
            HttpResponse<String> r = get("/api/v1/companies", basic(user, "p".repeat(150)));

            // then
            assertThat(r.statusCode()).as(user + ": " + r.body()).isEqualTo(401);
            assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("unauthorized");
            assertThat(r.body()).doesNotContain("Exception");
        }
    }

    // ---- 6. the audit log ------------------------------------------------------------------------------------

    @Test
    void cardsPaymentsRefundsAndCardRequestsThroughTheApiAreInTheAuditLog() throws Exception {
        // given
        StaffUser u = staffLogin("api-auditor");
        String auth = basic("api-auditor", "api-auditor password 1");
        String customer = "/api/v1/companies/" + fx.companyId + "/customers/" + fx.jones.listId();

        // when: a card is saved, an invoice paid, the payment refunded and a card request sent, all through the API
        HttpResponse<String> profile = post(customer + "/payment-profiles", "{\"gateway\": \"sandbox\", \"testCard\":"
                + " \"" + SandboxGateway.APPROVE_CARD + "\", \"expMonth\": 12, \"expYear\": 2030}",
                "Authorization", auth, "Content-Type", "application/json");
        long profileId = JSON.readTree(profile.body()).get("id").asLong();
        HttpResponse<String> paid = post("/api/v1/companies/" + fx.companyId + "/payments", "{\"customerListId\":\""
                + fx.jones.listId() + "\",\"profileId\":" + profileId + ",\"idempotencyKey\":\"audited-pay\","
                + "\"invoices\":[{\"txnId\":\"" + fx.jonesInvoice.txnId() + "\",\"amount\":\"50.00\"}]}",
                "Authorization", auth, "Content-Type", "application/json");
        long paymentId = JSON.readTree(paid.body()).get("id").asLong();
        fx.execute("UPDATE action_request SET state = 'done' WHERE kind = 'post-payment'"); // posted to QuickBooks
        HttpResponse<String> refunded = post("/api/v1/companies/" + fx.companyId + "/payments/" + paymentId
                + "/refunds", "{\"amount\": \"5.00\", \"idempotencyKey\": \"audited-refund\"}",
                "Authorization", auth, "Content-Type", "application/json");
        HttpResponse<String> requested = post(customer + "/card-requests", "{\"kind\": \"link\"}",
                "Authorization", auth, "Content-Type", "application/json");

        // then: each is an entry under the login, with the company, what it was and from which address
        assertThat(List.of(profile.statusCode(), paid.statusCode(), refunded.statusCode(), requested.statusCode()))
                .as(profile.body() + paid.body() + refunded.body() + requested.body())
                .containsExactly(201, 201, 201, 201);
        List<AuditEntry> audit = fx.app().audit.list(u.username(), null, 0, 100);
        assertThat(audit).extracting(AuditEntry::action)
                .containsExactlyInAnyOrder("payment-profile", "payment", "refund", "card-request");
        assertThat(audit).allSatisfy(e -> {
            assertThat(e.companyId()).isEqualTo(fx.companyId);
            assertThat(e.remoteAddress()).isEqualTo("127.0.0.1");
            assertThat(e.detail()).contains("through the API");
        });
        assertThat(audit).filteredOn(e -> e.action().equals("payment")).singleElement().satisfies(e -> {
            assertThat(e.target()).isEqualTo("payment #" + paymentId);
            assertThat(e.detail()).contains("50.00", "Approved", fx.jones.listId());
        });
        assertThat(audit).filteredOn(e -> e.action().equals("refund")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("5.00", "payment #" + paymentId));
        assertThat(audit).filteredOn(e -> e.action().equals("payment-profile")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("1111").doesNotContain(SandboxGateway.APPROVE_CARD));
    }
}
