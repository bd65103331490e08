package dev.ledgerbridge.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.payment.ChargeRequest;
import dev.ledgerbridge.payment.InvoiceAmount;
import dev.ledgerbridge.payment.PaymentFixture;
import dev.ledgerbridge.payment.PaymentProfile;
import dev.ledgerbridge.payment.PaymentResult;
import dev.ledgerbridge.payment.stripe.StripeStandIn;
import dev.ledgerbridge.payment.stripe.StripeWorld;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin pages of a company on Stripe over real HTTP: Stripe's script allowed only on the pages with its card
 * field, linking cards a customer already has at Stripe, the settings page, and receipts of unattended charges.
 */
class StripePagesTest {
    static StripeWorld world;
    static StripeStandIn stripe;
    static PaymentFixture fx;
    static AdminClient staff;
    static Path dataDir;

    @BeforeAll
    static void start() throws IOException {
        dataDir = Files.createTempDirectory("lb-stripe-pages-");
        world = new StripeWorld(Map.of(Setting.DATA_DIR, dataDir.toString()));
        stripe = world.stripe;
        fx = world.fx;
        staff = new AdminClient(fx.baseUrl());
        staff.login(PaymentFixture.ADMIN, PaymentFixture.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() throws IOException {
        world.close();
        Chromium.deleteTree(dataDir);
    }

    static String csp(HttpResponse<String> r) {
        return r.headers().firstValue("Content-Security-Policy").orElseThrow();
    }

    @Test
    void stripesScriptIsAllowedOnlyOnThePagesWithItsCardField() {
        HttpResponse<String> customer = staff.get(fx.customerPath(fx.smith));
        HttpResponse<String> addCard = staff.get(fx.customerPath(fx.smith) + "/cards/new");

        assertThat(customer.statusCode()).isEqualTo(200);
        assertThat(csp(customer)).doesNotContain(stripe.baseUrl());
        assertThat(customer.body()).doesNotContain(stripe.jsUrl()).contains("id=\"add-card-link\"")
                .doesNotContain("id=\"card-number\"");
        assertThat(addCard.statusCode()).isEqualTo(200);
        assertThat(csp(addCard)).contains("script-src 'self' " + stripe.baseUrl())
                .contains("frame-src " + stripe.baseUrl()).contains("connect-src 'self' " + stripe.baseUrl())
                .contains("frame-ancestors 'none'");
        assertThat(addCard.body()).contains("<script src=\"" + stripe.jsUrl() + "\">")
                .contains("data-publishable-key=\"" + StripeStandIn.PUBLISHABLE_KEY + "\"")
                .doesNotContain(StripeStandIn.SECRET_KEY);
        assertThat(staff.get("/admin/static/fields/stripe.js").body()).contains("confirmCardSetup");
        assertThat(staff.get("/admin/static/fields/nothing.js").statusCode()).isEqualTo(404);
    }

    @Test
    void cardsAlreadyAtStripeAreFoundByEmailOrNameAndLinkedOnce() {
        String theirs = stripe.customerWithCards("Jones Limited", "ap@jones.example", StripeStandIn.VISA,
                StripeStandIn.INSUFFICIENT_FUNDS);

        String byEmail = staff.get(fx.customerPath(fx.jones) + "/cards/new?find=ap@jones.example").body();
        String byName = staff.get(fx.customerPath(fx.jones) + "/cards/new?find=limited").body();
        staff.post(fx.customerPath(fx.jones) + "/profiles/link", "gatewayCustomerId", theirs);
        staff.post(fx.customerPath(fx.jones) + "/profiles/link", "gatewayCustomerId", theirs);

        assertThat(byEmail).contains(theirs);
        assertThat(byName).contains(theirs);
        List<PaymentProfile> linked = fx.app().paymentProfiles.list(fx.companyId, fx.jones.listId());
        assertThat(linked).extracting(PaymentProfile::last4).containsExactlyInAnyOrder("4242", "9995");
        assertThat(fx.rows("SELECT DISTINCT gateway_customer_id FROM payment_profile WHERE customer_list_id = '"
                + fx.jones.listId() + "'")).containsExactly(List.of(theirs));
        // a linked card charges at Stripe like any other
        PaymentResult r = fx.app().payments.charge(new ChargeRequest(fx.companyId, fx.jones.listId(),
                linked.stream().filter(p -> p.last4().equals("4242")).findFirst().orElseThrow().id(),
                List.of(new InvoiceAmount(fx.jonesInvoice.txnId(), new BigDecimal("10.00"))), null, "link-1",
                "manual", "clerk"));
        assertThat(r.result()).isEqualTo("Approved");
    }

    @Test
    void theSettingsPageShowsTheWebhookUrlAndOnlyTheLastFourOfSecrets() {
        String page = staff.get("/admin/companies/" + fx.companyId + "/payment-settings").body();

        assertThat(page).contains("/webhooks/stripe/" + fx.companyId).contains("set, ending 2xYz")
                .contains(StripeStandIn.PUBLISHABLE_KEY).doesNotContain(StripeStandIn.SECRET_KEY)
                .contains("Stripe test mode");
    }

    @Test
    void autoProcessingChargesGetAReceiptToo() {
        PaymentProfile card = fx.app().paymentProfiles.addHosted(fx.companyId, fx.smith.listId(),
                Map.of("paymentMethodId", stripe.paymentMethod(StripeStandIn.VISA)), null, "clerk");
        long before = fx.count("SELECT COUNT(*) FROM mail_log WHERE subject LIKE '%receipt%'");

        PaymentResult r = fx.app().payments.charge(new ChargeRequest(fx.companyId, fx.smith.listId(), card.id(),
                List.of(new InvoiceAmount(fx.open.txnId(), new BigDecimal("80.00"))), null, "auto-r1", "auto",
                "auto-processing"));

        assertThat(r.result()).isEqualTo("Approved");
        assertThat(fx.rows("SELECT recipients, subject FROM mail_log WHERE subject LIKE '%receipt%' ORDER BY id DESC"
                + " LIMIT 1")).containsExactly(List.of("smith@example.com", "Acme: receipt for your payment of 80.00"
                + " USD"));
        assertThat(fx.count("SELECT COUNT(*) FROM mail_log WHERE subject LIKE '%receipt%'")).isEqualTo(before + 1);
    }
}
