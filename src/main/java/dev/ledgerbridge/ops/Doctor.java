package dev.ledgerbridge.ops;

import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.ConfigException;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.qbwc.QwcFile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import javax.sql.DataSource;
import org.eclipse.jetty.util.ssl.X509;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * Checks what the QuickBooks Web Connector will check when a .qwc file is added (QBWC.md §4, §5.15) and what the
 * server needs: the public URL is https (or localhost) with a host name, the certificate matches that name and is
 * in date, AppSupport answers 200, the database answers and is migrated, every company's Web Connector called
 * recently, mail. Each problem comes with its fix.
 * The command line prints the report; staff read it at /doctor; the admin pages can render {@link Report#checks()}.
 */
public final class Doctor {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    /** How serious a finding is. */
    public enum Level { OK, WARNING, ERROR }

    /** One finding: what was checked, what was found, and (unless OK) what to do. */
    public record Check(String name, Level level, String message, String fix) {
        static Check ok(String name, String message) {
            return new Check(name, Level.OK, message, null);
        }

        static Check warning(String name, String message, String fix) {
            return new Check(name, Level.WARNING, message, fix);
        }

        static Check error(String name, String message, String fix) {
            return new Check(name, Level.ERROR, message, fix);
        }
    }

    /** The checks in the order they ran. */
    public record Report(List<Check> checks) {
        public boolean hasErrors() {
            return checks.stream().anyMatch(c -> c.level() == Level.ERROR);
        }

        /** The report as a person reads it in a terminal. */
        public String text() {
            StringBuilder b = new StringBuilder("Ledgerbridge doctor: what the QuickBooks Web Connector and the server need\n\n");
            for (Check c : checks) {
                b.append(String.format(Locale.ROOT, "%-8s%s: %s%n", c.level(), c.name(), c.message()));
                if (c.fix() != null) {
                    b.append("        fix: ").append(c.fix()).append('\n');
                }
            }
            long errors = checks.stream().filter(c -> c.level() == Level.ERROR).count();
            long warnings = checks.stream().filter(c -> c.level() == Level.WARNING).count();
            b.append('\n').append(errors == 0 && warnings == 0 ? "Everything checked is in order."
                    : errors + " problem" + (errors == 1 ? "" : "s") + ", " + warnings + " warning"
                    + (warnings == 1 ? "" : "s") + ".").append('\n');
            return b.toString();
        }
    }

    private final Config config;
    private final DataSource database;
    private final Clock clock;

    /** @param database the server's database (to check it answers and is migrated), or null when it could not be opened */
    public Doctor(Config config, DataSource database, Clock clock) {
        this.config = config;
        this.database = database;
        this.clock = clock;
    }

    public Report run() {
        List<Check> out = new ArrayList<>();
        URI appUrl = publicUrl(out);
        if (config.httpsEnabled()) {
            configuredCertificate(out, appUrl);
        }
        if (appUrl != null) {
            if ("https".equals(appUrl.getScheme())) {
                servedCertificate(out, appUrl);
            }
            appSupport(out, appUrl);
        }
        Check db = database();
        out.add(db);
        if (db.level() != Level.ERROR) {
            contact(out);
        }
        out.add(mail());
        return new Report(List.copyOf(out));
    }

    /** Email: the outbox when no SMTP server is set, else whether the server answers and takes the login. */
    private Check mail() {
        String host = config.get(Setting.MAIL_SMTP_HOST);
        if (host.isEmpty()) {
            return Check.warning("mail", "not configured (mail.smtp.host is empty): email to customers is written to "
                    + config.dataDir().resolve("outbox") + " and listed on the Outbox page instead of being sent",
                    "set mail.smtp.host, mail.smtp.port, mail.smtp.security, mail.smtp.username, mail.smtp.password and"
                            + " mail.from to send it");
        }
        String server = host + ":" + config.get(Setting.MAIL_SMTP_PORT);
        return dev.ledgerbridge.mail.Mailer.probe(config)
                .map(why -> Check.error("mail", "the SMTP server " + server + " cannot be used: " + why,
                        "check mail.smtp.host, mail.smtp.port and mail.smtp.security (starttls on 587, ssl on 465),"
                                + " and the login in mail.smtp.username / mail.smtp.password"))
                .orElse(Check.ok("mail", "the SMTP server " + server + " answers"
                        + (config.get(Setting.MAIL_SMTP_USERNAME).isEmpty() ? "" : " and accepts the login")));
    }

    // ---- the URL the Web Connector is given ----------------------------------------------------------------

    /** Checks public.url as the Web Connector checks AppURL; returns the SOAP endpoint, or null when unusable. */
    private URI publicUrl(List<Check> out) {
        String url = config.get(Setting.PUBLIC_URL);
        if (url.isEmpty()) {
            out.add(Check.warning("public URL", "public.url is not set, so the URL the Web Connector uses cannot be"
                            + " checked",
                    "set public.url to the URL the QuickBooks PC reaches this server at, e.g. https://qb.example.com"
                            + " (the same URL you give `qwc --url`)"));
            return null;
        }
        URI uri = URI.create(url);
        String host = uri.getHost();
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean localhost = "localhost".equalsIgnoreCase(host);
        if (QwcFile.isIpAddress(host)) {
            out.add(Check.error("host name", host + " is an IP address: the Web Connector refuses IP addresses in"
                            + " AppURL and AppSupport (QBWC1001, QBWC1002)",
                    "use a DNS name that the QuickBooks PC resolves to this server (a DNS record, or a line in"
                            + " C:\\Windows\\System32\\drivers\\etc\\hosts), with a certificate for that name, and"
                            + " set public.url=https://NAME"));
        } else {
            out.add(Check.ok("host name", host + " is a name, as the Web Connector requires"));
        }
        if (scheme.equals("http") && !localhost) {
            out.add(Check.error("public URL", url + " is plain http: the Web Connector accepts http only for"
                            + " localhost (QBWC1010)",
                    "turn HTTPS on (https.cert.pem and https.key.pem, or https.keystore; `ledgerbridge cert --host "
                            + host + "` makes one for evaluation) or put an HTTPS reverse proxy in front, then set"
                            + " public.url=https://" + host));
        } else if (scheme.equals("http")) {
            out.add(Check.ok("public URL", url + " is plain http to localhost, which the Web Connector accepts only"
                    + " when QuickBooks runs on this machine"));
        } else {
            out.add(Check.ok("public URL", url + " is https"));
        }
        return QwcFile.endpointUnchecked(url);
    }

    // ---- certificates --------------------------------------------------------------------------------------

    private void configuredCertificate(List<Check> out, URI appUrl) {
        String name = "certificate file";
        X509Certificate cert;
        try {
            Certificates.Tls tls = Certificates.load(config);
            cert = Certificates.keyAndChain(tls.keyStore(), tls.password()).certificate();
        } catch (ConfigException | GeneralSecurityException | IllegalStateException e) {
            out.add(Check.error(name, e.getMessage(), "fix the https.* settings; `ledgerbridge cert --host NAME`"
                    + " makes a certificate and key for evaluation"));
            return;
        }
        String host = appUrl != null && "https".equals(appUrl.getScheme()) ? appUrl.getHost() : null;
        out.add(certificate(name, cert, host));
    }

    private void servedCertificate(List<Check> out, URI appUrl) {
        String host = appUrl.getHost();
        int port = appUrl.getPort() < 0 ? 443 : appUrl.getPort();
        String name = "certificate served at " + host + ":" + port;
        X509Certificate[] chain;
        try {
            chain = peerChain(host, port);
        } catch (IOException | GeneralSecurityException e) {
            out.add(Check.error(name, "no TLS connection to " + host + ":" + port + " (" + reason(e) + ")",
                    "start the server (or the reverse proxy) and check that " + host + " resolves to it here and on"
                            + " the QuickBooks PC, and that a firewall lets port " + port + " through"));
            return;
        }
        Check c = certificate(name, chain[0], host);
        out.add(c);
        if (c.level() != Level.ERROR && !trustedByDefault(chain)) {
            out.add(Check.warning("certificate trust", "the certificate served at " + host + " is not signed by a"
                            + " public certificate authority (self-signed or a private CA)",
                    "on the QuickBooks PC, import it (or your CA's certificate) into the Windows store 'Trusted Root"
                            + " Certification Authorities' of the Local Computer, or the Web Connector refuses the"
                            + " connection; in production prefer a certificate from a public authority"));
        }
    }

    /** Whether {@code cert} covers {@code host} (when given) and is in date. */
    private Check certificate(String name, X509Certificate cert, String host) {
        Instant now = clock.instant();
        String subject = describe(cert);
        try {
            cert.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            return Check.error(name, subject + " expired on " + cert.getNotAfter().toInstant(),
                    "renew the certificate, install it (https.cert.pem / https.keystore or on the proxy) and restart");
        } catch (CertificateNotYetValidException e) {
            return Check.error(name, subject + " is not valid before " + cert.getNotBefore().toInstant(),
                    "check this machine's clock, or install a certificate that is valid now");
        }
        if (host != null && !new X509(null, cert).matches(host)) {
            return Check.error(name, subject + " does not cover " + host + ", the host name of public.url: the Web"
                            + " Connector refuses the connection",
                    "install a certificate whose names include " + host + " (`ledgerbridge cert --host " + host
                            + "` for evaluation), or set public.url to a name the certificate covers");
        }
        Instant notAfter = cert.getNotAfter().toInstant();
        if (notAfter.isBefore(now.plus(EXPIRY_WARNING))) {
            return Check.warning(name, subject + " expires on " + notAfter, "renew it before then");
        }
        return Check.ok(name, subject + (host == null ? "" : ", covers " + host) + ", valid until " + notAfter);
    }

    private static String describe(X509Certificate cert) {
        X509 x = new X509(null, cert);
        List<String> names = new ArrayList<>(x.getHosts());
        x.getWilds().forEach(w -> names.add("*." + w));
        return "the certificate for " + (names.isEmpty() ? cert.getSubjectX500Principal().getName() : String.join(", ", names));
    }

    /** The chain a TLS server presents, whatever it is (the checks above judge it). */
    private static X509Certificate[] peerChain(String host, int port) throws IOException, GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {ACCEPT_ANY}, null);
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
            plain.setSoTimeout((int) TIMEOUT.toMillis());
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, host, port, false)) {
                s.startHandshake();
                Certificate[] certs = s.getSession().getPeerCertificates();
                return Arrays.stream(certs).map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
            }
        }
    }

    private static boolean trustedByDefault(X509Certificate[] chain) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    x.checkServerTrusted(chain, "RSA");
                    return true;
                }
            }
        } catch (GeneralSecurityException e) {
            return false;
        }
        return false;
    }

    /** Accepts every certificate: only to look at what a server presents, never to send data. */
    private static final X509ExtendedTrustManager ACCEPT_ANY = new X509ExtendedTrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    // ---- AppSupport ----------------------------------------------------------------------------------------

    private void appSupport(List<Check> out, URI endpoint) {
        URI support = endpoint.resolve("support");
        String name = "AppSupport";
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {ACCEPT_ANY}, null);
            HttpClient client = HttpClient.newBuilder().sslContext(ctx).connectTimeout(TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(support).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() == 200 || r.statusCode() == 202) {
                out.add(Check.ok(name, support + " answers " + r.statusCode()));
            } else {
                out.add(Check.error(name, support + " answers " + r.statusCode() + ", not 200: the Web Connector refuses"
                                + " the application when it is added (QBWC1003)",
                        "public.url must be this server's address as the QuickBooks PC sees it, including any path"
                                + " prefix a reverse proxy adds, so that the support page beside <public.url>/qbwc reaches Ledgerbridge"
                                + (r.statusCode() / 100 == 3 ? "; a redirect means the URL should be "
                                + r.headers().firstValue("Location").orElse("the one redirected to") : "")));
            }
        } catch (IOException | GeneralSecurityException e) {
            out.add(Check.error(name, "no answer from " + support + " (" + reason(e) + "): the Web Connector"
                            + " refuses the application (QBWC1004)",
                    "start the server and check that the name resolves and the port is open from the QuickBooks PC"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.add(Check.error(name, "interrupted", "run the doctor again"));
        }
    }

    private static String reason(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    // ---- Web Connector contact ------------------------------------------------------------------------------

    /** A warning for each company whose Web Connector has been silent longer than sync.silence.warning.minutes. */
    private void contact(List<Check> out) {
        Duration limit = Duration.ofMinutes(config.getInt(Setting.SYNC_SILENCE_WARNING_MINUTES));
        Instant now = clock.instant();
        List<String> quiet = new ArrayList<>();
        int companies = 0;
        try (Connection c = database.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, last_contact_at FROM company ORDER BY name")) {
            while (rs.next()) {
                companies++;
                Timestamp last = rs.getTimestamp(2, Calendar.getInstance(TimeZone.getTimeZone("UTC")));
                if (last == null) {
                    quiet.add(rs.getString(1) + " (never called)");
                } else if (last.toInstant().isBefore(now.minus(limit))) {
                    quiet.add(rs.getString(1) + " (last call " + last.toInstant() + ")");
                }
            }
        } catch (SQLException e) {
            out.add(Check.error("Web Connector contact", "cannot read the companies: " + e.getMessage(),
                    "check the database"));
            return;
        }
        if (quiet.isEmpty()) {
            out.add(Check.ok("Web Connector contact", companies == 0 ? "no company yet"
                    : "every company's Web Connector called within the last " + limit.toMinutes() + " minutes"));
        } else {
            out.add(Check.warning("Web Connector contact", "no call for over " + limit.toMinutes() + " minutes from: "
                            + String.join(", ", quiet),
                    "on that company's QuickBooks PC check that the PC is on, QuickBooks and the Web Connector run,"
                            + " Auto-Run is ticked and the password is current; the Web Connector's log"
                            + " (QWCLog.txt) says why a run failed. A company that never called needs its .qwc file"
                            + " added (ledgerbridge qwc)"));
        }
    }

    // ---- database ------------------------------------------------------------------------------------------

    private Check database() {
        String name = "database";
        if (database == null) {
            return Check.error(name, "the database could not be opened", "see the message above; check db.url,"
                    + " db.user and db.password, or data.dir for the embedded database");
        }
        try {
            MigrationInfo[] all = Flyway.configure().dataSource(database).locations("classpath:db/migration")
                    .load().info().all();
            long pending = Arrays.stream(all).filter(i -> i.getState() == MigrationState.PENDING).count();
            boolean future = Arrays.stream(all).anyMatch(i -> i.getState().name().startsWith("FUTURE"));
            String current = Arrays.stream(all).filter(i -> i.getState().isApplied() && i.getVersion() != null)
                    .map(i -> i.getVersion().getVersion()).reduce((a, b) -> b).orElse("none");
            if (future) {
                return Check.error(name, "the schema (version " + current + ") is newer than this Ledgerbridge knows",
                        "run the Ledgerbridge version that upgraded the database, or restore a backup made for this one");
            }
            if (pending > 0) {
                return Check.error(name, pending + " migration" + (pending == 1 ? " is" : "s are") + " not applied"
                        + " (schema version " + current + ")", "run `ledgerbridge migrate`, or start the server,"
                        + " which migrates on start");
            }
            return Check.ok(name, "answers; schema version " + current + ", up to date");
        } catch (RuntimeException e) {
            return Check.error(name, "does not answer: " + e.getMessage(), "start the database server and check"
                    + " db.url, db.user and db.password");
        }
    }
}
