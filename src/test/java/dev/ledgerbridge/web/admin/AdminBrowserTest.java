package dev.ledgerbridge.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin pages in a real browser: Debian's headless Chromium driven through /usr/bin/chromedriver (set
 * explicitly, so Selenium Manager never runs and nothing is downloaded). Run alone with
 * {@code mvn -B test -Dgroups=browser}. Screenshots go to target/screenshots/.
 */
@Tag("browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminBrowserTest {
    static AdminFixture fx;
    static WebDriver driver;
    static WebDriverWait wait;
    static Chromium browser;

    @BeforeAll
    static void start() throws IOException {
        Chromium.assumeInstalled();
        fx = new AdminFixture();
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

    static void open(String path) {
        driver.get(fx.baseUrl() + path);
    }

    static WebElement find(String css) {
        return browser.find(css);
    }

    static void screenshot(String name) throws IOException {
        browser.screenshot(name);
    }

    @Test
    @Order(1)
    void signsInFindsACustomerBySearchAndOpensItsPage() throws IOException {
        open("/admin/");
        wait.until(ExpectedConditions.urlContains("/admin/login"));
        find("#username").sendKeys(AdminFixture.STAFF);
        find("#password").sendKeys(AdminFixture.STAFF_PASSWORD);
        find("section.login button[type=submit]").click();
        wait.until(ExpectedConditions.urlContains("/customers"));
        assertThat(driver.getTitle()).startsWith("Customers");

        WebElement search = find("#q");
        search.sendKeys("smith@example");
        find("form.filters button[type=submit]").click();
        wait.until(ExpectedConditions.urlContains("q=smith"));
        List<WebElement> names = driver.findElements(By.cssSelector("table.customers td.name a"));
        assertThat(names).hasSize(1);
        assertThat(names.get(0).getText()).isEqualTo(AdminFixture.XSS_NAME);
        names.get(0).click();

        wait.until(ExpectedConditions.urlContains("/customers/" + fx.smith.listId()));
        assertThat(find("h1").getText()).isEqualTo(AdminFixture.XSS_NAME);
        assertThat(find("#card-approved").getText()).isEqualTo("0");
        assertThat(find("#card-declined").getText()).isEqualTo("0");
        assertThat(find("#card-collected").getText()).isEqualTo("0.00");
        assertThat(find("#card-balance").getText()).matches("[0-9,]+\\.\\d\\d");
        List<WebElement> invoices = driver.findElements(By.cssSelector("table.invoices tr.invoice"));
        assertThat(invoices).hasSize(2);
        assertThat(invoices.get(0).getText()).contains("INV-7002");
        WebElement lines = driver.findElement(By.id("lines-2"));
        assertThat(lines.isDisplayed()).isFalse();
        invoices.get(1).findElement(By.cssSelector("button.expand")).click();
        wait.until(ExpectedConditions.visibilityOf(lines));
        assertThat(lines.getText()).contains("Two days", "Starter kit");
        screenshot("customer-page.png");

        find(".back a").click();
        wait.until(ExpectedConditions.urlContains("q=smith"));
        assertThat(find("#q").getAttribute("value")).as("the list keeps its search").isEqualTo("smith@example");
    }

    @Test
    @Order(2)
    void printsAMarkupNameAsTextAndRunsNoScriptFromIt() {
        open(fx.customerPath(fx.smith));
        assertThat(find("h1").getText()).isEqualTo(AdminFixture.XSS_NAME);
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(driver.findElements(By.xpath("//script[contains(., 'alert(1)')]"))).isEmpty();
    }

    @Test
    @Order(3)
    void savesAnEmailInTheCustomersSettings() throws IOException {
        open(fx.customerPath(fx.parent));
        find("nav.tabs a[href*='/settings']").click();
        WebElement email = find("#email");
        email.clear();
        email.sendKeys("accounts@aardvark.example");
        find("#extraEmails").sendKeys("receipts@aardvark.example");
        find("#settings-form button[type=submit]").click();
        assertThat(find(".flash").getText()).contains("Settings saved", "queued to be written to QuickBooks");
        assertThat(find("#email").getAttribute("value")).isEqualTo("accounts@aardvark.example");
        assertThat(find("#extraEmails").getAttribute("value")).isEqualTo("receipts@aardvark.example");
        find("nav.tabs a[aria-current]");
        screenshot("customer-settings.png");
        open(fx.customerPath(fx.parent));
        assertThat(find("section.emails").getText()).contains("accounts@aardvark.example", "receipts@aardvark.example",
                "queued");
    }

    @Test
    @Order(4)
    void selectsCustomersAndOpensBulkActions() throws IOException {
        open(fx.customersPath());
        WebElement count = find("#selected-count");
        assertThat(count.getText()).isEqualTo("0 selected");
        List<WebElement> boxes = driver.findElements(By.cssSelector("input[name=listId]"));
        boxes.get(0).click();
        boxes.get(2).click();
        assertThat(count.getText()).isEqualTo("2 selected");
        find("#bulk-menu summary").click();
        WebElement disable = find("#bulk-menu button[value=disable-auto-processing]");
        assertThat(disable.isEnabled()).isTrue();
        screenshot("customers-list.png");
        find("#bulk-menu summary").click();
        find("#select-all").click();
        assertThat(count.getText()).isEqualTo(boxes.size() + " selected");
        find("#select-all").click();
        boxes.get(1).click();
        find("#bulk-menu summary").click();
        String chosen = boxes.get(1).getAttribute("value");
        find("#bulk-menu button[value=enable-auto-processing]").click();
        wait.until(ExpectedConditions.urlContains("/actions/"));
        assertThat(find(".flash").getText()).contains("Enable auto processing for 1 customer", "1 customer turned on");
        assertThat(find("#action-state").getText()).isEqualTo("done");
        WebElement row = find("table.results tbody tr");
        assertThat(row.getText()).contains(chosen, "done", "turned on");
        screenshot("bulk-action-result.png");
    }

    @Test
    @Order(5)
    void pressesReSyncAndSeesItPending() throws IOException {
        open(fx.customersPath());
        WebElement button = find("#resync");
        assertThat(button.isEnabled()).isTrue();
        button.click();
        assertThat(find("#resync-status").getText()).contains("Re-sync pending");
        assertThat(find("#resync").isEnabled()).isFalse();
        fx.sync();
        open(fx.customersPath());
        assertThat(driver.findElements(By.id("resync-status"))).isEmpty();
        open("/admin/companies/" + fx.companyId + "/sync");
        find("details.steps summary").click();
        assertThat(find("table.runs").getText()).contains("success");
        screenshot("sync-status.png");
    }

    @Test
    @Order(7)
    void theQueueBrowserRetriesAFailedAction() throws IOException {
        // given a payment post QuickBooks refused (it does not know the payment method)
        long id;
        try (org.apache.ibatis.session.SqlSession s = fx.server.app().db.session()) {
            id = fx.server.app().actions.queuePaymentPost(s, new dev.ledgerbridge.action.PaymentPost(fx.companyId, 77,
                    fx.smith.listId(), new java.math.BigDecimal("10.00"), List.of(), fx.qb.today(), "Bitcoin", null,
                    null, "browser-retry-1", AdminFixture.STAFF)).id();
            s.commit();
        }
        fx.sync();
        assertThat(fx.server.app().actions.find(id).orElseThrow().state()).isEqualTo("failed");

        // when staff open the queue browser, filter the failed ones and press Retry
        open("/admin/companies/" + fx.companyId + "/actions?state=failed");
        WebElement row = find("#action-" + id);
        assertThat(row.getText()).contains("Payment to QuickBooks", "failed", "3140", "payment method");
        screenshot("action-queue.png");
        row.findElement(By.xpath(".//button[text()='Retry']")).click();

        // then it is queued again, and the next run posts it once the method exists
        assertThat(find(".flash").getText()).contains("#" + id + " is queued again");
        assertThat(find("#action-" + id).getText()).contains("queued");
        fx.qb.addPaymentMethod("Bitcoin");
        fx.sync();
        open("/admin/companies/" + fx.companyId + "/actions/" + id);
        assertThat(find("#action-state").getText()).isEqualTo("done");
        assertThat(find("#action-message").getText()).contains("Posted to QuickBooks");
        assertThat(driver.findElements(By.cssSelector("details.attempt"))).hasSize(2);
    }

    @Test
    @Order(6)
    void refusesAFormWhoseCsrfTokenWasTamperedWith() {
        open(fx.customerPath(fx.job) + "/settings");
        ((JavascriptExecutor) driver).executeScript(
                "document.querySelector('#settings-form input[name=csrf]').value = 'tampered';");
        find("#notes").sendKeys("should not be saved");
        find("#settings-form button[type=submit]").click();
        assertThat(find("section.message h1").getText()).isEqualTo("Form expired");
        open(fx.customerPath(fx.job) + "/settings");
        assertThat(find("#notes").getAttribute("value")).isEmpty();
    }
}
