package dev.ledgerbridge.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.payment.PaymentFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Apply credit memos before charging" and the refund item: set by admins on the payment settings page (with the
 * form token) and through the JSON API, refused with a clear message when out of range, nothing stored then.
 */
class CreditSettingsPagesTest {
    PaymentFixture fx;
    String path;

    @BeforeEach
    void start() {
        fx = new PaymentFixture();
        path = "/admin/companies/" + fx.companyId + "/payment-settings";
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private HttpResponse<String> put(String user, String password, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fx.baseUrl() + "/api/v1/companies/"
                        + fx.companyId + "/payment-settings"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<List<String>> stored() {
        return fx.rows("SELECT apply_credits_first, refund_item_name, updated_by FROM credit_settings");
    }

    @Test
    void adminsTurnCreditsFirstOnOnThePageAndStaffCannot() {
        AdminClient clerk = new AdminClient(fx.baseUrl()).signedIn(PaymentFixture.STAFF, PaymentFixture.STAFF_PASSWORD);
        String shown = clerk.page(path);
        assertThat(shown).contains("Apply credit memos before charging", "value=\"Refunds\"")
                .doesNotContain("name=\"applyCreditsFirst\" type=\"checkbox\" value=\"on\" checked");
        assertThat(clerk.post(path, "gateway", "sandbox", "currency", "USD", "paymentMethodName", "Credit Card",
                "applyCreditsFirst", "on").statusCode()).isEqualTo(403);

        AdminClient boss = new AdminClient(fx.baseUrl()).signedIn(PaymentFixture.ADMIN, PaymentFixture.ADMIN_PASSWORD);
        boss.page(path);
        HttpResponse<String> tooLong = boss.post(path, "gateway", "sandbox", "currency", "USD", "paymentMethodName",
                "Credit Card", "applyCreditsFirst", "on", "refundItemName", "x".repeat(160));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("refund item can be at most 159 characters");
        assertThat(stored()).isEmpty();

        assertThat(boss.post(path, "gateway", "sandbox", "currency", "USD", "paymentMethodName", "Credit Card",
                "applyCreditsFirst", "on", "refundItemName", "Returns & <Refunds>").statusCode()).isEqualTo(303);
        assertThat(stored()).containsExactly(List.of("1", "Returns & <Refunds>", PaymentFixture.ADMIN));
        assertThat(boss.page(path)).contains("value=\"on\" checked", "value=\"Returns &amp; &lt;Refunds&gt;\"");
    }

    @Test
    void theApiReadsAndChangesTheCreditSettingsAndRefusesBadValues() throws Exception {
        HttpResponse<String> staff = put(PaymentFixture.STAFF, PaymentFixture.STAFF_PASSWORD,
                "{\"applyCreditsFirst\": true}");
        assertThat(staff.statusCode()).isEqualTo(403);
        HttpResponse<String> notABoolean = put(PaymentFixture.ADMIN, PaymentFixture.ADMIN_PASSWORD,
                "{\"applyCreditsFirst\": \"yes\"}");
        assertThat(notABoolean.statusCode()).isEqualTo(400);
        assertThat(notABoolean.body()).contains("applyCreditsFirst");
        assertThat(stored()).isEmpty();

        HttpResponse<String> ok = put(PaymentFixture.ADMIN, PaymentFixture.ADMIN_PASSWORD,
                "{\"applyCreditsFirst\": true, \"refundItemName\": \"Card refunds\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).contains("\"applyCreditsFirst\":true", "\"refundItemName\":\"Card refunds\"");
        // a PUT that names neither keeps them
        HttpResponse<String> other = put(PaymentFixture.ADMIN, PaymentFixture.ADMIN_PASSWORD, "{\"currency\": \"USD\"}");
        assertThat(other.body()).contains("\"applyCreditsFirst\":true", "\"refundItemName\":\"Card refunds\"");
        assertThat(stored()).containsExactly(List.of("1", "Card refunds", PaymentFixture.ADMIN));
    }
}
