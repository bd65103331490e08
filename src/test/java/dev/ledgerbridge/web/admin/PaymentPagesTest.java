package dev.ledgerbridge.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.payment.PaymentFixture;
import dev.ledgerbridge.payment.sandbox.SandboxGateway;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The customer page's payment parts and the payment settings page, over real HTTP, checked against the tables. */
class PaymentPagesTest {
    PaymentFixture fx;
    AdminClient clerk;
    String page;

    @BeforeEach
    void start() {
        fx = new PaymentFixture();
        clerk = new AdminClient(fx.baseUrl()).signedIn(PaymentFixture.STAFF, PaymentFixture.STAFF_PASSWORD);
        page = fx.customerPath(fx.smith);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    String flashAfter(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        String body = clerk.follow(r).body();
        Matcher m = Pattern.compile("class=\"flash\"[^>]*>([^<]*)<").matcher(body);
        assertThat(m.find()).as("a message after the form").isTrue();
        return m.group(1);
    }

    long addCard(String number) {
        String flash = flashAfter(clerk.post(page + "/profiles", "number", number, "expMonth", "12", "expYear",
                "2030", "nameOnCard", "Pat Smith"));
        assertThat(flash).startsWith("Card saved");
        return Long.parseLong(fx.rows("SELECT MAX(id) FROM payment_profile").get(0).get(0));
    }

    @Test
    void cardsAreAddedMadeDefaultSwitchedAndRemovedFromTheCustomerPage() {
        String before = clerk.page(page);
        assertThat(before).contains("No payment profiles", "Sandbox - no real money", "id=\"add-card-form\"");

        long visa = addCard(SandboxGateway.APPROVE_CARD);
        long master = addCard("5555555555554444");
        String body = clerk.page(page);
        assertThat(body).contains("Visa ending 1111, expires 12/2030", "Mastercard ending 4444, expires 12/2030");
        assertThat(fx.rows("SELECT id, is_default, auto_enabled FROM payment_profile ORDER BY id")).containsExactly(
                List.of(Long.toString(visa), "1", "1"), List.of(Long.toString(master), "0", "1"));

        assertThat(flashAfter(clerk.post(page + "/profiles/" + master + "/default"))).contains("Default");
        assertThat(flashAfter(clerk.post(page + "/profiles/" + visa + "/auto"))).contains("will not charge");
        assertThat(fx.rows("SELECT id, is_default, auto_enabled FROM payment_profile ORDER BY id")).containsExactly(
                List.of(Long.toString(visa), "0", "0"), List.of(Long.toString(master), "1", "1"));
        assertThat(flashAfter(clerk.post(page + "/profiles/" + visa + "/auto", "auto", "on"))).contains("may charge");

        assertThat(flashAfter(clerk.post(page + "/profiles/" + master + "/remove"))).contains("removed");
        assertThat(fx.rows("SELECT id, is_default FROM payment_profile WHERE removed_at IS NULL"))
                .containsExactly(List.of(Long.toString(visa), "1"));
        assertThat(clerk.page(page)).doesNotContain("Mastercard ending 4444");

        assertThat(flashAfter(clerk.post(page + "/profiles", "number", "4111111111111112", "expMonth", "12",
                "expYear", "2030"))).contains("not saved", "not valid");
        assertThat(flashAfter(clerk.post(page + "/profiles", "number", "4111111111111111", "expMonth", "x",
                "expYear", "2030"))).contains("expiry month must be a number");
    }

    @Test
    void summaryCardsAndTransactionsOnThePageMatchTheTransactionsTable() {
        long visa = addCard(SandboxGateway.APPROVE_CARD);
        long declining = addCard(SandboxGateway.DECLINE_CARD);
        String paid = flashAfter(clerk.post(page + "/payments", "key", "form-1", "profileId", Long.toString(visa),
                "invoice", fx.partlyPaid.txnId(), "amount-" + fx.partlyPaid.txnId(), "100.00",
                "invoice", fx.open.txnId(), "amount-" + fx.open.txnId(), "80.00"));
        assertThat(paid).contains("Approved");
        // the same form sent again (a double click) charges once
        flashAfter(clerk.post(page + "/payments", "key", "form-1", "profileId", Long.toString(visa),
                "invoice", fx.partlyPaid.txnId(), "amount-" + fx.partlyPaid.txnId(), "100.00",
                "invoice", fx.open.txnId(), "amount-" + fx.open.txnId(), "80.00"));
        // the same form sent back with other data (Back, change, submit) is refused, not answered with the first
        assertThat(flashAfter(clerk.post(page + "/payments", "key", "form-1", "profileId", Long.toString(visa),
                "invoice", fx.open.txnId(), "amount-" + fx.open.txnId(), "1.00")))
                .contains("Nothing was charged", "already used for a different request");
        // and every showing of the page has its own key
        Pattern key = Pattern.compile("name=\"key\" value=\"([^\"]+)\"");
        Matcher k1 = key.matcher(clerk.page(page));
        Matcher k2 = key.matcher(clerk.page(page));
        assertThat(k1.find() && k2.find()).isTrue();
        assertThat(k1.group(1)).isNotEqualTo(k2.group(1));
        assertThat(flashAfter(clerk.post(page + "/payments", "key", "form-2", "profileId", Long.toString(declining),
                "invoice", fx.partlyPaid.txnId(), "amount-" + fx.partlyPaid.txnId(), "5.00"))).contains("Declined",
                "Card declined");
        assertThat(flashAfter(clerk.post(page + "/payments", "key", "form-3", "profileId", Long.toString(visa),
                "invoice", fx.partlyPaid.txnId(), "amount-" + fx.partlyPaid.txnId(), "500.00")))
                .contains("Skipped", "more than its open balance 113.75");
        assertThat(flashAfter(clerk.post(page + "/deposits", "key", "form-4", "profileId", Long.toString(visa),
                "amount", "40.00"))).contains("Approved");
        long first = Long.parseLong(fx.rows("SELECT MIN(id) FROM payment_txn").get(0).get(0));
        assertThat(flashAfter(clerk.post(page + "/payments/" + first + "/refund", "key", "form-5a", "amount",
                "30.00"))).contains("Nothing was refunded", "not in QuickBooks yet");
        assertThat(clerk.page(page)).contains("Refund once posted");
        fx.execute("UPDATE action_request SET state = 'done' WHERE id = (SELECT post_action_id FROM payment_txn"
                + " WHERE id = " + first + ")");
        assertThat(flashAfter(clerk.post(page + "/payments/" + first + "/refund", "key", "form-5", "amount",
                "30.00"))).contains("Approved");

        String body = clerk.page(page);

        // summary cards against the table
        long approved = fx.count("SELECT COUNT(*) FROM payment_txn WHERE kind <> 'refund' AND result = 'Approved'");
        long declined = fx.count("SELECT COUNT(*) FROM payment_txn WHERE kind <> 'refund' AND result = 'Declined'");
        String collected = fx.rows("SELECT SUM(CASE WHEN kind = 'refund' THEN -amount ELSE amount END) FROM payment_txn"
                + " WHERE result = 'Approved'").get(0).get(0);
        assertThat(approved).isEqualTo(2);
        assertThat(declined).isEqualTo(1);
        assertThat(body).contains("id=\"card-approved\">" + approved + "<", "id=\"card-declined\">" + declined + "<",
                "id=\"card-collected\">" + new BigDecimal(collected).toPlainString() + "<");
        assertThat(collected).isEqualTo("190.00");
        // 213.75 - 100.00 open on INV-1 (INV-2 fully taken)
        assertThat(body).contains("id=\"card-balance\">113.75<");

        // every row of the table is on the page, with its result and amount
        List<List<String>> shown = new ArrayList<>();
        Matcher m = Pattern.compile("data-id=\"(\\d+)\" data-result=\"(\\w+)\" data-amount=\"([\\d.]+)\""
                + " data-kind=\"(\\w+)\"").matcher(body);
        while (m.find()) {
            shown.add(List.of(m.group(1), m.group(2), m.group(3), m.group(4)));
        }
        assertThat(shown).containsExactlyElementsOf(fx.rows("SELECT id, result, amount, kind FROM payment_txn"
                + " WHERE customer_list_id = '" + fx.smith.listId() + "' ORDER BY created_at DESC, id DESC"));
        assertThat(shown).hasSize(5);
        String firstRow = row(body, first);
        assertThat(firstRow).contains("Posted", "INV-1", "INV-2", "Visa ending 1111", "clerk", "sbx_ch_");
        assertThat(row(body, first + 3)).contains("Deposit", "to apply", "Waiting (queued)");
        assertThat(body).contains("Sandbox - no real money");

        // the transaction history by invoice shows the payment on each invoice and the deposit to apply
        String history = clerk.page(page + "/history");
        assertThat(history).contains("100.00", "80.00", "to apply", "40.00", "-30.00", "Sandbox - no real money");
    }

    static String row(String body, long id) {
        int start = body.indexOf("id=\"txn-" + id + "\"");
        assertThat(start).as("row of payment " + id).isPositive();
        return body.substring(start, body.indexOf("</tr>", start));
    }

    @Test
    void anUnknownOutcomeCanBeAskedAgainFromThePageWithoutChargingTwice() {
        long slow = addCard(SandboxGateway.TIMEOUT_CARD);
        assertThat(flashAfter(clerk.post(page + "/payments", "key", "t-1", "profileId", Long.toString(slow),
                "invoice", fx.open.txnId(), "amount-" + fx.open.txnId(), "80.00"))).contains("Error", "timed out");
        long id = Long.parseLong(fx.rows("SELECT id FROM payment_txn").get(0).get(0));
        assertThat(row(clerk.page(page), id)).contains("Ask the gateway again");

        assertThat(flashAfter(clerk.post(page + "/payments/" + id + "/retry"))).contains("Approved");
        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_charge")).isEqualTo(1);
        assertThat(fx.count("SELECT COUNT(*) FROM action_request WHERE kind = 'post-payment'")).isEqualTo(1);
    }

    @Test
    void paymentSettingsAreShownToStaffAndChangedOnlyByAdminsWithTheFormToken() {
        String path = "/admin/companies/" + fx.companyId + "/payment-settings";
        String shown = clerk.page(path);
        assertThat(shown).contains("Sandbox - no real money", "Only an admin can change");
        assertThat(clerk.post(path, "gateway", "sandbox", "currency", "EUR", "paymentMethodName", "Visa")
                .statusCode()).isEqualTo(403);

        AdminClient boss = new AdminClient(fx.baseUrl()).signedIn(PaymentFixture.ADMIN, PaymentFixture.ADMIN_PASSWORD);
        boss.page(path);
        assertThat(boss.post(path, "csrf", "wrong", "gateway", "sandbox", "currency", "EUR", "paymentMethodName",
                "Visa").statusCode()).isEqualTo(403);
        HttpResponse<String> bad = boss.post(path, "gateway", "sandbox", "credentialsRef", "sk_live_secret",
                "currency", "EUR", "paymentMethodName", "Visa");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("env:VARIABLE");
        assertThat(boss.post(path, "gateway", "sandbox", "credentialsRef", "env:LEDGERBRIDGE_GATEWAY_NOT_SET_ANYWHERE", "currency",
                "eur", "paymentMethodName", "Visa", "depositAccountName", "Checking").statusCode()).isEqualTo(303);
        assertThat(fx.rows("SELECT gateway, credentials_ref, currency, payment_method_name, deposit_account_name,"
                + " updated_by FROM payment_settings")).containsExactly(List.of("sandbox", "env:LEDGERBRIDGE_GATEWAY_NOT_SET_ANYWHERE",
                "EUR", "Visa", "Checking", PaymentFixture.ADMIN));
        assertThat(boss.page(path)).contains("not set", "value=\"Checking\"");

        // a payment now posts with these settings
        long visa = addCard(SandboxGateway.APPROVE_CARD);
        clerk.post(page + "/payments", "key", "s-1", "profileId", Long.toString(visa), "invoice", fx.open.txnId(),
                "amount-" + fx.open.txnId(), "80.00");
        assertThat(fx.rows("SELECT currency FROM payment_txn")).containsExactly(List.of("EUR"));
        assertThat(fx.rows("SELECT payload FROM action_request").get(0).get(0))
                .contains("\"paymentMethodName\":\"Visa\"", "\"depositAccountName\":\"Checking\"");
    }
}
