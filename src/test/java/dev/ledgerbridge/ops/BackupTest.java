package dev.ledgerbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ledgerbridge.App;
import dev.ledgerbridge.Main;
import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestCompanies;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.testkit.CycleResult;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import dev.ledgerbridge.testkit.FakeWebConnector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * backup and restore as an operator runs them (through the command line, with a --config file), on databases of
 * the test server: the dump is taken by the mariadb-dump shipped with the embedded database.
 */
class BackupTest {
    static final String PASSWORD = "correct horse battery";
    /** The data dir whose mariadb/base holds the shipped client programs (already unpacked by the test server). */
    static final Path TOOLS = Path.of(System.getProperty("ledgerbridge.target.dir", "target")).resolve("test-mariadb")
            .toAbsolutePath();

    static Config source;
    static Path dump;

    @TempDir
    static Path dir;

    /** A database with a synced company (customers, invoices, runs, watermarks) and its backup. */
    @BeforeAll
    static void syncAndBackUp() throws IOException {
        source = TestDb.freshConfig(Map.of(Setting.DATA_DIR, TOOLS.toString()));
        try (RunningServer server = new RunningServer(source)) {
            QbwcLogin login = server.app().companies.addLogin("acme", "Acme & Sons", PASSWORD);
            FakeQuickBooks qb = TestCompanies.quickBooks(login, "Acme Corp");
            qb.generateCustomers(200, 3);
            qb.generateInvoices(150, 4);
            CycleResult r = new FakeWebConnector(server.endpoint()).runCycle(qb, "acme", PASSWORD);
            assertThat(r.outcome()).isEqualTo(CycleResult.Outcome.COMPLETED);
            server.app().staff.add("boss", PASSWORD, "admin");
        }
        dump = dir.resolve("backup.sql");
        assertThat(Main.run("backup", "--out", dump.toString(), "--config", configFile(source, "source").toString()))
                .isZero();
    }

    @Test
    void restoringTheBackupIntoAnEmptyDatabaseGivesBackIdenticalData() throws Exception {
        // given
        Config target = TestDb.freshConfig(Map.of(Setting.DATA_DIR, TOOLS.toString()));

        // when
        int code = Main.run("restore", "--in", dump.toString(), "--config", configFile(target, "target").toString());

        // then
        assertThat(code).isZero();
        try (App from = App.open(source, Clock.systemUTC()); App to = App.open(target, Clock.systemUTC())) {
            Map<String, String> expected = TestCompanies.tableChecksums(from.db.dataSource());
            assertThat(expected).containsKeys("customer", "invoice", "invoice_line", "sync_run", "flyway_schema_history")
                    .hasEntrySatisfying("customer", v -> assertThat(v).startsWith("200 rows"));
            assertThat(TestCompanies.tableChecksums(to.db.dataSource())).isEqualTo(expected);
            assertThat(to.companies.login("acme")).isPresent();
            assertThat(to.staff.authenticate("boss", PASSWORD, "127.0.0.1")).isPresent();
        }
    }

    @Test
    void restoreRefusesADatabaseThatIsNotEmptyUnlessToldToReplaceIt() throws Exception {
        // given: a database already migrated and in use
        Config target = TestDb.freshConfig(Map.of(Setting.DATA_DIR, TOOLS.toString()));
        App.open(target, Clock.systemUTC()).close();
        Path cfg = configFile(target, "used");

        // when / then
        assertThat(Main.run("restore", "--in", dump.toString(), "--config", cfg.toString())).isEqualTo(1);
        assertThat(Main.run("restore", "--in", dump.toString(), "--config", cfg.toString(), "--replace")).isZero();
        try (App to = App.open(target, Clock.systemUTC())) {
            assertThat(to.companies.login("acme")).isPresent();
        }
    }

    @Test
    void theBackupFileIsReadableByItsOwnerOnlyEvenWhenItReplacesAnOpenFile() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "file modes are POSIX (this file system has none; the folder's permissions protect the backup)");
        // given: the first backup, and a file everyone may read where the next one goes
        Path again = dir.resolve("again.sql");
        Files.writeString(again, "an older backup");
        Files.setPosixFilePermissions(again, PosixFilePermissions.fromString("rw-r--r--"));

        // when
        int code = Main.run("backup", "--out", again.toString(), "--config", configFile(source, "again").toString());

        // then: both hold password hashes and customers' data; neither is readable by other users
        assertThat(code).isZero();
        assertThat(Files.readString(again, StandardCharsets.UTF_8)).contains("CREATE TABLE");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dump))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(again))).isEqualTo("rw-------");
    }

    @Test
    void aBackupCutShortIsRefusedBeforeTouchingTheDatabase() throws Exception {
        // given
        String text = Files.readString(dump, StandardCharsets.UTF_8);
        Path cut = dir.resolve("cut.sql");
        Files.writeString(cut, text.substring(0, text.length() / 2), StandardCharsets.UTF_8);
        Config target = TestDb.freshConfig(Map.of(Setting.DATA_DIR, TOOLS.toString()));

        // when / then
        assertThat(Main.run("restore", "--in", cut.toString(), "--config", configFile(target, "cut").toString()))
                .isEqualTo(1);
    }

    private static Path configFile(Config c, String name) throws IOException {
        Map<Setting, String> m = new EnumMap<>(Setting.class);
        for (Setting s : new Setting[] {Setting.DB_URL, Setting.DB_USER, Setting.DB_PASSWORD, Setting.DATA_DIR,
                Setting.PASSWORD_HASH_COST}) {
            m.put(s, c.get(s));
        }
        return TestCompanies.configFile(dir.resolve(name + ".properties"), m);
    }
}
