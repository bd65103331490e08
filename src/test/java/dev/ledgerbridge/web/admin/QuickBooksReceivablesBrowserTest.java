package dev.ledgerbridge.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.payment.PaymentFixture;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The customer page and its history by invoice show the payments and credit memos QuickBooks holds (entered there, or
 * by Ledgerbridge), with the credit left, every value escaped: over HTTP, and in headless Chromium where installed.
 */
@Tag("browser")
class QuickBooksReceivablesBrowserTest {
    static final String MARKUP_MEMO = "<b id=\"injected\">Goodwill</b> & \"thanks\"";
    static PaymentFixture fx;
    static String creditTxnId;
    static dev.ledgerbridge.simulate.QbPayment unapplied;

    @BeforeAll
    static void start() {
        fx = new PaymentFixture();
        // a credit memo entered in QuickBooks with markup in its memo, 25.00 of it applied to INV-2
        fx.qb.addItem("Goodwill");
        String rs = fx.qb.process("<?xml version=\"1.0\"?><?qbxml version=\"13.0\"?><QBXML><QBXMLMsgsRq"
                + " onError=\"stopOnError\"><CreditMemoAddRq requestID=\"1\"><CreditMemoAdd><CustomerRef><ListID>"
                + fx.smith.listId() + "</ListID></CustomerRef><RefNumber>CM-77</RefNumber><Memo>"
                + MARKUP_MEMO.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                + "</Memo><CreditMemoLineAdd><ItemRef><FullName>Goodwill</FullName></ItemRef><Amount>60.00</Amount>"
                + "</CreditMemoLineAdd></CreditMemoAdd></CreditMemoAddRq></QBXMLMsgsRq></QBXML>");
        assertThat(rs).contains("statusCode=\"0\"");
        creditTxnId = fx.qb.company().creditMemos().get(0).txnId();
        fx.qb.company().applyCredit(creditTxnId, fx.open.txnId(), new BigDecimal("25.00"));
        unapplied = fx.qb.company().receiveUnappliedPayment(fx.smith.listId(), new BigDecimal("12.50"));
        fx.sync();
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void theCustomerPageListsQuickBooksPaymentsAndCreditMemosEscaped() {
        AdminClient clerk = new AdminClient(fx.baseUrl()).signedIn(PaymentFixture.STAFF, PaymentFixture.STAFF_PASSWORD);
        String page = clerk.page(fx.customerPath(fx.smith));
        assertThat(page).contains("Payments in QuickBooks", "data-txn=\"" + unapplied.txnId() + "\"", "12.50",
                "Credit memos in QuickBooks", "data-txn=\"" + creditTxnId + "\"", "CM-77", "35.00 credit left",
                "&lt;b id=&quot;injected&quot;&gt;Goodwill&lt;/b&gt; &amp; &quot;thanks&quot;");
        assertThat(page).doesNotContain("<b id=\"injected\">");

        String history = clerk.page(fx.customerPath(fx.smith) + "/history");
        // INV-1 was paid 100.00 in QuickBooks; INV-2 got 25.00 of the credit memo
        assertThat(history).contains("Payment", "recorded in QuickBooks", "100.00", "Credit memo CM-77", "25.00",
                "Payments in QuickBooks not applied to an invoice", "12.50 unapplied");
    }

    @Test
    void inTheBrowserTheCreditMemoShowsItsCreditLeftAndWhatItPaid() throws IOException {
        Chromium.assumeInstalled();
        try (Chromium browser = Chromium.start(1400, 1000)) {
            browser.driver.get(fx.baseUrl() + fx.customerPath(fx.smith));
            browser.wait.until(ExpectedConditions.urlContains("/admin/login"));
            browser.find("#username").sendKeys(PaymentFixture.STAFF);
            browser.find("#password").sendKeys(PaymentFixture.STAFF_PASSWORD);
            browser.find("section.login button[type=submit]").click();
            browser.wait.until(ExpectedConditions.urlContains("/customers/" + fx.smith.listId()));

            WebElement credit = browser.find("tr.qb-credit[data-txn='" + creditTxnId + "']");
            assertThat(credit.getText()).contains("CM-77", MARKUP_MEMO, "invoice 25.00", "60.00", "35.00");
            assertThat(browser.driver.findElements(By.id("injected"))).as("the memo's markup is text").isEmpty();
            List<WebElement> payments = browser.driver.findElements(By.cssSelector("tr.qb-payment"));
            assertThat(payments).anySatisfy(p -> assertThat(p.getText()).contains("12.50"));
            assertThat(browser.find("#qb-credits-h").getText()).contains("35.00 credit left");
            browser.screenshot("customer-quickbooks-receivables.png");
        }
    }
}
