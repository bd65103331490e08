package dev.ledgerbridge.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.company.QbwcLogin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The simulate command's company file with multicurrency on: the server stores every currency it holds. */
class MultiCurrencySimulationTest {
    private static final String PASSWORD = "simulation password";

    @Test
    void aMultiCurrencySimulatedFileIsStoredWithEachCustomersAndInvoicesCurrencyAfterOfficeWork() throws Exception {
        try (RunningServer server = new RunningServer(TestDb.freshConfig())) {
            // given a CAD company file with every third customer in USD
            QbwcLogin login = server.app().companies.addLogin("demo", "Demo", PASSWORD);
            SimulatedQuickBooks qb = CompanyFile.generate(40, 90, 3, Clock.systemUTC(), "CAD", "USD");
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            // when two runs play it, with a day of office work between
            int code = new Simulator(new Simulator.Options(server.endpoint(), "demo", PASSWORD, 40, 90, 2, 3, false,
                    "CAD", "USD"), new PrintStream(out, true, StandardCharsets.UTF_8), Clock.systemUTC(), d -> { })
                    .run(qb, 0);

            // then every invoice is stored in its currency with its rate and home-currency balance
            assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(Simulator.OK);
            TreeMap<String, String> expected = new TreeMap<>();
            for (String txnId : qb.invoiceIds()) {
                QbForeignAmount f = qb.invoiceInHomeCurrency(txnId).orElseThrow();
                expected.put(txnId, f.currency() + "|" + f.exchangeRate().stripTrailingZeros().toPlainString() + "|"
                        + f.amountInHomeCurrency().setScale(2).toPlainString());
            }
            assertThat(expected.values()).anyMatch(v -> v.startsWith("USD|1.3605|"))
                    .anyMatch(v -> v.startsWith("CAD|1|"));
            TreeMap<String, String> stored = new TreeMap<>();
            try (Connection c = server.app().db.dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT txn_id, currency, exchange_rate,"
                         + " balance_remaining_in_home_currency FROM invoice WHERE company_id = ? AND is_deleted = FALSE")) {
                ps.setLong(1, login.companyId());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stored.put(rs.getString(1), rs.getString(2) + "|"
                                + rs.getBigDecimal(3).stripTrailingZeros().toPlainString() + "|" + rs.getString(4));
                    }
                }
            }
            assertThat(stored).isEqualTo(expected);
        }
    }
}
