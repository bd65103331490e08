package dev.ledgerbridge.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.payment.CardDetails;
import dev.ledgerbridge.payment.SandboxGateway;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
 * Making an installment plan in headless Chromium: a refused custom schedule, then equal amounts, then a pause; and
 * the auto processing page as a clerk sees it.
 */
@Tag("browser")
class PlanBrowserTest {
    static AdminFixture fx;
    static WebDriver driver;
    static WebDriverWait wait;
    static Path profile;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(AdminBrowserTest.CHROMEDRIVER)
                        && Files.isExecutable(AdminBrowserTest.CHROMIUM),
                "browser tests skipped: /usr/bin/chromedriver and /usr/bin/chromium are not installed"
                        + " (apt-get install chromium chromium-driver; .ci/run does it)");
        AdminBrowserTest.CDP_LOG.setLevel(java.util.logging.Level.SEVERE);
        fx = new AdminFixture();
        fx.server.app().paymentProfiles.add(fx.companyId, fx.smith.listId(),
                new CardDetails(SandboxGateway.APPROVE_CARD, 12, 2035, "Smith", "12345"), "test");
        profile = Files.createTempDirectory("lb-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(AdminBrowserTest.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
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
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private static void screenshot(String name) throws IOException {
        Path dir = Path.of(System.getProperty("ledgerbridge.target.dir", "target"), "screenshots");
        Files.createDirectories(dir);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void makesAnInstallmentPlanThroughTheForm() throws IOException {
        driver.get(fx.baseUrl() + "/admin/login");
        find("#username").sendKeys(AdminFixture.STAFF);
        find("#password").sendKeys(AdminFixture.STAFF_PASSWORD);
        find("section.login button[type=submit]").click();
        wait.until(ExpectedConditions.urlContains("/customers"));

        // the card icon of the customer page's tabs opens the plans
        driver.get(fx.baseUrl() + fx.customerPath(fx.smith));
        find("nav.tabs a[title^='Installment plans']").click();
        wait.until(ExpectedConditions.urlContains("/plans"));
        new Select(find("#invoice")).selectByVisibleText(find("#invoice option[value='" + fx.invoice.txnId() + "']")
                .getText());
        LocalDate first = fx.server.app().plans.today().plusDays(7);

        // a custom schedule that does not add up is refused with the reason
        find("#mode-custom").click();
        find("#custom").sendKeys(first + " 100.00\n" + first.plusDays(30) + " 100.00");
        find("#plan-form button[type=submit]").click();
        assertThat(find("#plan-error").getText()).contains("add up to 200.00", "213.75");
        assertThat(find("#custom").getAttribute("value")).contains(first.plusDays(30) + " 100.00");

        // equal amounts, three, every two weeks
        find("#mode-equal").click();
        WebElement count = find("#count");
        count.clear();
        count.sendKeys("3");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('first').value = arguments[0];",
                first.toString());
        new Select(find("#every")).selectByValue("2weeks");
        find("#plan-form button[type=submit]").click();
        wait.until(ExpectedConditions.urlMatches(".*/plans/\\d+.*"));
        assertThat(find("p.flash").getText()).contains("3 installments adding up to 213.75");
        List<String> rows = driver.findElements(By.cssSelector("tr.installment")).stream().map(WebElement::getText)
                .toList();
        assertThat(rows).containsExactly(first + " 71.25 scheduled 0", first.plusWeeks(2) + " 71.25 scheduled 0",
                first.plusWeeks(4) + " 71.25 scheduled 0");
        screenshot("installment-plan.png");

        find("button[value='pause']").click();
        wait.until(ExpectedConditions.textToBe(By.id("plan-state"), "paused"));
        assertThat(find("button[value='resume']").isDisplayed()).isTrue();

        // the company's auto processing page, from the header, tells a clerk that only admins change the rules
        find("header.top a[href$='/auto-processing']").click();
        assertThat(find("#admin-only").getText()).contains("Only an admin");
        assertThat(find("#enabled").isEnabled()).isFalse();
        screenshot("auto-processing.png");
    }
}
