package dev.ledgerbridge.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.payment.CardRequest;
import dev.ledgerbridge.payment.PaymentProfile;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Year;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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
    static Path profile;
    static Path dataDir;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(AdminBrowserTest.CHROMEDRIVER)
                        && Files.isExecutable(AdminBrowserTest.CHROMIUM),
                "browser tests skipped: /usr/bin/chromedriver and /usr/bin/chromium are not installed"
                        + " (apt-get install chromium chromium-driver; .ci/run does it)");
        AdminBrowserTest.CDP_LOG.setLevel(java.util.logging.Level.SEVERE);
        dataDir = Files.createTempDirectory("lb-card-browser-");
        fx = new AdminFixture(Map.of(Setting.DATA_DIR, dataDir.toString()));
        profile = Files.createTempDirectory("lb-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(AdminBrowserTest.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--window-size=1200,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(AdminBrowserTest.CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (fx != null) {
            fx.close();
        }
        for (Path dir : new Path[] {profile, dataDir}) {
            if (dir != null) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                }
            }
        }
    }

    static WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    static void screenshot(String name) throws IOException {
        Path dir = Path.of(System.getProperty("ledgerbridge.target.dir", "target"), "screenshots");
        Files.createDirectories(dir);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
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
