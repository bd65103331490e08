package dev.ledgerbridge.mail;

import dev.ledgerbridge.auth.SecretBox;
import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.ConfigException;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.db.Database;
import dev.ledgerbridge.db.OwnerOnly;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Ledgerbridge's email: through SMTP (Jakarta Mail) when mail.smtp.host is set, otherwise into the outbox
 * folder under the data dir as .eml files. Every message gets a mail_log row with its status. {@link #send} never
 * throws for a message that cannot be delivered: it records and returns the failure, so the page or job that sent
 * it goes on.
 */
public final class Mailer {
    private static final Logger log = LoggerFactory.getLogger(Mailer.class);
    public static final String SENT = "sent";
    public static final String OUTBOX = "outbox";
    public static final String FAILED = "failed";
    static final String SENDING = "sending";
    /** Most recipients one message may have. */
    public static final int MAX_RECIPIENTS = 50;
    private static final int MAX_ERROR = 1000;
    private static final Pattern OUTBOX_NAME = Pattern.compile("[0-9]{8}-[0-9]{6}-[0-9]{1,18}\\.eml");
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final Database db;
    private final SecretBox secrets;
    private final Clock clock;
    private final Path outbox;
    private final InternetAddress from;
    private final Session session;
    private final String username;
    private final String password;

    public Mailer(Config config, Database db, Clock clock) {
        this(config, db, SecretBox.of(config), clock);
    }

    /** {@code secrets} encrypts the copy of each outbox message kept in the database. */
    public Mailer(Config config, Database db, SecretBox secrets, Clock clock) {
        this.db = db;
        this.secrets = secrets;
        this.clock = clock;
        this.outbox = config.dataDir().resolve("outbox");
        try {
            InternetAddress[] parsed = InternetAddress.parse(config.get(Setting.MAIL_FROM), true);
            if (parsed.length != 1) {
                throw new AddressException("one address expected");
            }
            this.from = parsed[0];
        } catch (AddressException e) {
            throw new ConfigException(Setting.MAIL_FROM.key() + " is not an email address: '" + config.get(Setting.MAIL_FROM)
                    + "'");
        }
        String host = config.get(Setting.MAIL_SMTP_HOST);
        this.username = config.get(Setting.MAIL_SMTP_USERNAME);
        this.password = config.get(Setting.MAIL_SMTP_PASSWORD);
        this.session = host.isEmpty() ? null : Session.getInstance(smtpProperties(config));
    }

    private static Properties smtpProperties(Config config) {
        Properties p = new Properties();
        String timeout = Long.toString(config.getInt(Setting.MAIL_SMTP_TIMEOUT_SECONDS) * 1000L);
        String security = config.get(Setting.MAIL_SMTP_SECURITY);
        String prefix = security.equals("ssl") ? "mail.smtps." : "mail.smtp.";
        p.setProperty("mail.transport.protocol", security.equals("ssl") ? "smtps" : "smtp");
        p.setProperty(prefix + "host", config.get(Setting.MAIL_SMTP_HOST));
        p.setProperty(prefix + "port", config.get(Setting.MAIL_SMTP_PORT));
        p.setProperty(prefix + "connectiontimeout", timeout);
        p.setProperty(prefix + "timeout", timeout);
        p.setProperty(prefix + "writetimeout", timeout);
        p.setProperty(prefix + "auth", Boolean.toString(!config.get(Setting.MAIL_SMTP_USERNAME).isEmpty()));
        if (security.equals("starttls")) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
            p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        } else if (security.equals("ssl")) {
            p.setProperty("mail.smtps.ssl.checkserveridentity", "true");
        }
        return p;
    }

    /**
     * Connects (and logs in) to the configured SMTP server without sending anything: empty when it answered, else
     * why not (never with the password). Only for a configured mail.smtp.host.
     */
    public static Optional<String> probe(Config config) {
        Session session = Session.getInstance(smtpProperties(config));
        String user = config.get(Setting.MAIL_SMTP_USERNAME);
        String password = config.get(Setting.MAIL_SMTP_PASSWORD);
        try (Transport t = session.getTransport()) {
            if (user.isEmpty()) {
                t.connect();
            } else {
                t.connect(user, password);
            }
            return Optional.empty();
        } catch (MessagingException e) {
            String why = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
            return Optional.of(password.isEmpty() ? why : why.replace(password, "********"));
        }
    }

    /** Whether mail goes to the outbox folder instead of an SMTP server. */
    public boolean outboxMode() {
        return session == null;
    }

    /** The folder .eml files are written to in outbox mode (created with the first message). */
    public Path outboxFolder() {
        return outbox;
    }

    /**
     * Sends (or writes to the outbox) one message and records it in mail_log. Never throws for an undeliverable
     * message: a failure is logged (without secrets), stored with its reason, and returned.
     */
    public MailReceipt send(Email email) {
        String recipients = String.join(", ", email.to());
        MailMapper.NewMail row = new MailMapper.NewMail();
        row.createdAt = clock.instant();
        row.recipients = cut(recipients, 2000);
        row.subject = cut(email.subject(), 500);
        row.status = SENDING;
        try (SqlSession s = db.session()) {
            s.getMapper(MailMapper.class).insert(row);
            s.commit();
        }
        long id = row.id;
        String status;
        String error = null;
        String file = null;
        String sealed = null;
        try {
            MimeMessage message = message(email, id);
            if (outboxMode()) {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                message.writeTo(raw);
                file = writeToOutbox(raw.toByteArray(), id);
                // a MIME message is 7-bit text: ISO-8859-1 carries its bytes unchanged
                sealed = secrets.seal(raw.toString(StandardCharsets.ISO_8859_1));
                status = OUTBOX;
                log.info("mail #{} '{}' for {} written to the outbox ({})", id, email.subject(), recipients, file);
            } else {
                sendSmtp(message);
                status = SENT;
                log.info("mail #{} '{}' sent to {}", id, email.subject(), recipients);
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            status = FAILED;
            error = describe(e);
            log.warn("mail #{} '{}' for {} failed: {}", id, email.subject(), recipients, error);
        }
        String outcome = status;
        String problem = error;
        String written = file;
        String copy = sealed;
        db.inTransaction(s -> s.getMapper(MailMapper.class).finish(id, outcome, problem, written, copy));
        return new MailReceipt(id, status, error);
    }

    private MimeMessage message(Email email, long id) throws MessagingException {
        if (email.to().isEmpty()) {
            throw new MessagingException("the message has no recipient");
        }
        if (email.to().size() > MAX_RECIPIENTS) {
            throw new MessagingException("more than " + MAX_RECIPIENTS + " recipients");
        }
        List<Address> to = new ArrayList<>();
        for (String a : email.to()) {
            try {
                to.add(new InternetAddress(a.trim(), true));
            } catch (AddressException e) {
                throw new MessagingException("'" + cut(a, 100) + "' is not an email address");
            }
        }
        MimeMessage m = new MimeMessage(session != null ? session : Session.getInstance(new Properties()));
        m.setFrom(from);
        m.setRecipients(Message.RecipientType.TO, to.toArray(Address[]::new));
        m.setSubject(email.subject().replaceAll("[\\r\\n]+", " "), StandardCharsets.UTF_8.name());
        m.setSentDate(Date.from(clock.instant()));
        m.setHeader("X-Ledgerbridge-Mail", Long.toString(id));
        if (email.html() == null) {
            m.setText(email.text(), StandardCharsets.UTF_8.name());
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(email.text(), StandardCharsets.UTF_8.name());
            MimeBodyPart html = new MimeBodyPart();
            html.setText(email.html(), StandardCharsets.UTF_8.name(), "html");
            m.setContent(new MimeMultipart("alternative", text, html));
        }
        m.saveChanges();
        return m;
    }

    private void sendSmtp(MimeMessage message) throws MessagingException {
        if (username.isEmpty()) {
            Transport.send(message);
        } else {
            Transport.send(message, username, password);
        }
    }

    private String writeToOutbox(byte[] message, long id) throws IOException {
        Files.createDirectories(outbox);
        String name = FILE_TIME.format(clock.instant()) + "-" + id + ".eml";
        Path tmp = outbox.resolve(name + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(message);
        }
        // the message holds a customer's one-time link: readable by the server's user only
        OwnerOnly.restrict(tmp);
        try {
            Files.move(tmp, outbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, outbox.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        return name;
    }

    /** A failure in words, with the SMTP password (should a server echo it) masked. */
    private String describe(Exception e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < MAX_ERROR; t = t.getCause()) {
            if (b.length() > 0) {
                b.append(": ");
            }
            String msg = t.getMessage();
            b.append(msg == null || msg.isBlank() ? t.getClass().getSimpleName() : msg.strip());
            if (t.getCause() == t) {
                break;
            }
        }
        String text = b.toString().replaceAll("\\s+", " ");
        if (!password.isEmpty()) {
            text = text.replace(password, "********");
        }
        return cut(text, MAX_ERROR);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    // ---- reading back ------------------------------------------------------------------------------------

    /** The newest mail_log rows, newest first. */
    public List<MailLogEntry> recent(int limit) {
        try (SqlSession s = db.session()) {
            return s.getMapper(MailMapper.class).recent(limit);
        }
    }

    public Optional<MailLogEntry> entry(long id) {
        try (SqlSession s = db.session()) {
            return Optional.ofNullable(s.getMapper(MailMapper.class).find(id));
        }
    }

    /**
     * The message of a log row as written to the outbox: from its copy in the database (any instance), else from its
     * .eml file in this instance's outbox folder; empty when it has neither (any more).
     */
    public Optional<OutboxMessage> outboxMessage(long id) {
        Optional<MailLogEntry> e = entry(id);
        if (e.isEmpty() || e.get().outboxFile() == null || !OUTBOX_NAME.matcher(e.get().outboxFile()).matches()) {
            return Optional.empty();
        }
        String sealed = db.transaction(s -> s.getMapper(MailMapper.class).sealedMessage(id));
        if (sealed != null) {
            try {
                return read(e.get(), new ByteArrayInputStream(secrets.open(sealed).getBytes(StandardCharsets.ISO_8859_1)),
                        "mail #" + id);
            } catch (SecretBox.WrongKey ex) {
                log.warn("the copy of mail #{} cannot be opened with this server's secrets key", id);
            }
        }
        Path file = outbox.resolve(e.get().outboxFile());
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(e.get(), in, file.toString());
        } catch (IOException ex) {
            log.warn("outbox file {} cannot be read: {}", file, ex.getMessage());
            return Optional.empty();
        }
    }

    private Optional<OutboxMessage> read(MailLogEntry e, InputStream in, String what) {
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), in);
            return Optional.of(new OutboxMessage(e, addresses(m.getFrom()),
                    addresses(m.getRecipients(Message.RecipientType.TO)), m.getSubject(),
                    m.getSentDate() == null ? "" : m.getSentDate().toInstant().toString(),
                    java.util.Objects.toString(text(m), "")));
        } catch (IOException | MessagingException ex) {
            log.warn("{} cannot be read: {}", what, ex.getMessage());
            return Optional.empty();
        }
    }

    private static String addresses(Address[] a) {
        if (a == null) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (Address x : a) {
            out.add(x instanceof InternetAddress ia ? ia.toUnicodeString() : x.toString());
        }
        return String.join(", ", out);
    }

    /** The first text/plain part of a message (or its text, when it is a single part). */
    static String text(Part p) throws MessagingException, IOException {
        if (p.isMimeType("text/plain")) {
            return String.valueOf(p.getContent());
        }
        if (p.isMimeType("multipart/*") && p.getContent() instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart part = mp.getBodyPart(i);
                String t = text(part);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }
}
