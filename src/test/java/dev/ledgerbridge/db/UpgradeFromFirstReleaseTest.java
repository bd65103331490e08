package dev.ledgerbridge.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.App;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.customer.CustomerRow;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Arrays;
import org.apache.ibatis.session.SqlSession;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

/**
 * An upgrade as IT runs it: a database created by the first release's schema (V1) and holding data is opened by
 * this build, which applies every later migration on the classpath; the data must come through unchanged.
 */
class UpgradeFromFirstReleaseTest {
    private static final String PASSWORD_HASH = "$2a$04$abcdefghijklmnopqrstuu5Zf6u1qKXW8l3o0v3f0pV2n8n7bqxy6";

    @Test
    void aDatabaseOfTheFirstReleaseWithDataIsMigratedToTheLatestSchemaKeepingItsRows() throws Exception {
        // given: the schema of the first release, with a company, its login, a customer, an invoice and a staff login
        Config config = TestDb.freshConfig();
        Flyway v1 = flyway(config).target("1").load();
        v1.migrate();
        assertThat(v1.info().current().getVersion().getVersion()).isEqualTo("1");
        try (Connection c = connect(config); Statement st = c.createStatement()) {
            st.execute("INSERT INTO company (id, name, bound_file_id, bound_at, last_success_at, created_at)"
                    + " VALUES (7, 'Acme & Sons', '{A1B2C3D4-0000-0000-0000-000000000001}', '2025-01-02 03:04:05',"
                    + " '2025-02-03 04:05:06', '2025-01-01 00:00:00')");
            st.execute("INSERT INTO qbwc_login (username, company_id, password_hash, file_id, created_at)"
                    + " VALUES ('acme', 7, '" + PASSWORD_HASH + "', '{11111111-2222-3333-4444-555555555555}',"
                    + " '2025-01-01 00:00:00')");
            st.execute("INSERT INTO staff_user (username, password_hash, role, created_at)"
                    + " VALUES ('boss', '" + PASSWORD_HASH + "', 'admin', '2025-01-01 00:00:00')");
            st.execute("INSERT INTO customer (company_id, list_id, edit_sequence, name, full_name, email, balance,"
                    + " total_balance, synced_at) VALUES (7, '80000001-1234567890', '1234567890', 'Zoë Ltd',"
                    + " 'Zoë Ltd', 'ap@zoe.example', 1234.50, 1300.00, '2025-02-03 04:05:06')");
            st.execute("INSERT INTO invoice (company_id, txn_id, edit_sequence, customer_list_id, ref_number,"
                    + " txn_date, subtotal, balance_remaining, synced_at) VALUES (7, '1A2B-1234567890', '1234567890',"
                    + " '80000001-1234567890', 'INV-1001', '2025-02-01', 1234.50, 1234.50, '2025-02-03 04:05:06')");
        }

        // when: this build opens it
        try (App app = App.open(config, Clock.systemUTC())) {
            // then: every migration on the classpath is applied
            Flyway latest = flyway(config).load();
            MigrationInfo[] all = latest.info().all();
            String newest = Arrays.stream(all).map(i -> i.getVersion().getVersion()).reduce((a, b) -> b).orElseThrow();
            assertThat(latest.info().current().getVersion().getVersion()).isEqualTo(newest);
            assertThat(latest.info().pending()).isEmpty();
            // and the rows are all there as they were
            assertThat(app.companies.login("acme")).hasValueSatisfying(l -> {
                assertThat(l.companyId()).isEqualTo(7);
                assertThat(l.fileId()).isEqualTo("{11111111-2222-3333-4444-555555555555}");
            });
            assertThat(app.companies.company(7)).hasValueSatisfying(co -> {
                assertThat(co.name()).isEqualTo("Acme & Sons");
                assertThat(co.bound()).isTrue();
            });
            try (SqlSession s = app.db.session()) {
                CustomerRow zoe = app.customers.find(s, 7, "80000001-1234567890").orElseThrow();
                assertThat(zoe.fullName()).isEqualTo("Zoë Ltd");
                assertThat(zoe.balance()).isEqualByComparingTo("1234.50");
                assertThat(app.invoices.page(s, 7, "80000001-1234567890", 1, 10).total()).isEqualTo(1);
            }
            try (Connection c = connect(config); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT role FROM staff_user WHERE username = 'boss'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("admin");
            }
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(Config config) {
        return Flyway.configure().dataSource(config.get(Setting.DB_URL), config.get(Setting.DB_USER),
                config.get(Setting.DB_PASSWORD)).locations("classpath:db/migration");
    }

    private static Connection connect(Config config) throws Exception {
        return DriverManager.getConnection(config.get(Setting.DB_URL), config.get(Setting.DB_USER),
                config.get(Setting.DB_PASSWORD));
    }
}
