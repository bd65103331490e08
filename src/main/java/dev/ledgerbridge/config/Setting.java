package dev.ledgerbridge.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every setting Ledgerbridge reads, with its default, unit and meaning. conf/ledgerbridge.properties lists
 * the same keys (a test keeps the two in step). Keys are lower-case dotted names; the environment variable
 * is {@code LEDGERBRIDGE_} + the key upper-cased with dots as underscores.
 */
public enum Setting {
    HTTP_HOST("http.host", "0.0.0.0", Kind.TEXT, "Address the HTTP server listens on (0.0.0.0 = all interfaces)."),
    HTTP_PORT("http.port", "8080", Kind.PORT, "TCP port of the HTTP server (0 picks a free port)."),
    PUBLIC_URL("public.url", "", Kind.TEXT,
            "Base URL the Web Connector and browsers use to reach this server, e.g. https://qb.example.com"
                    + " (empty = http://localhost:<port>). Used for .qwc files."),
    HTTP_MODE("http.mode", "redirect", Kind.TEXT,
            "What the HTTP port does once HTTPS is on: redirect (sends browsers and clients to HTTPS, except requests"
                    + " addressed to http://localhost, so a Web Connector on this PC may keep using it), on (serves everything"
                    + " over plain HTTP too) or off (no HTTP port). Without HTTPS the HTTP port serves everything."),
    HTTP_FORWARDED("http.forwarded", "false", Kind.BOOL,
            "Trust the Forwarded / X-Forwarded-Proto / X-Forwarded-Host / X-Forwarded-For headers of a reverse proxy, so"
                    + " links, redirects and the WSDL name the proxy's https URL. Set true only when the proxy is the only"
                    + " way in: anyone who can reach the port directly could fake them."),
    HTTPS_PORT("https.port", "8443", Kind.PORT, "TCP port of the HTTPS server, used once a certificate is configured."),
    HTTPS_KEYSTORE("https.keystore", "", Kind.TEXT,
            "PKCS12 keystore (.p12 or .pfx) holding the server's certificate and private key; setting it turns HTTPS on."),
    HTTPS_KEYSTORE_PASSWORD("https.keystore.password", "", Kind.SECRET, "Password of https.keystore (and of its key)."),
    HTTPS_CERT_PEM("https.cert.pem", "", Kind.TEXT,
            "PEM certificate file instead of a keystore: the server's certificate first, then any intermediates; with"
                    + " https.key.pem it turns HTTPS on. `ledgerbridge cert --host NAME` makes a self-signed pair."),
    HTTPS_KEY_PEM("https.key.pem", "", Kind.TEXT,
            "PEM private key of https.cert.pem (unencrypted PKCS#8 or RSA/EC); readable by the server's user only."),
    METRICS_TOKEN("metrics.token", "", Kind.SECRET,
            "When set, /metrics answers only requests with the header 'Authorization: Bearer <token>', from any"
                    + " address (empty = no token; see metrics.remote)."),
    METRICS_REMOTE("metrics.remote", "false", Kind.BOOL,
            "Without metrics.token, /metrics answers only requests from this machine (loopback; the client's address"
                    + " behind a proxy with http.forwarded); true lets any address that reaches the port read it."),
    DATA_DIR("data.dir", "./data", Kind.TEXT, "Folder for the embedded database, generated secrets and the lock file."),
    DB_URL("db.url", "", Kind.TEXT,
            "JDBC URL of an external MariaDB, e.g. jdbc:mariadb://127.0.0.1:3306/ledgerbridge (empty = embedded MariaDB"
                    + " under the data dir)."),
    DB_USER("db.user", "", Kind.TEXT, "User for the external database (may also be given in db.url)."),
    DB_PASSWORD("db.password", "", Kind.SECRET, "Password for the external database."),
    DB_POOL_SIZE("db.pool.size", "10", Kind.INT, 1, 200, "Largest number of database connections."),
    QBWC_MAX_RETURNED("qbwc.max.returned", "500", Kind.INT, 1, 100_000,
            "Records QuickBooks returns per request (MaxReturned of each iterator page)."),
    QBWC_RUN_EVERY_MINUTES("qbwc.run.every.minutes", "15", Kind.INT, 1, 1440,
            "Scheduler interval written into .qwc files (RunEveryNMinutes)."),
    QBWC_MIN_RUN_EVERY_SECONDS("qbwc.min.run.every.seconds", "0", Kind.INT, 0, 86_400,
            "Shortest interval the Web Connector may run this application at (authenticate slot 4); 0 = no limit."),
    QBWC_MIN_CLIENT_VERSION("qbwc.min.client.version", "2.1.0.0", Kind.VERSION,
            "Oldest Web Connector version accepted; older ones are told to upgrade."),
    QBWC_MAX_QBXML_VERSION("qbwc.max.qbxml.version", "13.0", Kind.VERSION,
            "Highest qbXML version requested from QuickBooks (the templates are written for 13.0)."),
    QBWC_TICKET_IDLE_MINUTES("qbwc.ticket.idle.minutes", "30", Kind.INT, 1, 1440,
            "A Web Connector ticket expires after this many minutes without a call."),
    QBWC_LOGIN_MAX_FAILURES("qbwc.login.max.failures", "5", Kind.INT, 1, 1000,
            "Failed sign-ins in a row of one login (Web Connector or staff) from one address before that address"
                    + " must wait to try that login again: 1 second, doubling with each further failure, at most"
                    + " qbwc.login.lockout.seconds. Other addresses are not slowed down."),
    QBWC_LOGIN_LOCKOUT_SECONDS("qbwc.login.lockout.seconds", "300", Kind.INT, 1, 86_400,
            "Longest wait between sign-ins of a login from an address after repeated failures."),
    LOGIN_UNKNOWN_MAX_FAILURES("login.unknown.max.failures", "20", Kind.INT, 1, 100_000,
            "Sign-ins with usernames that do not exist from one address (in a day) before every sign-in from that"
                    + " address must wait, as after qbwc.login.max.failures."),
    QBWC_APP_NAME("qbwc.app.name", "Ledgerbridge", Kind.TEXT, "Application name shown in the Web Connector."),
    SYNC_OVERLAP_SECONDS("sync.overlap.seconds", "600", Kind.INT, 0, 86_400,
            "Each pull starts this long before the last stored TimeModified, so changes saved while a pull ran are"
                    + " not missed; repeats are recognised by EditSequence and not written twice."),
    SYNC_COMPANY_TIMEZONE("sync.company.timezone", "", Kind.ZONE,
            "Time zone of the PC running QuickBooks, e.g. America/New_York (empty = use the offset QuickBooks"
                    + " reported and widen the overlap by an hour so a daylight-saving change cannot skip records)."),
    SYNC_MAX_RECORDS_PER_CYCLE("sync.max.records.per.cycle", "0", Kind.INT, 0, 100_000_000,
            "Spread a large pull over several Web Connector runs: after about this many records a run ends and the"
                    + " next one continues (0 = no limit). Keeps QuickBooks from being busy for an hour on a first sync."),
    SYNC_VERIFY_HOURS("sync.verify.hours", "24", Kind.DECIMAL, 0, 8760,
            "Every this many hours a run proves the mirror equal to QuickBooks: it reads the ID, EditSequence and"
                    + " balance of every customer and open invoice, and reads again whatever differs (0 = in every"
                    + " run; fractions allowed, e.g. 0.5)."),
    SYNC_SILENCE_WARNING_MINUTES("sync.silence.warning.minutes", "60", Kind.INT, 1, 525_600,
            "The doctor warns about a company whose Web Connector has not called for this long (Auto-Run off, the"
                    + " QuickBooks PC asleep, a changed password)."),
    ADMIN_SESSION_IDLE_MINUTES("admin.session.idle.minutes", "30", Kind.INT, 1, 1440,
            "A staff member signed in to the admin pages is signed out after this many minutes without a request."),
    PASSWORD_HASH_COST("security.password.cost", "12", Kind.INT, 4, 31, "bcrypt cost factor for stored passwords."),
    // ---- email (mail/) --------------------------------------------------------------------------------------
    MAIL_SMTP_HOST("mail.smtp.host", "", Kind.TEXT,
            "SMTP server that sends Ledgerbridge's email (card-information requests, receipts), e.g. smtp.example.com."
                    + " Empty = no email leaves the server: each message is written as an .eml file to the outbox folder"
                    + " under the data dir and listed on the admin pages' Outbox page."),
    MAIL_SMTP_PORT("mail.smtp.port", "587", Kind.INT, 1, 65_535,
            "Port of the SMTP server (587 for STARTTLS, 465 for SSL/TLS, 25 for plain)."),
    MAIL_SMTP_SECURITY("mail.smtp.security", "starttls", Kind.TEXT,
            "How the SMTP connection is protected: starttls (upgrade required; the server's certificate is checked),"
                    + " ssl (TLS from the first byte, port 465) or none (plain; only for a relay on this machine or network)."),
    MAIL_SMTP_USERNAME("mail.smtp.username", "", Kind.TEXT, "SMTP login (empty = send without authentication)."),
    MAIL_SMTP_PASSWORD("mail.smtp.password", "", Kind.SECRET,
            "SMTP password (or LEDGERBRIDGE_MAIL_SMTP_PASSWORD); never logged."),
    MAIL_FROM("mail.from", "ledgerbridge@localhost", Kind.TEXT,
            "Sender of Ledgerbridge's email, e.g. billing@example.com or \"Acme Billing <billing@example.com>\"."),
    MAIL_SMTP_TIMEOUT_SECONDS("mail.smtp.timeout.seconds", "20", Kind.INT, 1, 600,
            "Longest wait for the SMTP server to connect or answer; a send that takes longer is recorded as failed."),
    // ---- card-information requests (payment/CardRequests) ------------------------------------------------------
    CARD_REQUEST_EXPIRY_HOURS("card.request.expiry.hours", "72", Kind.INT, 1, 8_760,
            "A card-information request's link stops working this many hours after it was sent."),
    CARD_REQUEST_BASE_URL("card.request.base.url", "", Kind.TEXT,
            "Address customers' browsers reach this server at, put in front of /pay/card/... in request emails, e.g."
                    + " https://pay.example.com (empty = public.url; when that is empty too, the address the staff page"
                    + " was opened with)."),
    CARD_REQUEST_RATE_PER_ADDRESS("card.request.rate.per.address", "30", Kind.INT, 1, 100_000,
            "Requests to the public card pages one remote address may make in 10 minutes; more are answered 429."),
    CARD_REQUEST_RATE_PER_LINK("card.request.rate.per.link", "15", Kind.INT, 1, 100_000,
            "Requests one card-request link may receive in 10 minutes (from any address); more are answered 429."),
    // ---- secrets staff enter, payment gateways (auth/SecretBox, payment/stripe/) -----------------------------
    SECRETS_KEY("secrets.key", "", Kind.SECRET,
            "Key that encrypts the secrets staff enter (gateway secret keys, webhook signing secrets) in the database:"
                    + " 32 random bytes in base64, e.g. from `openssl rand -base64 32`; best given as"
                    + " LEDGERBRIDGE_SECRETS_KEY. Empty = the key file secrets.key in the data dir, created on first start"
                    + " readable by the server's user only. Several servers sharing one database need the same key; a"
                    + " server whose key cannot read the stored secrets refuses to start."),
    STRIPE_API_BASE("stripe.api.base", "https://api.stripe.com", Kind.TEXT,
            "Base URL every Stripe API call goes to (only changed to reach a stand-in of Stripe in tests)."),
    STRIPE_JS_URL("stripe.js.url", "https://js.stripe.com/v3/", Kind.TEXT,
            "Address the card pages load Stripe.js from; the pages' Content-Security-Policy allows its origin."),
    STRIPE_MAX_NETWORK_RETRIES("stripe.max.network.retries", "2", Kind.INT, 0, 10,
            "How many times a Stripe call that failed on the network, timed out, or was answered 409, 429 or 5xx is"
                    + " sent again (with the same Idempotency-Key, so nothing is charged twice) before it counts as an"
                    + " error whose outcome is unknown."),
    STRIPE_TIMEOUT_SECONDS("stripe.timeout.seconds", "30", Kind.INT, 1, 600,
            "Longest wait for Stripe to answer one call; a charge that times out is asked about again, never sent blindly."),
    AUTHORIZENET_API_URL("authorizenet.api.url", "", Kind.TEXT,
            "Base URL every Authorize.Net API call goes to (empty = the one the company's mode implies:"
                    + " https://apitest.authorize.net in sandbox mode, https://api2.authorize.net in production; only"
                    + " changed to reach a stand-in of Authorize.Net in tests)."),
    AUTHORIZENET_ACCEPT_JS_URL("authorizenet.accept.js.url", "", Kind.TEXT,
            "Address the card pages load Accept.js from (empty = https://jstest.authorize.net/v1/Accept.js in sandbox"
                    + " mode, https://js.authorize.net/v1/Accept.js in production); the pages' Content-Security-Policy"
                    + " allows its origin."),
    AUTHORIZENET_VALIDATION_MODE("authorizenet.validation.mode", "testMode", Kind.TEXT,
            "How Authorize.Net checks a card when it is saved to a customer profile: testMode (format checks only),"
                    + " liveMode (a zero-dollar or one-cent authorization at the card's bank, voided at once) or none."),
    AUTHORIZENET_TIMEOUT_SECONDS("authorizenet.timeout.seconds", "30", Kind.INT, 1, 600,
            "Longest wait for Authorize.Net to answer one call; a charge that times out is looked for in the"
                    + " customer profile's transactions before anything is sent again."),
    // ---- auto processing and installment plans
    AUTO_PROCESSING_TICK_SECONDS("auto.processing.tick.seconds", "300", Kind.INT, 0, 86_400,
            "How often the scheduler inside the server looks for invoices and installments to charge (0 = no"
                    + " scheduler in this server: nothing is charged automatically by it)."),
    AUTO_PROCESSING_TIMEZONE("auto.processing.timezone", "", Kind.ZONE,
            "Time zone of the hour of day auto processing runs at, of due dates and installment dates, and of the date"
                    + " payments are recorded with in QuickBooks, e.g. America/New_York (empty = the server's time zone)."),
    AUTO_PROCESSING_LEASE_SECONDS("auto.processing.lease.seconds", "600", Kind.INT, 30, 86_400,
            "A charge a scheduler claimed but never finished (its server stopped mid-charge) is finished by another"
                    + " scheduler after this long, with the same idempotency key, so it is still charged only once."),
    // action queue
    ACTIONS_MAX_ATTEMPTS("actions.max.attempts", "5", Kind.INT, 1, 100,
            "A write to QuickBooks answered with \"try later\" (a record open in QuickBooks, 3170/3175/3180) is sent"
                    + " again on the next runs, at most this many times in all; then it fails for staff to retry."),
    ACTIONS_CHECK_DELAY_SECONDS("actions.check.delay.seconds", "300", Kind.INT, 0, 86_400,
            "A payment, credit application or refund written to QuickBooks whose answer never came is looked for"
                    + " there only this long after it was sent: a Web Connector session that replaced the one which"
                    + " sent it must not look while the request may still be on its way to QuickBooks, or it would"
                    + " write it a second time.");

    /** How a value is checked. */
    public enum Kind { TEXT, SECRET, PORT, VERSION, ZONE, INT, DECIMAL, BOOL }

    private final String key;
    private final String defaultValue;
    private final Kind kind;
    private final String meaning;
    private final long min;
    private final long max;

    Setting(String key, String defaultValue, Kind kind, String meaning) {
        this(key, defaultValue, kind, 0, 0, meaning);
    }

    Setting(String key, String defaultValue, Kind kind, long min, long max, String meaning) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.kind = kind;
        this.min = min;
        this.max = max;
        this.meaning = meaning;
    }

    /** Smallest accepted value of an INT setting. */
    public long min() {
        return min;
    }

    /** Largest accepted value of an INT setting. */
    public long max() {
        return max;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public Kind kind() {
        return kind;
    }

    public String meaning() {
        return meaning;
    }

    public boolean secret() {
        return kind == Kind.SECRET;
    }

    /** The environment variable that overrides this setting. */
    public String environmentVariable() {
        return "LEDGERBRIDGE_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    }

    public static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    public static List<Setting> all() {
        return List.of(values());
    }
}
