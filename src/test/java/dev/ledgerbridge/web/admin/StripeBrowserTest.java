package dev.ledgerbridge.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.payment.CardRequest;
import dev.ledgerbridge.payment.ChargeRequest;
import dev.ledgerbridge.payment.InvoiceAmount;
import dev.ledgerbridge.payment.PaymentFixture;
import dev.ledgerbridge.payment.PaymentProfile;
import dev.ledgerbridge.payment.PaymentResult;
import dev.ledgerbridge.payment.stripe.StripeStandIn;
import dev.ledgerbridge.payment.stripe.StripeWorld;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Stripe in a real browser with a stand-in Stripe.js (served by the Stripe stand-in, another origin than
 * Ledgerbridge): staff add a card on the customer page and charge it, and a customer saves a card that needs
 * authentication on the card-request page. The browser's own record of every request it sent proves that the card
 * number went to the (stand-in) Stripe API and never to Ledgerbridge.
 */
@Tag("browser")
class StripeBrowserTest {
    static StripeWorld world;
    static StripeStandIn stripe;
    static PaymentFixture fx;
    static WebDriver driver;
    static Chromium browser;
    static Path dataDir;

    @BeforeAll
    static void start() throws IOException {
        Chromium.assumeInstalled();
        dataDir = Files.createTempDirectory("lb-stripe-browser-");
        world = new StripeWorld(Map.of(Setting.DATA_DIR, dataDir.toString()));
        stripe = world.stripe;
        fx = world.fx;
        browser = Chromium.startRecording(1200, 1100);
        driver = browser.driver;
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (world != null) {
            world.close();
        }
        Chromium.deleteTree(dataDir);
    }

    static WebElement find(String css) {
        return browser.find(css);
    }

    static void typeCard(String number) {
        find("#stand-in-number").sendKeys(number);
        find("#stand-in-exp_month").sendKeys("11");
        find("#stand-in-exp_year").sendKeys("2031");
        find("#stand-in-cvc").sendKeys("123");
    }

    /** Every request the browser sent to Ledgerbridge, and that none carried the number, which went to Stripe. */
    static void neverSentToLedgerbridge(String number) {
        browser.cardOnlyTo(stripe.baseUrl(), fx.baseUrl(), number);
        assertThat(stripe.cardNumbersSeen()).contains(number);
    }

    @Test
    void staffAddACardInStripesFieldAndChargeIt() throws IOException {
        browser.signInThrough(fx.baseUrl() + fx.customerPath(fx.smith), PaymentFixture.STAFF,
                PaymentFixture.STAFF_PASSWORD, "/customers/" + fx.smith.listId());
        assertThat(find("#profiles-h .sandbox-label").getText()).isEqualTo("Stripe test mode");

        find("#add-card-link").click();
        find("#card-name").sendKeys("Pat Smith");
        typeCard(StripeStandIn.VISA);
        browser.screenshot("stripe-add-card.png");
        find("#save-hosted-card").click();

        browser.wait.until(ExpectedConditions.urlContains("/customers/" + fx.smith.listId()));
        assertThat(find("p.flash").getText()).contains("Card saved: Visa ending 4242, expires 11/2031");
        PaymentProfile p = fx.app().paymentProfiles.list(fx.companyId, fx.smith.listId()).get(0);
        assertThat(p.gateway()).isEqualTo("stripe");
        assertThat(p.nameOnCard()).isEqualTo("Pat Smith");

        // and charge it from the customer page
        long before = stripe.charges();
        driver.findElement(By.cssSelector("input[name=invoice][value='" + fx.open.txnId() + "']")).click();
        find("#pay-submit").click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.flash"), "Approved"));
        assertThat(stripe.charges()).isEqualTo(before + 1);
        browser.screenshot("stripe-charged.png");
        neverSentToLedgerbridge(StripeStandIn.VISA);
    }

    @Test
    void aCustomerSavesACardThatNeedsAuthenticationOnTheCardRequestPage() throws IOException {
        fx.app().cardRequests.send(fx.companyId, fx.jones.listId(), "new-profile", "clerk");
        CardRequest r = fx.app().cardRequests.forCustomer(fx.companyId, fx.jones.listId()).get(0);
        String sent = CardPage.linkIn(fx.app().mailer.outboxMessage(r.mailId()).orElseThrow().text());
        String link = fx.baseUrl() + sent.substring(sent.indexOf("/pay/card/"));

        driver.get(link);
        assertThat(find("#test-mode").getText()).startsWith("Stripe test mode");
        find("#name").sendKeys("Jo Jones");
        typeCard(StripeStandIn.AUTHENTICATE_ONCE);
        find("#accept").click();
        browser.screenshot("stripe-card-request.png");
        find("#save").click();

        assertThat(find("#done").getText()).isEqualTo("Thank you");
        PaymentProfile p = fx.app().paymentProfiles.list(fx.companyId, fx.jones.listId()).get(0);
        assertThat(p.last4()).isEqualTo("3155");
        // authenticated once by the customer, the card is charged off session afterwards
        PaymentResult auto = fx.app().payments.charge(new ChargeRequest(fx.companyId, fx.jones.listId(), p.id(),
                List.of(new InvoiceAmount(fx.jonesInvoice.txnId(), new BigDecimal("50.00"))), null, "auto-b1",
                "auto", "auto-processing"));
        assertThat(auto.result()).as(auto.message()).isEqualTo("Approved");
        neverSentToLedgerbridge(StripeStandIn.AUTHENTICATE_ONCE);
    }
}
