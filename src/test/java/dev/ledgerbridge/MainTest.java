package dev.ledgerbridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.company.QbwcLogin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The command line as an operator runs it, through {@link Main#run}, on the embedded MariaDB of a data dir
 * under target/ (whatever -Dledgerbridge.test.jdbcUrl says: these are about the embedded mode). Every command
 * starts and stops that MariaDB (several seconds), so the tests share one data dir and one login made once.
 */
class MainTest {
    private static final String PASSWORD = "correct horse battery";
    private static Path configFile;
    private static String existingUser;
    private static String existingCompany;
    private static Result userAdd;

    record Result(int exitCode, String out, String err) {
    }

    /** Runs a command with {@code stdin} as standard input, the test config and the shared data dir. */
    private static Result run(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", configFile.toString(), "--data-dir", EmbeddedDataDir.path().toString()));
        CommandLineRun.Result r = CommandLineRun.run(stdin, all.toArray(String[]::new));
        return new Result(r.exitCode(), r.out(), r.err());
    }

    @BeforeAll
    static void createALogin() throws IOException {
        configFile = EmbeddedDataDir.path().resolveSibling("main-test.properties");
        Files.createDirectories(configFile.getParent());
        Files.writeString(configFile, "# cheap hashing for tests\nsecurity.password.cost=4\n", StandardCharsets.UTF_8);
        existingUser = EmbeddedDataDir.unique("acme");
        existingCompany = EmbeddedDataDir.unique("Acme & Sons");
        userAdd = run(PASSWORD + "\n", "user", "add", "--username", existingUser, "--company", existingCompany,
                "--password-stdin");
    }

    @Test
    void userAddCreatesALoginWhoseQwcNamesItsUserNameAndFileId() throws Exception {
        // given: user add ran once for the class (each command starts the embedded MariaDB, which is slow)
        assertThat(userAdd.exitCode()).as(userAdd.err()).isZero();
        assertThat(userAdd.out()).contains("Created Web Connector login '" + existingUser + "'");

        // when
        Result qwc = run("", "qwc", "--username", existingUser, "--url", "https://qb.example.com");

        // then
        assertThat(qwc.exitCode()).as(qwc.err()).isZero();
        Document d = parse(qwc.out());
        assertThat(text(d, "UserName")).isEqualTo(existingUser);
        assertThat(text(d, "AppURL")).isEqualTo("https://qb.example.com/qbwc");
        assertThat(text(d, "AppName")).endsWith(existingCompany);
        try (App app = App.open(EmbeddedDataDir.config(), Clock.systemUTC())) {
            QbwcLogin stored = app.companies.login(existingUser).orElseThrow();
            assertThat(text(d, "FileID")).isEqualTo(stored.fileId()).matches("\\{[0-9A-F-]{36}\\}");
            assertThat(app.hasher.verify(PASSWORD, stored.passwordHash())).isTrue();
            assertThat(app.companies.company(stored.companyId()).orElseThrow().name()).isEqualTo(existingCompany);
        }
    }

    @Test
    void userAddWithATakenUsernameExits1SayingSo() {
        // given
        assertThat(userAdd.exitCode()).as(userAdd.err()).isZero();

        // when
        Result r = run("another long password\n", "user", "add", "--username", existingUser, "--company",
                "Other Corp", "--password-stdin");

        // then
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("'" + existingUser + "' already exists");
    }

    @Test
    void userAddWithATooShortPasswordExits1SayingTheMinimum() {
        // when
        Result r = run("short\n", "user", "add", "--username", EmbeddedDataDir.unique("shorty"), "--company",
                "Acme Corp", "--password-stdin");

        // then
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("at least 10 characters");
    }

    @Test
    void adminAddCreatesAStaffLoginThatSignsIn() {
        // given
        String admin = EmbeddedDataDir.unique("boss");

        // when
        Result r = run(PASSWORD + "\n", "admin", "add", "--username", admin, "--password-stdin");

        // then
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Created admin login '" + admin + "'");
        try (App app = App.open(EmbeddedDataDir.config(), Clock.systemUTC())) {
            assertThat(app.staff.authenticate(admin, PASSWORD, "127.0.0.1")).hasValueSatisfying(
                    u -> assertThat(u.role()).isEqualTo("admin"));
        }
    }

    @Test
    void qwcForAnUnknownUserExits1SayingSo() {
        // when
        Result r = run("", "qwc", "--username", "nobody-here", "--url", "https://qb.example.com");

        // then
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("no Web Connector login named 'nobody-here'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void resyncForAnUnknownCompanyExits1SayingSo() {
        // when
        Result r = run("", "resync", "--company", "No Such Company");

        // then
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("no company named 'No Such Company'");
    }

    @Test
    void userAddExits2WhileARunningServerHoldsTheEmbeddedDatabase() {
        // given
        assertThat(userAdd.exitCode()).as(userAdd.err()).isZero();
        try (App server = App.open(EmbeddedDataDir.config(), Clock.systemUTC())) {
            // when
            Result r = run(PASSWORD + "\n", "user", "add", "--username", EmbeddedDataDir.unique("late"),
                    "--company", "Acme Corp", "--password-stdin");

            // then
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("in use by a running Ledgerbridge server").contains("Stop the server first");
            assertThat(server.companies.login(existingUser)).isPresent();
        }
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Document d, String element) {
        return d.getElementsByTagName(element).item(0).getTextContent();
    }
}
