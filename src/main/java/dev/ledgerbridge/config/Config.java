package dev.ledgerbridge.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The effective configuration: immutable, validated, every value typed. Build one with {@link ConfigLoader}
 * (file, then environment, then flags) or {@link #of(Map)} in tests.
 */
public final class Config {
    private final Map<Setting, String> values;

    private Config(Map<Setting, String> values) {
        this.values = Collections.unmodifiableMap(new EnumMap<>(values));
    }

    /** Defaults overridden by the given values; validated. */
    public static Config of(Map<Setting, String> overrides) {
        Map<Setting, String> all = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            all.put(s, s.defaultValue());
        }
        overrides.forEach((k, v) -> all.put(k, v == null ? "" : v.trim()));
        Config config = new Config(all);
        config.validate();
        return config;
    }

    /** A copy with some values replaced; validated. */
    public Config with(Map<Setting, String> overrides) {
        Map<Setting, String> all = new EnumMap<>(values);
        all.putAll(overrides);
        return of(all);
    }

    public String get(Setting s) {
        return values.get(s);
    }

    public int getInt(Setting s) {
        return Integer.parseInt(values.get(s));
    }

    /** How often a run proves the mirror equal to QuickBooks ({@code sync.verify.hours}); zero: in every run. */
    public java.time.Duration syncVerifyInterval() {
        return java.time.Duration.ofSeconds(new java.math.BigDecimal(values.get(Setting.SYNC_VERIFY_HOURS))
                .multiply(java.math.BigDecimal.valueOf(3600)).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
    }

    private void validate() {
        for (Setting s : Setting.values()) {
            String v = values.get(s);
            switch (s.kind()) {
                case PORT -> checkRange(s, v, 0, 65_535);
                case INT -> checkRange(s, v, s.min(), s.max());
                case DECIMAL -> checkDecimal(s, v);
                case VERSION -> {
                    if (!v.matches("\\d+(\\.\\d+){1,3}")) {
                        throw new ConfigException(s.key() + " must be a version like 2.1.0.0 or 13.0, not '" + v + "'");
                    }
                }
                case ZONE -> {
                    if (!v.isEmpty()) {
                        try {
                            ZoneId.of(v);
                        } catch (RuntimeException e) {
                            throw new ConfigException(s.key() + " must be a time zone such as America/New_York, not '"
                                    + v + "'");
                        }
                    }
                }
                case BOOL -> {
                    if (!v.equals("true") && !v.equals("false")) {
                        throw new ConfigException(s.key() + " must be true or false, not '" + v + "'");
                    }
                }
                case TEXT, SECRET -> { }
            }
        }
        String url = get(Setting.DB_URL);
        if (!url.isEmpty() && !url.startsWith("jdbc:mariadb:") && !url.startsWith("jdbc:mysql:")) {
            throw new ConfigException(Setting.DB_URL.key() + " must be a MariaDB JDBC URL starting with jdbc:mariadb://"
                    + " (or empty for the embedded database)");
        }
        validateHttps();
        String publicUrl = get(Setting.PUBLIC_URL);
        if (!publicUrl.isEmpty() && !publicUrl.matches("https?://[^/\\s]+(/.*)?")) {
            throw new ConfigException(Setting.PUBLIC_URL.key() + " must be an http(s) URL such as https://qb.example.com,"
                    + " not '" + publicUrl + "'");
        }
        validateMail();
    }

    /** Email and card-information request settings. */
    private void validateMail() {
        String security = get(Setting.MAIL_SMTP_SECURITY);
        if (!List.of("starttls", "ssl", "none").contains(security)) {
            throw new ConfigException(Setting.MAIL_SMTP_SECURITY.key() + " must be starttls, ssl or none, not '" + security
                    + "'");
        }
        String from = get(Setting.MAIL_FROM);
        if (!from.matches("(?s)([^<>]*<)?[^@\\s<>,;]+@[^@\\s<>,;]+>?")) {
            throw new ConfigException(Setting.MAIL_FROM.key() + " must be an email address such as billing@example.com"
                    + " or \"Acme Billing <billing@example.com>\", not '" + from + "'");
        }
        String base = get(Setting.CARD_REQUEST_BASE_URL);
        if (!base.isEmpty() && !base.matches("https?://[^/\\s]+(/\\S*)?")) {
            throw new ConfigException(Setting.CARD_REQUEST_BASE_URL.key() + " must be an http(s) URL such as"
                    + " https://pay.example.com, not '" + base + "'");
        }
    }

    private void validateHttps() {
        String mode = get(Setting.HTTP_MODE);
        if (!List.of("redirect", "on", "off").contains(mode)) {
            throw new ConfigException(Setting.HTTP_MODE.key() + " must be redirect, on or off, not '" + mode + "'");
        }
        boolean keystore = !get(Setting.HTTPS_KEYSTORE).isEmpty();
        boolean cert = !get(Setting.HTTPS_CERT_PEM).isEmpty();
        boolean key = !get(Setting.HTTPS_KEY_PEM).isEmpty();
        if (keystore && (cert || key)) {
            throw new ConfigException("set either " + Setting.HTTPS_KEYSTORE.key() + " or " + Setting.HTTPS_CERT_PEM.key()
                    + " and " + Setting.HTTPS_KEY_PEM.key() + ", not both");
        }
        if (cert != key) {
            throw new ConfigException(Setting.HTTPS_CERT_PEM.key() + " and " + Setting.HTTPS_KEY_PEM.key()
                    + " go together: set both (the certificate and its private key) or neither");
        }
        if (mode.equals("off") && !httpsEnabled()) {
            throw new ConfigException(Setting.HTTP_MODE.key() + "=off leaves nothing to listen on: configure HTTPS ("
                    + Setting.HTTPS_KEYSTORE.key() + " or " + Setting.HTTPS_CERT_PEM.key() + ") or set http.mode=on");
        }
    }

    private static void checkDecimal(Setting s, String v) {
        java.math.BigDecimal n;
        try {
            n = new java.math.BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(s.key() + " must be a number such as 24 or 0.5, not '" + v + "'");
        }
        if (n.compareTo(java.math.BigDecimal.valueOf(s.min())) < 0 || n.compareTo(java.math.BigDecimal.valueOf(s.max())) > 0) {
            throw new ConfigException(s.key() + " must be between " + s.min() + " and " + s.max() + ", not " + v);
        }
    }

    private static void checkRange(Setting s, String v, long min, long max) {
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(s.key() + " must be a whole number, not '" + v + "'");
        }
        if (n < min || n > max) {
            throw new ConfigException(s.key() + " must be between " + min + " and " + max + ", not " + n);
        }
    }

    // ---- typed views -------------------------------------------------------------------------------------

    public String httpHost() {
        return get(Setting.HTTP_HOST);
    }

    public int httpPort() {
        return getInt(Setting.HTTP_PORT);
    }

    /** Whether a certificate is configured, which turns the HTTPS port on. */
    public boolean httpsEnabled() {
        return !get(Setting.HTTPS_KEYSTORE).isEmpty() || !get(Setting.HTTPS_CERT_PEM).isEmpty();
    }

    public int httpsPort() {
        return getInt(Setting.HTTPS_PORT);
    }

    /** What the plain-HTTP port does: "on", "redirect" (HTTPS on) or "off" (HTTPS on, no HTTP port). */
    public String httpMode() {
        return httpsEnabled() ? get(Setting.HTTP_MODE) : "on";
    }

    public boolean getBoolean(Setting s) {
        return Boolean.parseBoolean(values.get(s));
    }

    public Path dataDir() {
        return Path.of(get(Setting.DATA_DIR)).toAbsolutePath().normalize();
    }

    public boolean embeddedDatabase() {
        return get(Setting.DB_URL).isEmpty();
    }

    public int maxReturned() {
        return getInt(Setting.QBWC_MAX_RETURNED);
    }

    public Duration syncOverlap() {
        return Duration.ofSeconds(getInt(Setting.SYNC_OVERLAP_SECONDS));
    }

    public Optional<ZoneId> companyZone() {
        String z = get(Setting.SYNC_COMPANY_TIMEZONE);
        return z.isEmpty() ? Optional.empty() : Optional.of(ZoneId.of(z));
    }

    public Duration ticketIdle() {
        return Duration.ofMinutes(getInt(Setting.QBWC_TICKET_IDLE_MINUTES));
    }

    /** The configuration as one line per setting, secrets masked: what the server logs once at start. */
    public String describe() {
        StringJoiner j = new StringJoiner("\n  ", "effective configuration:\n  ", "");
        for (Setting s : Setting.values()) {
            String v = values.get(s);
            j.add(s.key() + " = " + (s.secret() && !v.isEmpty() ? "********" : v));
        }
        return j.toString();
    }
}
