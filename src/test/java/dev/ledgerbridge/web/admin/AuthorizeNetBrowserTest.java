package dev.ledgerbridge.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.payment.CardRequest;
import dev.ledgerbridge.payment.PaymentFixture;
import dev.ledgerbridge.payment.PaymentProfile;
import dev.ledgerbridge.payment.authorizenet.AuthorizeNetStandIn;
import dev.ledgerbridge.payment.authorizenet.AuthorizeNetWorld;
import java.io.IOException;
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
 * Authorize.Net in a real browser with a stand-in Accept.js (served by the Authorize.Net stand-in, another origin than
 * Ledgerbridge): staff add a card on the customer page and charge it. The browser's own record of every request it
 * sent proves that the card number went to the (stand-in) Authorize.Net API and never to Ledgerbridge.
 */
@Tag("browser")
class AuthorizeNetBrowserTest {
    static AuthorizeNetWorld world;
    static PaymentFixture fx;
    static WebDriver driver;
    static Chromium browser;
    static Path dataDir;

    @BeforeAll
    static void start() throws IOException {
        Chromium.assumeInstalled();
        dataDir = Files.createTempDirectory("lb-anet-browser-");
        world = new AuthorizeNetWorld(Map.of(Setting.DATA_DIR, dataDir.toString()), true);
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

    @Test
    void staffAddACardWithAcceptJsAndChargeItAndTheNumberNeverReachesLedgerbridge() throws IOException {
        browser.signInThrough(fx.baseUrl() + fx.customerPath(fx.smith), PaymentFixture.STAFF,
                PaymentFixture.STAFF_PASSWORD, "/customers/" + fx.smith.listId());
        assertThat(find("#profiles-h .sandbox-label").getText()).isEqualTo("Authorize.Net sandbox");

        find("#add-card-link").click();
        find("#card-name").sendKeys("Pat Smith");
        assertThat(find("#anet-card-number").getDomAttribute("name")).isNull();
        find("#anet-card-number").sendKeys("4111 1111 1111 1111");
        find("#anet-exp-month").sendKeys("11");
        find("#anet-exp-year").sendKeys("2031");
        find("#anet-card-code").sendKeys("123");
        browser.screenshot("authorizenet-add-card.png");
        find("#save-hosted-card").click();

        browser.wait.until(ExpectedConditions.urlContains("/customers/" + fx.smith.listId()));
        assertThat(find("p.flash").getText()).contains("Card saved: Visa ending 1111, expires 11/2031");
        PaymentProfile p = fx.app().paymentProfiles.list(fx.companyId, fx.smith.listId()).get(0);
        assertThat(p.gateway()).isEqualTo("authorizenet");
        assertThat(p.nameOnCard()).isEqualTo("Pat Smith");
        assertThat(find("#profile-" + p.id() + " td.gateway").getText()).isEqualTo("Authorize.Net");

        int before = world.anet.charges().size();
        driver.findElement(By.cssSelector("input[name=invoice][value='" + fx.open.txnId() + "']")).click();
        find("#pay-submit").click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.flash"), "Approved"));
        assertThat(world.anet.charges()).hasSize(before + 1);
        browser.screenshot("authorizenet-charged.png");

        neverSentToLedgerbridge(AuthorizeNetStandIn.VISA);
    }

    @Test
    void aCustomerSavesACardOnTheCardRequestPage() throws IOException {
        fx.app().cardRequests.send(fx.companyId, fx.jones.listId(), "new-profile", "clerk");
        CardRequest r = fx.app().cardRequests.forCustomer(fx.companyId, fx.jones.listId()).get(0);
        String sent = CardPage.linkIn(fx.app().mailer.outboxMessage(r.mailId()).orElseThrow().text());
        String link = fx.baseUrl() + sent.substring(sent.indexOf("/pay/card/"));

        driver.get(link);
        assertThat(find("#test-mode").getText()).startsWith("Authorize.Net sandbox");
        find("#name").sendKeys("Jo Jones");
        find("#anet-card-number").sendKeys("5424000000000015");
        find("#anet-exp-month").sendKeys("3");
        find("#anet-exp-year").sendKeys("2032");
        find("#anet-card-code").sendKeys("321");
        find("#accept").click();
        browser.screenshot("authorizenet-card-request.png");
        find("#save").click();

        assertThat(find("#done").getText()).isEqualTo("Thank you");
        PaymentProfile p = fx.app().paymentProfiles.list(fx.companyId, fx.jones.listId()).get(0);
        assertThat(p.label()).isEqualTo("Mastercard ending 0015, expires 03/2032");
        assertThat(p.gateway()).isEqualTo("authorizenet");
        neverSentToLedgerbridge("5424000000000015");
    }

    /** Every request the browser sent to Ledgerbridge, and that none carried the number, which went to the stand-in. */
    static void neverSentToLedgerbridge(String number) {
        List<Chromium.Sent> toLedgerbridge = browser.cardOnlyTo(world.anet.baseUrl(), fx.baseUrl(), number);
        assertThat(toLedgerbridge).anySatisfy(s -> assertThat(s.body()).contains("dataValue=eyJ"));
        assertThat(world.anet.cardNumbersSeen()).contains(number);
    }
}
