package dev.ledgerbridge.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.payment.CardRequest;
import dev.ledgerbridge.payment.PaymentProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Year;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A card-information request in a real browser (Debian's headless Chromium): staff send it from the customer page,
 * and the customer opens the link from the outbox and fills the card form. Run alone with
 * {@code mvn -B test -Dgroups=browser}; screenshots go to target/screenshots/.
 */
@Tag("browser")
class CardRequestBrowserTest {
    static AdminFixture fx;
    static WebDriver driver;
    static WebDriverWait wait;
    static Chromium browser;
    static Path dataDir;

    @BeforeAll
    static void start() throws IOException {
        Chromium.assumeInstalled();
        dataDir = Files.createTempDirectory("lb-card-browser-");
        fx = new AdminFixture(Map.of(Setting.DATA_DIR, dataDir.toString()));
        browser = Chromium.start(1200, 1000);
        driver = browser.driver;
        wait = browser.wait;
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (fx != null) {
            fx.close();
        }
        Chromium.deleteTree(dataDir);
    }

    static WebElement find(String css) {
        return browser.find(css);
    }

    static void screenshot(String name) throws IOException {
        browser.screenshot(name);
    }

    @Test
    void staffSendARequestAndTheCustomerFillsTheCardFormInTheBrowser() throws IOException {
        // given staff signed in on the customer page
        driver.get(fx.baseUrl() + fx.customerPath(fx.smith));
        wait.until(ExpectedConditions.urlContains("/admin/login"));
        find("#username").sendKeys(AdminFixture.STAFF);
        find("#password").sendKeys(AdminFixture.STAFF_PASSWORD);
        find("section.login button[type=submit]").click();
        wait.until(ExpectedConditions.urlContains("/customers/" + fx.smith.listId()));

        // when they send a new-profile request
        new Select(find("#card-request-kind")).selectByValue("new-profile");
        find("#send-card-request").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.flash")));
        assertThat(find("p.flash").getText()).contains("written to the outbox for smith@example.com");
        assertThat(find("#card-requests .badge").getText()).isEqualTo("sent");

        // and the customer opens the link of the message in the outbox
        CardRequest r = fx.server.app().cardRequests.forCustomer(fx.companyId, fx.smith.listId()).get(0);
        String link = CardPage.linkIn(fx.server.app().mailer.outboxMessage(r.mailId()).orElseThrow().text());
        driver.get(link);
        assertThat(find("p.business").getText()).isEqualTo("Acme");
        assertThat(find(".preauth-text").getText()).contains("I authorize Acme");

        // and fills the card form, first forgetting the pre-authorization
        find("#number").sendKeys("4111 1111 1111 1111");
        find("#expMonth").sendKeys("08");
        find("#expYear").sendKeys(Integer.toString(Year.now().getValue() + 2));
        find("#name").sendKeys("Ann Smith");
        find("#postalCode").sendKeys("02139");
        screenshot("card-page.png");
        find("#save").click();
        assertThat(find("#error").getText()).contains("Tick the box");
        assertThat(find("#name").getAttribute("value")).isEqualTo("Ann Smith");
        assertThat(find("#number").getAttribute("value")).as("the number is never sent back").isEmpty();
        find("#number").sendKeys("4111111111111111");
        find("#accept").click();
        find("#save").click();

        // then the card is saved, and staff see the request completed
        assertThat(find("#done").getText()).isEqualTo("Thank you");
        assertThat(driver.getPageSource()).contains("Visa ending 1111");
        screenshot("card-page-done.png");
        List<PaymentProfile> profiles = fx.server.app().paymentProfiles.list(fx.companyId, fx.smith.listId());
        assertThat(profiles).singleElement().satisfies(p -> assertThat(p.last4()).isEqualTo("1111"));
        driver.get(fx.baseUrl() + fx.customerPath(fx.smith));
        assertThat(find("#card-requests .badge").getText()).isEqualTo("completed");
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "document.getElementById('card-requests-h').scrollIntoView()");
        screenshot("customer-card-requests.png");
        driver.get(fx.baseUrl() + "/admin/outbox");
        assertThat(find("#outbox tr.mail").getText()).contains("smith@example.com", "please add a card");
        screenshot("outbox.png");
        driver.get(link);
        assertThat(find("h1").getText()).isEqualTo("This link was already used");
    }
}
