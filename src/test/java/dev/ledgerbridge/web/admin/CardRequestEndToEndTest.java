package dev.ledgerbridge.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.ledgerbridge.LogCapture;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.payment.CardRequest;
import dev.ledgerbridge.payment.CardRequestOutcome;
import dev.ledgerbridge.payment.CardRequests;
import dev.ledgerbridge.payment.PaymentProfile;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Card-information requests end to end: staff send one from the customer page, a real SMTP server (GreenMail)
 * receives the email, and the link in it drives the public card page over real HTTP against the real server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CardRequestEndToEndTest {
    static final int PER_LINK = 8;
    static final String CARD_FORM_COOKIE = "lb_card_form";

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    static AdminFixture fx;
    static LogCapture logs;
    static Path dataDir;
    static AdminClient staff;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("lb-cardreq-");
        logs = LogCapture.start(Level.DEBUG, "dev.ledgerbridge");
        fx = new AdminFixture(Map.of(Setting.MAIL_SMTP_HOST, "127.0.0.1",
                Setting.MAIL_SMTP_PORT, Integer.toString(smtp.getSmtp().getPort()),
                Setting.MAIL_SMTP_SECURITY, "none",
                Setting.MAIL_FROM, "billing@acme.example",
                Setting.DATA_DIR, dataDir.toString(),
                Setting.CARD_REQUEST_RATE_PER_LINK, Integer.toString(PER_LINK),
                Setting.CARD_REQUEST_RATE_PER_ADDRESS, "500"));
        staff = new AdminClient(fx.baseUrl()).signedIn(AdminFixture.STAFF, AdminFixture.STAFF_PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    @BeforeEach
    void emptyMailbox() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    /** Staff press "Send card request" on the customer page; returns the page they land on. */
    static String sendFromCustomerPage(String listId, String kind) {
        String path = fx.customersPath() + "/" + listId;
        staff.page(path);
        HttpResponse<String> r = staff.post(path + "/card-requests", "kind", kind);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        return staff.follow(r).body();
    }

    /** The one message GreenMail received since the mailbox was emptied, to the given address. */
    static MimeMessage onlyMessage(String to) throws Exception {
        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage[] got = smtp.getReceivedMessages();
        assertThat(got).hasSize(1);
        assertThat(Arrays.stream(got[0].getAllRecipients()).map(Object::toString)).containsExactly(to);
        return got[0];
    }

    /**
     * A link sent without a staff page (as the bulk action does) starts with http://localhost:{http.port}, and the
     * tests' http.port is 0 (any free port): the address the server actually got.
     */
    static String served(String link) {
        assertThat(link).startsWith("http://localhost:0/pay/card/");
        return link.replace("http://localhost:0", fx.baseUrl());
    }

    static String text(MimeMessage m) throws Exception {
        // the text part: quoted-printable decoded by Jakarta Mail
        jakarta.mail.Multipart mp = (jakarta.mail.Multipart) m.getContent();
        return (String) mp.getBodyPart(0).getContent();
    }

    @Test
    @Order(1)
    void aRequestEmailIsReceivedAndItsLinkCompletesOnceCreatingAProfile() throws Exception {
        // given: staff send a new-profile request from the customer page
        String page = sendFromCustomerPage(fx.smith.listId(), CardRequests.NEW_PROFILE);
        assertThat(page).contains("Card-information request #").contains("sent to smith@example.com");

        // then the customer receives it, from the configured sender, with a link to this server
        MimeMessage mail = onlyMessage("smith@example.com");
        assertThat(mail.getSubject()).isEqualTo("Acme: please add a card for your payments");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("billing@acme.example");
        String link = CardPage.linkIn(text(mail));
        assertThat(link).startsWith(fx.baseUrl() + "/pay/card/");

        // when the customer opens it: the form, the business's name, the pre-authorization text, safe headers
        CardPage customer = new CardPage(link);
        HttpResponse<String> form = customer.get();
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("<p class=\"business\">Acme</p>", "name=\"number\"",
                "I authorize Acme to keep this card on file", "name=\"robots\" content=\"noindex, nofollow\"",
                "Sandbox - no real money");
        assertThat(form.headers().firstValue("X-Robots-Tag")).hasValue("noindex, nofollow");
        assertThat(form.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(form.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(form.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(form.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v ->
                assertThat(v).contains("default-src 'none'", "frame-ancestors 'none'"));
        assertThat(form.headers().allValues("Set-Cookie")).anySatisfy(c ->
                assertThat(c).startsWith(CARD_FORM_COOKIE + "=").contains("HttpOnly", "SameSite=Strict"));
        CardRequest opened = fx.server.app().cardRequests.forCustomer(fx.companyId, fx.smith.listId()).get(0);
        assertThat(opened.state()).isEqualTo("opened");
        assertThat(opened.openedAt()).isNotNull();

        // and submits a sandbox test card
        HttpResponse<String> done = customer.submit(CardPage.GOOD_CARD);

        // then it is saved once as a payment profile, and the request is completed
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("Thank you", "Visa ending 1111").doesNotContain(CardPage.GOOD_CARD);
        List<PaymentProfile> profiles = fx.server.app().paymentProfiles.list(fx.companyId, fx.smith.listId());
        assertThat(profiles).singleElement().satisfies(p -> {
            assertThat(p.last4()).isEqualTo("1111");
            assertThat(p.nameOnCard()).isEqualTo("Ann Smith");
            assertThat(p.isDefault()).isTrue();
        });
        CardRequest completed = fx.server.app().cardRequests.forCustomer(fx.companyId, fx.smith.listId()).get(0);
        assertThat(completed.state()).isEqualTo("completed");
        assertThat(completed.completedFrom()).isEqualTo("127.0.0.1");
        assertThat(completed.profileId()).isEqualTo(profiles.get(0).id());

        // and the customer page shows its status and history
        String customerPage = staff.page(fx.customerPath(fx.smith));
        assertThat(customerPage).contains("id=\"card-requests\"", "request-completed", "<strong>sent</strong> to"
                + " smith@example.com", "<strong>opened</strong>", "<strong>completed</strong> payment profile Visa"
                + " ending 1111", "from 127.0.0.1");

        // when the link is used again: refused, nothing changes
        HttpResponse<String> again = customer.get();
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(again.body()).contains("already used").doesNotContain("name=\"number\"");
        HttpResponse<String> repost = customer.submit(CardPage.GOOD_CARD);
        assertThat(repost.statusCode()).isEqualTo(410);
        assertThat(fx.server.app().paymentProfiles.list(fx.companyId, fx.smith.listId())).hasSize(1);
    }

    @Test
    @Order(2)
    void aDeclinedCardShowsTheReasonAndTheLinkStaysUsableUntilAnUpdateReplacesTheProfile() throws Exception {
        // given smith has a profile (test 1): an update request replaces the default one
        long before = fx.server.app().paymentProfiles.list(fx.companyId, fx.smith.listId()).get(0).id();
        sendFromCustomerPage(fx.smith.listId(), CardRequests.UPDATE_PROFILE);
        MimeMessage mail = onlyMessage("smith@example.com");
        assertThat(mail.getSubject()).isEqualTo("Acme: please update your card on file");
        assertThat(text(mail)).contains("Visa ending 1111");
        CardPage customer = new CardPage(CardPage.linkIn(text(mail)));
        assertThat(customer.get().body()).contains("This card replaces the one on file (Visa ending 1111");

        // when the gateway refuses the card
        HttpResponse<String> declined = customer.submit(CardPage.REFUSED_CARD);

        // then the page says why, keeps the form, and nothing is saved
        assertThat(declined.statusCode()).isEqualTo(400);
        assertThat(declined.body()).contains("class=\"error\"", "name=\"number\"", "Ann Smith")
                .doesNotContain(CardPage.REFUSED_CARD);
        assertThat(fx.server.app().paymentProfiles.list(fx.companyId, fx.smith.listId()))
                .extracting(PaymentProfile::id).containsExactly(before);

        // when the form is sent without ticking the pre-authorization
        HttpResponse<String> unticked = customer.post(List.of("number", CardPage.GOOD_CARD, "expMonth", "12",
                "expYear", "2099", "name", "Ann Smith", "csrf", customer.csrf));
        assertThat(unticked.statusCode()).isEqualTo(400);
        assertThat(unticked.body()).contains("Tick the box to accept the pre-authorization");

        // when the form's token is missing
        HttpResponse<String> forged = customer.post(List.of("number", CardPage.GOOD_CARD, "expMonth", "12",
                "expYear", "2099", "name", "Ann Smith", "accept", "yes", "csrf", "forged"));
        assertThat(forged.statusCode()).isEqualTo(403);

        // then a good card still completes it, replacing the old profile as the default
        customer.get();
        HttpResponse<String> done = customer.submit(CardPage.GOOD_CARD);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        List<PaymentProfile> after = fx.server.app().paymentProfiles.list(fx.companyId, fx.smith.listId());
        assertThat(after).singleElement().satisfies(p -> {
            assertThat(p.id()).isNotEqualTo(before);
            assertThat(p.isDefault()).isTrue();
        });
        String history = staff.page(fx.customerPath(fx.smith));
        assertThat(history).contains("<strong>declined</strong>", "replacing Visa ending 1111");
    }

    @Test
    @Order(3)
    void anExpiredLinkIsRefusedAndChangesNothing() throws Exception {
        // given a request whose form the customer opened, and which then expired
        CardRequestOutcome o = fx.server.app().cardRequests.send(fx.companyId, fx.parent.listId(), CardRequests.LINK,
                "clerk");
        assertThat(o.sent()).as(o.message()).isTrue();
        CardPage customer = new CardPage(served(CardPage.linkIn(text(onlyMessage("ap@aardvark.example")))));
        assertThat(customer.get().statusCode()).isEqualTo(200);
        try (Connection c = fx.server.app().db.dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("UPDATE card_request SET expires_at = ? WHERE id = ?")) {
            st.setObject(1, java.time.LocalDateTime.of(2020, 1, 1, 0, 0));
            st.setLong(2, o.requestId());
            assertThat(st.executeUpdate()).isEqualTo(1);
            c.commit();
        }

        // when the customer posts the card, then opens the link again
        HttpResponse<String> post = customer.submit(CardPage.GOOD_CARD);
        HttpResponse<String> page = customer.get();

        // then both are refused as expired, and nothing was saved
        assertThat(post.statusCode()).isEqualTo(410);
        assertThat(post.body()).contains("This link has expired");
        assertThat(page.statusCode()).isEqualTo(410);
        CardRequest r = fx.server.app().cardRequests.forCustomer(fx.companyId, fx.parent.listId()).get(0);
        assertThat(r.state()).isEqualTo("expired");
        assertThat(r.completedAt()).isNull();
        assertThat(fx.server.app().paymentProfiles.list(fx.companyId, fx.parent.listId())).isEmpty();
        assertThat(staff.page(fx.customerPath(fx.parent))).contains("request-expired");
    }

    @Test
    @Order(4)
    void aCustomerWithoutEmailIsSkipped() throws Exception {
        // when staff ask a customer who has no email address
        String page = sendFromCustomerPage(fx.job.listId(), CardRequests.NEW_PROFILE);
        CardRequestOutcome o = fx.server.app().cardRequests.send(fx.companyId, fx.job.listId(), null, "bulk");

        // then nothing is sent or recorded, and both say why
        assertThat(page).contains("No card-information request was sent: no email address.");
        assertThat(o.status()).isEqualTo(CardRequestOutcome.SKIPPED);
        assertThat(o.message()).isEqualTo("skipped: no email address");
        assertThat(o.requestId()).isNull();
        assertThat(fx.server.app().cardRequests.forCustomer(fx.companyId, fx.job.listId())).isEmpty();
        assertThat(smtp.getReceivedMessages()).isEmpty();
        // and an update needs a profile to update
        assertThat(fx.server.app().cardRequests.send(fx.companyId, fx.parent.listId(), CardRequests.UPDATE_PROFILE,
                "bulk").message()).isEqualTo("skipped: no payment profile to update");
    }

    @Test
    @Order(5)
    void unknownLinksAreNotFoundAndALinkAskedForTooOftenGets429() throws Exception {
        // given
        assertThat(new CardPage(fx.baseUrl() + "/pay/card/" + "A".repeat(43)).get().statusCode()).isEqualTo(404);
        assertThat(new CardPage(fx.baseUrl() + "/pay/card/short").get().statusCode()).isEqualTo(404);
        CardRequestOutcome o = fx.server.app().cardRequests.send(fx.companyId, fx.parent.listId(), CardRequests.LINK,
                "clerk");
        CardPage customer = new CardPage(served(CardPage.linkIn(text(onlyMessage("ap@aardvark.example")))));

        // when the link is asked for more than card.request.rate.per.link times in the window
        for (int i = 0; i < PER_LINK; i++) {
            assertThat(customer.get().statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = customer.get();

        // then
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.body()).contains("Too many requests");
        assertThat(fx.server.app().cardRequests.forCustomer(fx.companyId, fx.parent.listId()).get(0).id())
                .isEqualTo(o.requestId());
    }

    @Test
    @Order(6)
    void twoSubmissionsAtOnceSaveTheCardOnce() throws Exception {
        // given the form of a fresh request, open in one browser
        CardRequestOutcome o = fx.server.app().cardRequests.send(fx.companyId, fx.parent.listId(), CardRequests.LINK,
                "clerk");
        CardPage customer = new CardPage(served(CardPage.linkIn(text(onlyMessage("ap@aardvark.example")))));
        assertThat(customer.get().statusCode()).isEqualTo(200);
        String csrf = customer.csrf;
        List<String> form = List.of("number", CardPage.GOOD_CARD, "expMonth", "12", "expYear", "2099", "name",
                "Ann Aardvark", "accept", "yes", "csrf", csrf);

        // when the form is sent twice at the same moment (a double click)
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return customer.post(form).statusCode();
            }));
        }
        go.countDown();
        List<Integer> statuses = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<Integer> a : answers) {
            statuses.add(a.get(30, java.util.concurrent.TimeUnit.SECONDS));
        }
        pool.shutdown();

        // then one saved the card and the other found the link used
        assertThat(statuses).containsExactlyInAnyOrder(200, 410);
        assertThat(fx.server.app().paymentProfiles.list(fx.companyId, fx.parent.listId())).hasSize(1);
        assertThat(fx.server.app().cardRequests.forCustomer(fx.companyId, fx.parent.listId()).get(0))
                .satisfies(r -> {
                    assertThat(r.id()).isEqualTo(o.requestId());
                    assertThat(r.state()).isEqualTo("completed");
                });
    }

    static HttpResponse<String> api(String listId, String json) throws Exception {
        java.net.http.HttpRequest r = java.net.http.HttpRequest.newBuilder(java.net.URI.create(fx.baseUrl()
                        + "/api/v1/companies/" + fx.companyId + "/customers/" + listId + "/card-requests"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (AdminFixture.STAFF + ":" + AdminFixture.STAFF_PASSWORD).getBytes(
                                java.nio.charset.StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build();
        return java.net.http.HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(7)
    void theJsonApiSendsARequestOrSaysWhyNot() throws Exception {
        // sent: 201 with the request's id, and the email is received with a link to this server
        HttpResponse<String> sent = api(fx.parent.listId(), "{\"kind\": \"link\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        assertThat(sent.body()).contains("\"status\":\"sent\"", "\"message\":\"sent to ap@aardvark.example\"");
        CardRequest r = fx.server.app().cardRequests.forCustomer(fx.companyId, fx.parent.listId()).get(0);
        assertThat(sent.body()).contains("\"requestId\":" + r.id());
        assertThat(r.requestedBy()).isEqualTo(AdminFixture.STAFF);
        assertThat(CardPage.linkIn(text(onlyMessage("ap@aardvark.example")))).startsWith(fx.baseUrl() + "/pay/card/");

        // skipped: 200 with the reason
        HttpResponse<String> skipped = api(fx.job.listId(), "{}");
        assertThat(skipped.statusCode()).isEqualTo(200);
        assertThat(skipped.body()).contains("\"status\":\"skipped\"", "\"message\":\"skipped: no email address\"");

        // bad input: 400 with a message
        HttpResponse<String> bad = api(fx.parent.listId(), "{\"kind\": \"everything\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("kind must be one of new-profile, update-profile, link");
        assertThat(api(fx.parent.listId(), "not json").statusCode()).isEqualTo(400);
    }

    @Test
    @Order(8)
    void anApprovedManualPaymentEmailsAReceiptToTheCustomersAddresses() throws Exception {
        // given smith's card on file (from the requests above) and an extra address on the settings page
        long profileId = fx.server.app().paymentProfiles.list(fx.companyId, fx.smith.listId()).get(0).id();
        String settings = fx.customerPath(fx.smith) + "/settings";
        staff.page(settings);
        assertThat(staff.post(settings, "email", "smith@example.com", "extraEmails", "accounts@smith.example",
                "notes", "").statusCode()).isEqualTo(303);

        // when staff take a manual payment of part of an invoice through the API
        java.net.http.HttpRequest r = java.net.http.HttpRequest.newBuilder(java.net.URI.create(fx.baseUrl()
                        + "/api/v1/companies/" + fx.companyId + "/payments"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (AdminFixture.STAFF + ":" + AdminFixture.STAFF_PASSWORD).getBytes(
                                java.nio.charset.StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"customerListId\": \"" + fx.smith.listId()
                        + "\", \"profileId\": " + profileId + ", \"invoices\": [{\"txnId\": \"" + fx.invoice.txnId()
                        + "\", \"amount\": \"10.25\"}], \"idempotencyKey\": \"receipt-test-1\"}")).build();
        HttpResponse<String> paid = java.net.http.HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());

        // then it is approved, and both addresses receive one receipt without the card number
        assertThat(paid.body()).contains("\"result\":\"Approved\"");
        assertThat(smtp.waitForIncomingEmail(5_000, 2)).isTrue();
        MimeMessage[] got = smtp.getReceivedMessages();
        assertThat(got).hasSize(2);
        assertThat(Arrays.stream(got[0].getAllRecipients()).map(Object::toString))
                .containsExactly("smith@example.com", "accounts@smith.example");
        assertThat(got[0].getSubject()).isEqualTo("Acme: receipt for your payment of 10.25 USD");
        String body = (String) got[0].getContent();
        assertThat(body).contains("Amount:     10.25 USD", "Visa ending 1111", "INV-7001  10.25")
                .doesNotContain(CardPage.GOOD_CARD);

        // and a repeated request (same key) sends no second receipt
        java.net.http.HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
        Thread.sleep(300);
        assertThat(smtp.getReceivedMessages()).hasSize(2);
    }

    @Test
    @Order(9)
    void noCardNumberReachesTheDatabaseTheLogsOrTheDataDir() throws Exception {
        List<String> db = CardNumberSearch.databaseText(fx.server.app().db.dataSource());
        assertThat(db).anySatisfy(row -> assertThat(row).startsWith("payment_profile:").contains("1111"));
        CardNumberSearch.assertNoneOf(db, "the database", CardPage.GOOD_CARD, CardPage.REFUSED_CARD);
        assertThat(logs.texts()).anySatisfy(t -> assertThat(t).contains("card-information request"));
        CardNumberSearch.assertNoneOf(logs.texts(), "the log", CardPage.GOOD_CARD, CardPage.REFUSED_CARD);
        CardNumberSearch.assertNoneOf(CardNumberSearch.filesText(dataDir), "the data dir", CardPage.GOOD_CARD,
                CardPage.REFUSED_CARD);
    }
}
