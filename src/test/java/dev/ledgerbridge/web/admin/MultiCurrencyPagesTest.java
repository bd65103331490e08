package dev.ledgerbridge.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.payment.PaymentFixture;
import dev.ledgerbridge.payment.sandbox.SandboxGateway;
import dev.ledgerbridge.testkit.InvoiceSpec;
import dev.ledgerbridge.testkit.LineSpec;
import dev.ledgerbridge.testkit.QbCustomer;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pages of a company whose file turns multicurrency on (home USD, a customer in CAD): amounts carry their currency
 * code once customers use two currencies, and not before; invoices of two currencies are not paid together.
 */
class MultiCurrencyPagesTest {
    PaymentFixture fx;
    AdminClient clerk;

    @BeforeEach
    void start() {
        fx = new PaymentFixture();
        clerk = new AdminClient(fx.baseUrl()).signedIn(PaymentFixture.STAFF, PaymentFixture.STAFF_PASSWORD);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private String flashAfter(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        Matcher m = Pattern.compile("class=\"flash\"[^>]*>([^<]*)<").matcher(clerk.follow(r).body());
        assertThat(m.find()).as("a message after the form").isTrue();
        return m.group(1);
    }

    @Test
    void amountsShowTheirCurrencyOnlyOnceCustomersUseTwoAndMixedCurrenciesAreNotPaidTogether() {
        // given a file of one currency: amounts as always, without a code
        String customers = "/admin/companies/" + fx.companyId + "/customers";
        assertThat(clerk.page(customers)).contains("293.75").doesNotContain("293.75 USD");
        assertThat(clerk.page(fx.customerPath(fx.smith))).contains("213.75").doesNotContain(" USD<");

        // when the file turns multicurrency on (home USD) and a Canadian customer is invoiced in CAD
        fx.qb.turnOnMultiCurrency("USD");
        fx.qb.setExchangeRate("CAD", new BigDecimal("0.7321"));
        QbCustomer north = fx.qb.setCustomerCurrency(fx.qb.addCustomer("Northern Lights Co").listId(), "CAD");
        String cad = fx.qb.addInvoice(InvoiceSpec.forCustomer(north.listId()).refNumber("INV-C1")
                .line(LineSpec.item("Support", "June", "1", "120.00"))).txnId();
        fx.qb.advance(Duration.ofMinutes(5));
        fx.sync();

        // then the customer list and each customer's pages name the currency of every amount
        String list = clerk.page(customers);
        assertThat(list).contains("120.00 CAD", "293.75 USD");
        String northPage = clerk.page(fx.customerPath(north));
        assertThat(northPage).contains("120.00 CAD").doesNotContain("120.00 USD");
        assertThat(clerk.page(fx.customerPath(fx.smith))).contains("213.75 USD", "80.00 USD");

        // and paying a CAD invoice with a USD one (stored so by mistake) is refused on the page, nothing charged
        fx.execute("UPDATE invoice SET currency = 'CAD' WHERE txn_id = '" + fx.open.txnId() + "'");
        fx.card(fx.smith, SandboxGateway.APPROVE_CARD);
        long visa = Long.parseLong(fx.rows("SELECT MAX(id) FROM payment_profile").get(0).get(0));
        String flash = flashAfter(clerk.post(fx.customerPath(fx.smith) + "/payments", "key", "mix-1", "profileId",
                Long.toString(visa), "invoice", fx.partlyPaid.txnId(), "amount-" + fx.partlyPaid.txnId(), "10.00",
                "invoice", fx.open.txnId(), "amount-" + fx.open.txnId(), "10.00"));
        assertThat(flash).contains("Nothing was charged", "different currencies (CAD, USD)");
        assertThat(fx.count("SELECT COUNT(*) FROM payment_txn")).isZero();
        assertThat(cad).isNotBlank();
    }
}
