package dev.ledgerbridge.sync;

import static dev.ledgerbridge.sync.SyncChecks.assertCompleted;
import static dev.ledgerbridge.sync.SyncChecks.assertExactMirror;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.company.CompanyMapper;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.testkit.CycleResult;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import dev.ledgerbridge.testkit.FakeWebConnector;
import dev.ledgerbridge.testkit.InvoiceSpec;
import dev.ledgerbridge.testkit.LineSpec;
import dev.ledgerbridge.testkit.QbCustomer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A multicurrency company file (home CAD, customers in CAD and USD): the currency list read once per run, every
 * customer, invoice and payment stored with its ISO currency code, invoices with their rate and home-currency balance.
 */
class MultiCurrencyEndToEndTest {
    static final String PASSWORD = "correct horse battery";
    RunningServer server;
    FakeWebConnector wc;
    QbwcLogin login;
    FakeQuickBooks qb;

    @BeforeEach
    void start() {
        server = new RunningServer(TestDb.freshConfig());
        wc = new FakeWebConnector(server.endpoint());
        login = server.app().companies.addLogin("maple", "Maple", PASSWORD);
        qb = SyncChecks.company(login, "Maple Supply Ltd", Instant.parse("2026-05-04T14:00:00Z"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CycleResult sync() {
        CycleResult r = wc.runCycle(qb, "maple", PASSWORD);
        assertCompleted(r);
        return r;
    }

    private String invoice(QbCustomer c, String amount) {
        return qb.addInvoice(InvoiceSpec.forCustomer(c.listId()).line(LineSpec.item("Service", "Work", "1", amount)))
                .txnId();
    }

    @Test
    void aMultiCurrencyFileIsMirroredWithCurrenciesRatesAndHomeCurrencyBalances() throws Exception {
        // given a CAD company with a CAD customer and a USD one, USD at 1.3605 CAD, one USD invoice partly paid
        qb.turnOnMultiCurrency("CAD");
        qb.setExchangeRate("USD", new BigDecimal("1.3605"));
        QbCustomer maple = qb.addCustomer("Maple Hardware");
        QbCustomer yankee = qb.setCustomerCurrency(qb.addCustomer("Yankee Tools").listId(), "USD");
        invoice(maple, "250.00");
        String usd = invoice(yankee, "1000.00");
        qb.applyPayment(usd, "400.00");

        // when the Web Connector runs
        CycleResult r = sync();

        // then the currency list was read once, and everything is stored as QuickBooks has it
        assertThat(r.requests()).filteredOn(q -> q.contains("<CurrencyQueryRq")).hasSize(1);
        assertExactMirror(server.app(), login.companyId(), qb);
        assertThat(qb.invoiceInHomeCurrency(usd).orElseThrow().amountInHomeCurrency()).isEqualByComparingTo("816.30");
        try (SqlSession s = server.app().db.session()) {
            assertThat(s.getMapper(CompanyMapper.class).homeCurrencyCode(login.companyId())).isEqualTo("CAD");
        }

        // and when the rate moves and a new USD invoice is made, it carries the new rate; the old one keeps its own
        qb.advance(Duration.ofHours(2));
        qb.setExchangeRate("USD", new BigDecimal("1.3712"));
        String later = invoice(yankee, "10.00");
        r = sync();
        assertThat(r.requests()).filteredOn(q -> q.contains("<CurrencyQueryRq")).hasSize(1);
        assertExactMirror(server.app(), login.companyId(), qb);
        assertThat(qb.invoiceInHomeCurrency(later).orElseThrow().exchangeRate()).isEqualByComparingTo("1.3712");
    }

    @Test
    void aFileWithoutMultiCurrencyIsNeverAskedForItsCurrencyList() throws Exception {
        // given a company file as most are: one currency
        invoice(qb.addCustomer("Plain Goods"), "12.00");

        // when it syncs twice
        CycleResult first = sync();
        qb.advance(Duration.ofHours(1));
        CycleResult second = sync();

        // then no CurrencyQueryRq went out and nothing stored names a currency
        assertThat(first.requests()).noneMatch(q -> q.contains("CurrencyQueryRq"));
        assertThat(second.requests()).noneMatch(q -> q.contains("CurrencyQueryRq"));
        assertExactMirror(server.app(), login.companyId(), qb);
    }
}
