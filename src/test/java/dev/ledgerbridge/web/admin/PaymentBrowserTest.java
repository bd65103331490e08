package dev.ledgerbridge.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.payment.PaymentFixture;
import dev.ledgerbridge.payment.sandbox.SandboxGateway;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** In headless Chromium: a clerk saves a sandbox card on the customer page and pays an invoice with it. */
@Tag("browser")
class PaymentBrowserTest {
    static PaymentFixture fx;
    static WebDriver driver;
    static WebDriverWait wait;
    static Chromium browser;

    @BeforeAll
    static void start() throws IOException {
        Chromium.assumeInstalled();
        fx = new PaymentFixture();
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

    static WebElement find(String css) {
        return browser.find(css);
    }

    static void screenshot(String name) throws IOException {
        browser.screenshot(name);
    }

    @Test
    void addsACardAndPaysAnInvoiceWithIt() throws IOException {
        driver.get(fx.baseUrl() + fx.customerPath(fx.smith));
        wait.until(ExpectedConditions.urlContains("/admin/login"));
        find("#username").sendKeys(PaymentFixture.STAFF);
        find("#password").sendKeys(PaymentFixture.STAFF_PASSWORD);
        find("section.login button[type=submit]").click();
        wait.until(ExpectedConditions.urlContains("/customers/" + fx.smith.listId()));
        assertThat(find("#profiles-h").getText()).contains("Sandbox - no real money");

        find("#card-number").sendKeys(SandboxGateway.APPROVE_CARD);
        find("#card-exp-month").sendKeys("12");
        find("#card-exp-year").sendKeys("2030");
        find("#card-name").sendKeys("Pat Smith");
        find("#add-card").click();
        assertThat(find(".flash").getText()).contains("Card saved: Visa ending 1111, expires 12/2030 (default)");
        assertThat(find("table.profiles").getText()).contains("Visa ending 1111", "Default", "Enabled");

        List<WebElement> rows = driver.findElements(By.cssSelector("table.open-invoices tbody tr"));
        WebElement inv2 = rows.stream().filter(r -> r.getText().contains("INV-2")).findFirst().orElseThrow();
        inv2.findElement(By.cssSelector("input[type=checkbox]")).click();
        WebElement amount = inv2.findElement(By.cssSelector("input[type=text]"));
        amount.clear();
        amount.sendKeys("30.00");
        screenshot("payment-form.png");
        find("#pay-submit").click();

        assertThat(find(".flash").getText()).contains("Approved");
        assertThat(find("#card-approved").getText()).isEqualTo("1");
        assertThat(find("#card-collected").getText()).isEqualTo("30.00");
        WebElement txn = find("table.transactions tr.txn");
        assertThat(txn.getText()).contains("INV-2", "30.00", "Approved", "Visa ending 1111", "Waiting (queued)");
        assertThat(find("#transactions h2").getText()).contains("Sandbox - no real money");
        screenshot("payment-done.png");
        assertThat(fx.rows("SELECT kind, amount, result FROM payment_txn"))
                .containsExactly(List.of("charge", "30.00", "Approved"));
    }
}
