package dev.ledgerbridge.web.admin;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formatting for templates ({@code $f}): money, dates, times, counts, URL parts. Null prints as empty. */
public final class Fmt {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);
    private final Clock clock;
    private final ZoneId zone;
    /** The currency code printed after every amount (null: none, as in a company of one currency). */
    private final String currency;

    Fmt(Clock clock, ZoneId zone) {
        this(clock, zone, null);
    }

    private Fmt(Clock clock, ZoneId zone, String currency) {
        this.clock = clock;
        this.zone = zone;
        this.currency = currency;
    }

    /** The same formatting with every amount followed by this currency's code (for a page of one currency). */
    Fmt in(String currencyCode) {
        return new Fmt(clock, zone, currencyCode);
    }

    public String money(BigDecimal v) {
        if (v == null) {
            return "";
        }
        NumberFormat n = NumberFormat.getNumberInstance(Locale.US);
        n.setMinimumFractionDigits(2);
        n.setMaximumFractionDigits(2);
        String amount = n.format(v.setScale(2, RoundingMode.HALF_UP));
        return currency == null ? amount : amount + " " + currency;
    }

    /** An amount in a given currency: with its code when {@code show}, as {@link #money} prints it otherwise. */
    public String money(BigDecimal v, String currencyCode, boolean show) {
        return v == null || !show ? money(v) : new Fmt(clock, zone, currencyCode).money(v);
    }

    /** Money without its sign (QuickBooks lists payments linked to an invoice as negative amounts). */
    public String unsigned(BigDecimal v) {
        return v == null ? "" : money(v.abs());
    }

    public String count(long n) {
        return NumberFormat.getIntegerInstance(Locale.US).format(n);
    }

    public String date(LocalDate d) {
        return d == null ? "" : d.toString();
    }

    public String time(Instant t) {
        return t == null ? "" : TIME.format(t.atZone(zone));
    }

    /** "just now", "5 minutes ago", "3 days ago"; "never" for null. */
    public String ago(Instant t) {
        if (t == null) {
            return "never";
        }
        long s = Duration.between(t, clock.instant()).getSeconds();
        if (s < 60) {
            return "just now";
        }
        if (s < 3600) {
            return plural(s / 60, "minute") + " ago";
        }
        if (s < 86_400) {
            return plural(s / 3600, "hour") + " ago";
        }
        return plural(s / 86_400, "day") + " ago";
    }

    /** A duration in milliseconds as "850 ms", "12.3 s", "4 min 5 s". */
    public String duration(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return (ms / 60_000) + " min " + (ms % 60_000) / 1000 + " s";
    }

    /** The time between two stored instants; they are kept to the second, so less than that reads "under 1 s". */
    public String between(Instant from, Instant to) {
        if (from == null || to == null) {
            return "";
        }
        long ms = Duration.between(from, to).toMillis();
        return ms < 1000 ? "under 1 s" : duration(ms);
    }

    /** A value for a URL query or path segment. */
    public String enc(Object v) {
        return v == null ? "" : URLEncoder.encode(v.toString(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
