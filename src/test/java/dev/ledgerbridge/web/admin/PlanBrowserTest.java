package dev.ledgerbridge.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.payment.CardDetails;
import dev.ledgerbridge.payment.sandbox.SandboxGateway;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
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
    static Chromium browser;

    @BeforeAll
    static void start() throws IOException {
        Chromium.assumeInstalled();
        fx = new AdminFixture();
        fx.server.app().paymentProfiles.add(fx.companyId, fx.smith.listId(),
                new CardDetails(SandboxGateway.APPROVE_CARD, 12, 2035, "Smith", "12345"), "test");
        browser = Chromium.start(1400, 1000);
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
    }

    private static WebElement find(String css) {
        return browser.find(css);
    }

    private static void screenshot(String name) throws IOException {
        browser.screenshot(name);
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
