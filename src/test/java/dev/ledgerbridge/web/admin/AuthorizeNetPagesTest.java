package dev.ledgerbridge.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.payment.PaymentFixture;
import dev.ledgerbridge.payment.PaymentProfile;
import dev.ledgerbridge.payment.authorizenet.AuthorizeNetStandIn;
import dev.ledgerbridge.payment.authorizenet.AuthorizeNetWorld;
import dev.ledgerbridge.testkit.CustomerSpec;
import dev.ledgerbridge.testkit.QbCustomer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin pages of a company on Authorize.Net over real HTTP: Accept.js allowed only on the page with the card
 * fields, linking a whole book from a CSV file with a preview of the rows that matched nothing or twice, and switching
 * the company's gateway while each customer's cards stay at (and show) the gateway that holds them.
 */
class AuthorizeNetPagesTest {
    static AuthorizeNetWorld world;
    static PaymentFixture fx;
    static AdminClient admin;
    static Path dataDir;

    @BeforeAll
    static void start() throws IOException {
        dataDir = Files.createTempDirectory("lb-anet-pages-");
        world = new AuthorizeNetWorld(Map.of(Setting.DATA_DIR, dataDir.toString()), true);
        fx = world.fx;
        admin = new AdminClient(fx.baseUrl());
        admin.login(PaymentFixture.ADMIN, PaymentFixture.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() throws IOException {
        world.close();
        Chromium.deleteTree(dataDir);
    }

    @Test
    void acceptJsIsAllowedOnlyOnTheCardPageWhichCarriesThePublicKeysAndNoSecret() {
        HttpResponse<String> customer = admin.get(fx.customerPath(fx.smith));
        HttpResponse<String> addCard = admin.get(fx.customerPath(fx.smith) + "/cards/new");
        String origin = world.anet.baseUrl();

        assertThat(customer.headers().firstValue("Content-Security-Policy").orElseThrow()).doesNotContain(origin);
        assertThat(addCard.statusCode()).isEqualTo(200);
        assertThat(addCard.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self' " + origin).contains("connect-src 'self' " + origin);
        assertThat(addCard.body()).contains("<script src=\"" + world.anet.acceptJsUrl() + "\">")
                .contains("data-api-login-id=\"" + AuthorizeNetStandIn.LOGIN + "\"")
                .contains("data-client-key=\"" + AuthorizeNetStandIn.CLIENT_KEY + "\"")
                .contains("<input type=\"hidden\" name=\"dataDescriptor\"")
                .contains("<input type=\"hidden\" name=\"dataValue\"")
                .doesNotContain(AuthorizeNetStandIn.TRANSACTION_KEY).doesNotContain(AuthorizeNetStandIn.SIGNATURE_KEY);
        assertThat(admin.get("/admin/static/fields/authorizenet.js").body()).contains("Accept.dispatchData");
        assertThat(addCard.body()).contains("Customer profile id, merchantCustomerId or email at Authorize.Net");
    }

    @Test
    void aCsvFileIsPreviewedWithItsUnmatchedAndDoublyMatchedRowsAndOnlyRowsMatchedOnceAreLinked() {
        // a job of Smith's also named "Jones Ltd": that name now matches two QuickBooks customers
        QbCustomer job = fx.qb.addCustomer(CustomerSpec.named("Jones Ltd").parent(fx.smith.listId()));
        fx.sync();
        String smiths = world.anet.existingProfile("S-1", "accounts@smith.example", AuthorizeNetStandIn.VISA);
        String jobs = world.anet.existingProfile("J-1", null, "5424000000000015");
        String shared = world.anet.existingProfile("X-1", null, "4007000000027");
        String csv = "QuickBooks customer,CIM profile id\r\n"
                + "\"Smith & Sons\"," + smiths + "\r\n"
                + "Nobody Inc,777\r\n"
                + "Jones Ltd,888\r\n"
                + job.listId() + "," + shared + "\r\n"
                + fx.jones.listId() + "," + shared + "\r\n";
        String page = "/admin/companies/" + fx.companyId + "/payment-profiles/link-file";

        HttpResponse<String> preview = admin.post(page, "csv", csv);

        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("1 matched").contains("1 matched nothing").contains("3 matched twice")
                .contains("no QuickBooks customer has this name or ListID")
                .contains("2 QuickBooks customers have this name")
                .contains("the same gateway customer is on lines 5, 6");
        assertThat(fx.rows("SELECT COUNT(*) FROM payment_profile WHERE gateway_customer_id = '" + smiths + "'"))
                .containsExactly(List.of("0"));

        HttpResponse<String> done = admin.post(page, "csv", csv, "confirm", "yes");

        assertThat(done.body()).contains("1 card(s) linked");
        assertThat(fx.rows("SELECT customer_list_id, gateway_customer_id FROM payment_profile WHERE removed_at IS"
                + " NULL AND gateway_customer_id IN ('" + smiths + "', '" + jobs + "', '" + shared + "')"))
                .containsExactly(List.of(fx.smith.listId(), smiths));
    }

    @Test
    void aCustomerAlreadyInCimIsFoundOnTheCardPageByMerchantCustomerIdAndItsCardsLinked() {
        String theirs = world.anet.existingProfile("LEGACY-9", "ap@smith.example", "4007000000027");

        HttpResponse<String> found = admin.get(fx.customerPath(fx.smith) + "/cards/new?find=LEGACY-9");
        HttpResponse<String> linked = admin.follow(admin.post(fx.customerPath(fx.smith) + "/profiles/link",
                "gatewayCustomerId", theirs));

        assertThat(found.body()).contains("<code>" + theirs + "</code>").contains("Made in the Merchant Interface");
        assertThat(linked.body()).contains("Linked 1 card: Visa ending 0027");
        assertThat(fx.rows("SELECT gateway_customer_id FROM payment_profile WHERE customer_list_id = '"
                + fx.smith.listId() + "' AND removed_at IS NULL AND gateway_customer_id = '" + theirs + "'"))
                .hasSize(1);
    }

    @Test
    void aCompanySwitchesGatewaysOnItsSettingsPageAndEachCardShowsTheGatewayThatHoldsIt() {
        PaymentProfile card = world.card(fx.jones, "4012888818888");

        HttpResponse<String> saved = admin.post("/admin/companies/" + fx.companyId + "/payment-settings", "gateway",
                "sandbox", "currency", "USD", "paymentMethodName", "Credit Card");
        HttpResponse<String> settings = admin.get("/admin/companies/" + fx.companyId + "/payment-settings");
        HttpResponse<String> customer = admin.get(fx.customerPath(fx.jones));

        assertThat(saved.statusCode()).isIn(200, 302, 303);
        assertThat(settings.body()).contains("<option value=\"sandbox\" selected>")
                .contains("<option value=\"authorizenet\">Authorize.Net</option>")
                .contains("<option value=\"stripe\">Stripe</option>");
        assertThat(customer.body()).containsPattern("(?s)id=\"profile-" + card.id() + "\">.*?<td class=\"gateway\">"
                + "Authorize.Net</td>");
        // switched back, the keys entered once are still there
        admin.post("/admin/companies/" + fx.companyId + "/payment-settings", "gateway", "authorizenet", "currency",
                "USD", "paymentMethodName", "Credit Card");
        assertThat(fx.app().paymentSettings.get(fx.companyId).gateway()).isEqualTo("authorizenet");
        assertThat(admin.get(fx.customerPath(fx.jones) + "/cards/new").body())
                .contains("data-api-login-id=\"" + AuthorizeNetStandIn.LOGIN + "\"");
    }
}
