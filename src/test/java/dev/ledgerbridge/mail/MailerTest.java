package dev.ledgerbridge.mail;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.ledgerbridge.LogCapture;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.db.Database;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Mail through a real SMTP server (GreenMail, in this JVM), into the outbox folder, and a send that fails. */
class MailerTest {
    static final String SMTP_USER = "mailer";
    static final String SMTP_PASSWORD = "s3cret-smtp-pass";

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(SMTP_USER, SMTP_PASSWORD));

    @TempDir
    Path dataDir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-05-04T12:00:00Z"), ZoneOffset.UTC);

    private Database open(Map<Setting, String> settings, Config[] out) {
        Map<Setting, String> m = new java.util.EnumMap<>(Setting.class);
        m.put(Setting.DATA_DIR, dataDir.toString());
        m.putAll(settings);
        Config config = TestDb.freshConfig(m);
        out[0] = config;
        return Database.open(config, List.of(MailMapper.class));
    }

    private Map<Setting, String> smtpSettings(String password) {
        return Map.of(Setting.MAIL_SMTP_HOST, "127.0.0.1",
                Setting.MAIL_SMTP_PORT, Integer.toString(smtp.getSmtp().getPort()),
                Setting.MAIL_SMTP_SECURITY, "none",
                Setting.MAIL_SMTP_USERNAME, SMTP_USER,
                Setting.MAIL_SMTP_PASSWORD, password,
                Setting.MAIL_FROM, "Acme Billing <billing@acme.example>");
    }

    @Test
    void sendsThroughSmtpWithTextAndHtmlAndRecordsIt() throws Exception {
        // given
        Config[] c = new Config[1];
        try (Database db = open(smtpSettings(SMTP_PASSWORD), c)) {
            Mailer mailer = new Mailer(c[0], db, clock);

            // when
            MailReceipt r = mailer.send(new Email(List.of("ann@example.com", "bob@example.com"), "Your card — thanks",
                    "Plain text ü", "<p>HTML</p>"));

            // then
            assertThat(r.status()).isEqualTo(Mailer.SENT);
            assertThat(r.delivered()).isTrue();
            MimeMessage[] got = smtp.getReceivedMessages();
            assertThat(got).hasSize(2); // one per recipient mailbox
            assertThat(got[0].getSubject()).isEqualTo("Your card — thanks");
            assertThat(got[0].getFrom()[0].toString()).contains("billing@acme.example");
            assertThat(GreenMailUtil.getBody(got[0])).contains("Plain text").contains("<p>HTML</p>");
            assertThat(Mailer.text(got[0])).isEqualTo("Plain text ü");
            MailLogEntry e = mailer.entry(r.id()).orElseThrow();
            assertThat(e.status()).isEqualTo(Mailer.SENT);
            assertThat(e.recipients()).isEqualTo("ann@example.com, bob@example.com");
            assertThat(e.outboxFile()).isNull();
            assertThat(mailer.outboxMode()).isFalse();
            assertThat(Files.exists(dataDir.resolve("outbox"))).isFalse();
        }
    }

    @Test
    void withoutSmtpHostWritesAnEmlFileToTheOutboxUnderTheDataDir() throws Exception {
        // given
        Config[] c = new Config[1];
        try (Database db = open(Map.of(), c)) {
            Mailer mailer = new Mailer(c[0], db, clock);

            // when
            MailReceipt r = mailer.send(new Email(List.of("ann@example.com"), "Hello <b>", "Line one\nhttps://x/y"));

            // then
            assertThat(r.status()).isEqualTo(Mailer.OUTBOX);
            assertThat(mailer.outboxMode()).isTrue();
            List<Path> files;
            try (var s = Files.list(dataDir.resolve("outbox"))) {
                files = s.toList();
            }
            assertThat(files).hasSize(1);
            assertThat(files.get(0).getFileName().toString()).isEqualTo("20260504-120000-" + r.id() + ".eml");
            String eml = Files.readString(files.get(0), StandardCharsets.ISO_8859_1);
            assertThat(eml).contains("To: ann@example.com").contains("Subject: Hello <b>");
            OutboxMessage m = mailer.outboxMessage(r.id()).orElseThrow();
            assertThat(m.subject()).isEqualTo("Hello <b>");
            assertThat(m.to()).isEqualTo("ann@example.com");
            assertThat(m.text().replace("\r\n", "\n")).isEqualTo("Line one\nhttps://x/y");
            assertThat(mailer.recent(10)).extracting(MailLogEntry::status).containsExactly(Mailer.OUTBOX);

            // and another instance on the same database, whose data dir has no outbox, shows the message too (its
            // copy in the database is encrypted: the link in it is not readable there)
            Path elsewhere = dataDir.resolve("other-instance");
            Mailer other = new Mailer(c[0].with(Map.of(Setting.DATA_DIR, elsewhere.toString())), db, clock);
            assertThat(other.outboxMessage(r.id())).hasValueSatisfying(o -> {
                assertThat(o.subject()).isEqualTo("Hello <b>");
                assertThat(o.text().replace("\r\n", "\n")).isEqualTo("Line one\nhttps://x/y");
            });
            assertThat(Files.exists(elsewhere.resolve("outbox"))).isFalse();
            try (var conn = db.dataSource().getConnection(); var st = conn.createStatement();
                 var rs = st.executeQuery("SELECT message_sealed FROM mail_log WHERE id = " + r.id())) {
                rs.next();
                assertThat(rs.getString(1)).isNotBlank().doesNotContain("https://x/y").doesNotContain("ann@example.com");
            }
        }
    }

    @Test
    void aRefusedLoginIsRecordedAsFailedWithoutThePasswordAndDoesNotThrow() {
        // given a wrong password (the SMTP server refuses the login)
        String wrong = "wrong-pass-9f8e7d";
        Config[] c = new Config[1];
        try (Database db = open(smtpSettings(wrong), c); LogCapture logs = LogCapture.start(Level.DEBUG,
                "dev.ledgerbridge")) {
            Mailer mailer = new Mailer(c[0], db, clock);

            // when
            MailReceipt r = mailer.send(new Email(List.of("ann@example.com"), "S", "T"));

            // then
            assertThat(r.status()).isEqualTo(Mailer.FAILED);
            assertThat(r.delivered()).isFalse();
            assertThat(r.error()).isNotBlank();
            assertThat(mailer.entry(r.id()).orElseThrow().error()).isEqualTo(r.error()).doesNotContain(wrong);
            assertThat(logs.texts()).isNotEmpty().noneMatch(t -> t.contains(wrong));
            assertThat(smtp.getReceivedMessages()).isEmpty();
            assertThat(c[0].describe()).doesNotContain(wrong).contains("mail.smtp.password = ********");
        }
    }

    @Test
    void probeConnectsAndLogsInWithoutSendingAndSaysWhyNotWithoutThePassword() {
        Config good = TestDb.freshConfig(smtpSettings(SMTP_PASSWORD));
        Config bad = TestDb.freshConfig(smtpSettings("wrong-pass-1a2b3c"));

        assertThat(Mailer.probe(good)).isEmpty();
        assertThat(Mailer.probe(bad)).hasValueSatisfying(why -> assertThat(why).isNotBlank()
                .doesNotContain("wrong-pass-1a2b3c"));
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void anUnreachableServerIsRecordedWithAClearError() throws IOException {
        // given a port nothing listens on
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Config[] c = new Config[1];
        try (Database db = open(Map.of(Setting.MAIL_SMTP_HOST, "127.0.0.1", Setting.MAIL_SMTP_PORT,
                Integer.toString(port), Setting.MAIL_SMTP_SECURITY, "none", Setting.MAIL_SMTP_TIMEOUT_SECONDS, "2"), c)) {
            Mailer mailer = new Mailer(c[0], db, clock);

            // when
            MailReceipt r = mailer.send(new Email(List.of("ann@example.com"), "S", "T"));

            // then
            assertThat(r.status()).isEqualTo(Mailer.FAILED);
            assertThat(r.error()).containsIgnoringCase("connect");
        }
    }

    @Test
    void aMalformedAddressFailsTheMessageWithItsName() {
        Config[] c = new Config[1];
        try (Database db = open(Map.of(), c)) {
            Mailer mailer = new Mailer(c[0], db, clock);

            MailReceipt r = mailer.send(new Email(List.of("not an address"), "S", "T"));

            assertThat(r.status()).isEqualTo(Mailer.FAILED);
            assertThat(r.error()).contains("'not an address' is not an email address");
            assertThat(Files.exists(dataDir.resolve("outbox"))).isFalse();
        }
    }

}
