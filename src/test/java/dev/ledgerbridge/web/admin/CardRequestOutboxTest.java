package dev.ledgerbridge.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.ledgerbridge.LogCapture;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.mail.MailLogEntry;
import dev.ledgerbridge.mail.Mailer;
import dev.ledgerbridge.payment.CardRequest;
import dev.ledgerbridge.payment.CardRequests;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The default embedded setup, with no SMTP server: a request's email is written as an .eml file to the outbox
 * under the data dir, listed on the Outbox page, and its link works. Also the company's pre-authorization text.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CardRequestOutboxTest {
    static AdminFixture fx;
    static LogCapture logs;
    static Path dataDir;
    static AdminClient staff;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("lb-outbox-");
        logs = LogCapture.start(Level.DEBUG, "dev.ledgerbridge");
        fx = new AdminFixture(Map.of(Setting.DATA_DIR, dataDir.toString()));
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

    static List<Path> outboxFiles() throws Exception {
        Path outbox = dataDir.resolve("outbox");
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(outbox)) {
            return s.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        }
    }

    @Test
    @Order(1)
    void theRequestIsWrittenToTheOutboxListedAndItsLinkWorks() throws Exception {
        // when staff send a request to the customer whose name is markup
        String path = fx.customerPath(fx.smith);
        staff.page(path);
        HttpResponse<String> sent = staff.post(path + "/card-requests", "kind", CardRequests.NEW_PROFILE);
        String landed = staff.follow(sent).body();

        // then it is an .eml file in <data-dir>/outbox, and the page says so
        assertThat(landed).contains("written to the outbox for smith@example.com");
        List<Path> files = outboxFiles();
        assertThat(files).hasSize(1);
        String eml = Files.readString(files.get(0), StandardCharsets.ISO_8859_1);
        assertThat(eml).contains("To: smith@example.com", "Subject: Acme: please add a card for your payments");

        // and the Outbox page lists it with its date, recipient and subject
        String outbox = staff.page("/admin/outbox");
        MailLogEntry entry = fx.server.app().mailer.recent(1).get(0);
        assertThat(entry.status()).isEqualTo(Mailer.OUTBOX);
        assertThat(entry.outboxFile()).isEqualTo(files.get(0).getFileName().toString());
        assertThat(outbox).contains("No SMTP server is configured", dataDir.resolve("outbox").toString(),
                "smith@example.com", "<a href=\"/admin/outbox/" + entry.id() + "\">Acme: please add a card for your"
                        + " payments</a>", "mail-outbox");

        // and its text is shown escaped (the customer's name is markup), its live link hidden from staff
        String link = CardPage.linkIn(fx.server.app().mailer.outboxMessage(entry.id()).orElseThrow().text());
        assertThat(link).startsWith(fx.baseUrl());
        String token = link.substring(link.lastIndexOf('/') + 1);
        String message = staff.page("/admin/outbox/" + entry.id());
        assertThat(message).contains("Hello &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Smith's&quot;")
                .doesNotContain("<script>alert(1)</script>").contains("/pay/card/(hidden)", "id=\"links-hidden\"")
                .doesNotContain(token);
        // and shown whole to an admin, who may have to forward it by hand
        AdminClient admin = new AdminClient(fx.baseUrl()).signedIn(AdminFixture.ADMIN, AdminFixture.ADMIN_PASSWORD);
        assertThat(admin.page("/admin/outbox/" + entry.id())).contains(link).doesNotContain("links-hidden");

        // when the customer follows the link from the file
        CardPage customer = new CardPage(link);
        assertThat(customer.get().statusCode()).isEqualTo(200);
        HttpResponse<String> done = customer.submit(CardPage.GOOD_CARD);

        // then the card is saved
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(fx.server.app().paymentProfiles.list(fx.companyId, fx.smith.listId())).hasSize(1);
    }

    @Test
    @Order(2)
    void staffEditThePreAuthorizationTextCustomersAccept() throws Exception {
        String page = "/admin/companies/" + fx.companyId + "/card-requests";
        assertThat(staff.page(page)).contains("I authorize Acme to keep this card on file", "request-completed");

        // an empty text is refused with a message
        HttpResponse<String> empty = staff.post(page + "/preauth", "preauth", "   ");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("cannot be empty");

        // a new text is saved and shown (escaped) on the card page
        HttpResponse<String> saved = staff.post(page + "/preauth", "preauth", "Charge me <b>gently</b>.");
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(staff.follow(saved).body()).contains("Pre-authorization text saved");
        fx.server.app().cardRequests.send(fx.companyId, fx.parent.listId(), CardRequests.LINK, "clerk");
        CardRequest r = fx.server.app().cardRequests.forCustomer(fx.companyId, fx.parent.listId()).get(0);
        String link = CardPage.linkIn(fx.server.app().mailer.outboxMessage(r.mailId()).orElseThrow().text())
                .replace("http://localhost:0", fx.baseUrl());
        assertThat(new CardPage(link).get().body()).contains("Charge me &lt;b&gt;gently&lt;/b&gt;.");
    }

    @Test
    @Order(3)
    void aMessageThatCannotBeWrittenIsRecordedAsFailedAndThePageStillAnswers() throws Exception {
        // given the outbox folder cannot be written: a file stands where it should be
        Path outbox = dataDir.resolve("outbox");
        Path moved = dataDir.resolve("outbox-moved");
        Files.move(outbox, moved);
        Files.writeString(outbox, "not a folder");
        try {
            // when
            String path = fx.customerPath(fx.parent);
            staff.page(path);
            HttpResponse<String> r = staff.post(path + "/card-requests", "kind", CardRequests.LINK);

            // then
            assertThat(r.statusCode()).isEqualTo(303);
            assertThat(staff.follow(r).body()).contains("the email could not be sent");
            CardRequest req = fx.server.app().cardRequests.forCustomer(fx.companyId, fx.parent.listId()).get(0);
            assertThat(req.state()).isEqualTo("failed");
            assertThat(staff.page(path)).contains("request-failed", "<strong>send-failed</strong>");
            assertThat(staff.page("/admin/outbox")).contains("mail-failed");
        } finally {
            Files.delete(outbox);
            Files.move(moved, outbox);
        }
    }

    @Test
    @Order(4)
    void noCardNumberReachesTheOutboxTheDatabaseOrTheLogs() throws Exception {
        assertThat(outboxFiles()).isNotEmpty();
        CardNumberSearch.assertNoneOf(CardNumberSearch.filesText(dataDir), "the data dir", CardPage.GOOD_CARD);
        CardNumberSearch.assertNoneOf(CardNumberSearch.databaseText(fx.server.app().db.dataSource()), "the database",
                CardPage.GOOD_CARD);
        assertThat(logs.texts()).isNotEmpty();
        CardNumberSearch.assertNoneOf(logs.texts(), "the log", CardPage.GOOD_CARD);
    }
}
