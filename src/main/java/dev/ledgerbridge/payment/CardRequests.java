package dev.ledgerbridge.payment;

import dev.ledgerbridge.auth.Secrets;
import dev.ledgerbridge.company.Company;
import dev.ledgerbridge.company.CompanyService;
import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.customer.CustomerRow;
import dev.ledgerbridge.customer.CustomerSettings;
import dev.ledgerbridge.customer.CustomerStore;
import dev.ledgerbridge.db.Database;
import dev.ledgerbridge.mail.Email;
import dev.ledgerbridge.mail.MailReceipt;
import dev.ledgerbridge.mail.Mailer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Card-information requests: a one-time, expiring link emailed to a customer's addresses, which opens the public
 * card page (/pay/card/{token}); the card entered there becomes a payment profile through {@link PaymentProfiles}.
 * Only the SHA-256 of a link's token is stored; the card number goes to the gateway and nowhere else.
 */
public final class CardRequests {
    private static final Logger log = LoggerFactory.getLogger(CardRequests.class);
    /** A customer without a card on file is asked for one. */
    public static final String NEW_PROFILE = "new-profile";
    /** The customer replaces an existing profile (removed when the new card is saved). */
    public static final String UPDATE_PROFILE = "update-profile";
    /** A plain link to add a card, whatever the customer has. */
    public static final String LINK = "link";
    public static final List<String> KINDS = List.of(NEW_PROFILE, UPDATE_PROFILE, LINK);
    public static final Map<String, String> KIND_LABELS = Map.of(NEW_PROFILE, "New payment profile",
            UPDATE_PROFILE, "Update a payment profile", LINK, "Generic link");
    // stored states
    static final String SENT = "sent";
    static final String OPENED = "opened";
    static final String COMPLETED = "completed";
    static final String FAILED = "failed";
    static final String EXPIRED = "expired";
    /** The path of the public card page; the token follows. */
    public static final String PUBLIC_PATH = "/pay/card/";
    public static final int MAX_PREAUTH = 4000;
    static final int HISTORY_LIMIT = 50;
    public static final String DEFAULT_PREAUTH = "I authorize %s to keep this card on file and to charge it for"
            + " payments of my invoices and other amounts I agree to, until I revoke this authorization in writing."
            + " I confirm that I am the cardholder or am allowed to use this card.";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern LINK_TOKEN = Pattern.compile(Pattern.quote(PUBLIC_PATH) + "[A-Za-z0-9_-]+");
    /** What a card-page link's token reads as where it is hidden. */
    public static final String HIDDEN_TOKEN = "(hidden)";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>\"]+@[^@\\s,;<>\"]+\\.[^@\\s,;<>\"]+");
    private static final Pattern DIGIT_RUN = Pattern.compile("\\d(?:[\\s-]?\\d){11,}");
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("MMMM d, yyyy 'at' HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final Config config;
    private final Database db;
    private final Mailer mailer;
    private final PaymentProfiles profiles;
    private final PaymentSettingsService paymentSettings;
    private final CompanyService companies;
    private final CustomerStore customers;
    private final Clock clock;

    public CardRequests(Config config, Database db, Mailer mailer, PaymentProfiles profiles,
                        PaymentSettingsService paymentSettings, CompanyService companies, CustomerStore customers,
                        Clock clock) {
        this.config = config;
        this.db = db;
        this.mailer = mailer;
        this.profiles = profiles;
        this.paymentSettings = paymentSettings;
        this.companies = companies;
        this.customers = customers;
        this.clock = clock;
    }

    // ---- sending ---------------------------------------------------------------------------------------------

    /**
     * Sends the customer a request of {@code kind} ({@link #NEW_PROFILE}, {@link #UPDATE_PROFILE} (replaces the
     * customer's default profile), {@link #LINK}, or null / "" / "auto": new-profile when the customer has no
     * profile, else a generic link). The link's address starts with card.request.base.url, else public.url, else
     * http://localhost:{http.port}. Never throws for a customer it cannot serve: the outcome says why.
     */
    public CardRequestOutcome send(long companyId, String customerListId, String kind, String requestedBy) {
        return send(companyId, customerListId, kind, null, requestedBy, null);
    }

    /**
     * As {@link #send(long, String, String, String)}, for the customer page: {@code replacesProfileId} names the
     * profile an update replaces (null = the default one), and {@code requestBaseUrl} (scheme://host[:port] the staff
     * page was opened with) is the link's base when neither card.request.base.url nor public.url is set.
     */
    public CardRequestOutcome send(long companyId, String customerListId, String kind, Long replacesProfileId,
                                   String requestedBy, String requestBaseUrl) {
        Optional<Company> company = companies.company(companyId);
        if (company.isEmpty()) {
            return CardRequestOutcome.skipped("no such company");
        }
        CustomerRow customer;
        CustomerSettings settings;
        try (SqlSession s = db.session()) {
            Optional<CustomerRow> c = customers.find(s, companyId, customerListId);
            if (c.isEmpty()) {
                return CardRequestOutcome.skipped("no such customer");
            }
            customer = c.get();
            settings = customers.settings(s, companyId, customerListId);
        }
        if (customer.isDeleted()) {
            return CardRequestOutcome.skipped("customer deleted in QuickBooks");
        }
        List<PaymentProfile> existing = profiles.list(companyId, customerListId);
        String k = kind == null || kind.isBlank() || kind.equals("auto") ? (existing.isEmpty() ? NEW_PROFILE : LINK)
                : kind.trim();
        if (!KINDS.contains(k)) {
            return CardRequestOutcome.skipped("unknown kind '" + k + "' (one of " + String.join(", ", KINDS) + ")");
        }
        PaymentProfile replaced = null;
        if (k.equals(UPDATE_PROFILE)) {
            replaced = existing.stream()
                    .filter(p -> replacesProfileId == null ? p.isDefault() : p.id() == replacesProfileId)
                    .findFirst().orElse(replacesProfileId == null && !existing.isEmpty() ? existing.get(0) : null);
            if (replaced == null) {
                return CardRequestOutcome.skipped(existing.isEmpty() ? "no payment profile to update"
                        : "no such payment profile");
            }
        }
        List<String> to = addresses(customer, settings);
        if (to.isEmpty()) {
            return CardRequestOutcome.skipped("no email address");
        }
        String token = Secrets.token();
        Instant now = clock.instant();
        Instant expires = now.plus(Duration.ofHours(config.getInt(Setting.CARD_REQUEST_EXPIRY_HOURS)));
        CardRequestMapper.NewRequest row = new CardRequestMapper.NewRequest();
        row.companyId = companyId;
        row.listId = customerListId;
        row.kind = k;
        row.replacesProfileId = replaced == null ? null : replaced.id();
        row.tokenHash = Secrets.sha256(token);
        row.status = SENT;
        row.recipients = cut(String.join(", ", to), 2000);
        row.requestedBy = cut(requestedBy == null ? "" : requestedBy, 100);
        row.createdAt = now;
        row.expiresAt = expires;
        db.inTransaction(s -> {
            s.getMapper(CardRequestMapper.class).insert(row);
            s.commit();
        });
        String link = linkBase(requestBaseUrl) + PUBLIC_PATH + token;
        MailReceipt receipt = mailer.send(email(company.get(), customer, k, replaced, to, link, expires));
        String status = receipt.delivered() ? SENT : FAILED;
        db.inTransaction(s -> {
            CardRequestMapper m = s.getMapper(CardRequestMapper.class);
            m.setSent(row.id, status, receipt.id());
            if (receipt.delivered()) {
                m.event(row.id, clock.instant(), "sent", cut("to " + row.recipients + (Mailer.OUTBOX.equals(receipt.status())
                        ? " (written to the outbox: no SMTP server is configured)" : "") + " by " + row.requestedBy,
                        1000), null);
            } else {
                m.event(row.id, clock.instant(), "send-failed", cut(receipt.error(), 1000), null);
            }
            s.commit();
        });
        log.info("card-information request #{} ({}) for customer {} of company {} by {}: {}", row.id, k, customerListId,
                companyId, row.requestedBy, receipt.status());
        if (!receipt.delivered()) {
            return new CardRequestOutcome(CardRequestOutcome.FAILED, row.id, "failed: the email could not be sent ("
                    + receipt.error() + ")");
        }
        return new CardRequestOutcome(CardRequestOutcome.SENT, row.id, (Mailer.OUTBOX.equals(receipt.status())
                ? "written to the outbox for " : "sent to ") + row.recipients);
    }

    /** The customer's addresses: QuickBooks' email (which may hold several) and the extra ones, each once. */
    static List<String> addresses(CustomerRow customer, CustomerSettings settings) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        if (customer.email() != null) {
            all.addAll(List.of(customer.email().split("[,;\\s]+")));
        }
        all.addAll(settings.extraEmails());
        for (String a : all) {
            String t = a.trim();
            if (EMAIL.matcher(t).matches() && out.size() < Mailer.MAX_RECIPIENTS) {
                out.putIfAbsent(t.toLowerCase(Locale.ROOT), t);
            }
        }
        return List.copyOf(out.values());
    }

    private String linkBase(String requestBaseUrl) {
        String base = config.get(Setting.CARD_REQUEST_BASE_URL);
        if (base.isEmpty()) {
            base = config.get(Setting.PUBLIC_URL);
        }
        if (base.isEmpty() && requestBaseUrl != null && !requestBaseUrl.isBlank()) {
            base = requestBaseUrl;
        }
        if (base.isEmpty()) {
            base = "http://localhost:" + config.httpPort();
            log.warn("a card-information request's link starts with {}, which customers cannot open from another"
                    + " machine: set {} (or {})", base, Setting.CARD_REQUEST_BASE_URL.key(), Setting.PUBLIC_URL.key());
        }
        return base.replaceAll("/+$", "");
    }

    private Email email(Company company, CustomerRow customer, String kind, PaymentProfile replaced, List<String> to,
                        String link, Instant expires) {
        String business = company.name();
        String ask = switch (kind) {
            case UPDATE_PROFILE -> "asks you to update the card it keeps on file for your payments (" + replaced.brand()
                    + " ending " + replaced.last4() + ")";
            case NEW_PROFILE -> "asks you to add a card to keep on file for the payment of your invoices";
            default -> "sends you a secure link to give your card information for the payment of your invoices";
        };
        String subject = business + ": " + switch (kind) {
            case UPDATE_PROFILE -> "please update your card on file";
            case NEW_PROFILE -> "please add a card for your payments";
            default -> "secure link for your card information";
        };
        String name = customer.fullName();
        String when = EXPIRY.format(expires);
        String text = "Hello " + name + ",\n\n" + business + " " + ask + ".\n\n"
                + "Open this secure page to enter your card:\n" + link + "\n\n"
                + "The link works once and expires on " + when + ". Your card number goes straight to the payment"
                + " processor; " + business + " keeps only its brand, last four digits and expiry.\n"
                + "If you did not expect this message, ignore it or contact " + business + ".\n\n" + business + "\n";
        String html = "<!doctype html><html><body style=\"font-family:sans-serif\"><p>Hello " + html(name) + ",</p><p>"
                + html(business) + " " + html(ask) + ".</p><p><a href=\"" + html(link) + "\">Enter your card on a"
                + " secure page</a></p><p style=\"color:#555\">The link works once and expires on " + html(when)
                + ". If you did not expect this message, ignore it or contact " + html(business) + ".</p><p>"
                + html(business) + "</p></body></html>";
        return new Email(to, subject, text, html);
    }

    private static String html(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    // ---- what staff see ---------------------------------------------------------------------------------------

    /** The customer's requests, newest first, with their computed state. */
    public List<CardRequest> forCustomer(long companyId, String customerListId) {
        return db.transaction(s -> {
            return s.getMapper(CardRequestMapper.class).forCustomer(companyId, customerListId, clock.instant(),
                    HISTORY_LIMIT);
        });
    }

    /** The company's latest requests, newest first. */
    public List<CardRequest> recent(long companyId, int limit) {
        return db.transaction(s -> {
            return s.getMapper(CardRequestMapper.class).recent(companyId, clock.instant(), limit);
        });
    }

    /** The history of each of the customer's requests, by request id, oldest event first. */
    public Map<Long, List<CardRequestEvent>> history(long companyId, String customerListId) {
        Map<Long, List<CardRequestEvent>> out = new LinkedHashMap<>();
        db.inTransaction(s -> {
            for (CardRequestEvent e : s.getMapper(CardRequestMapper.class).events(companyId, customerListId)) {
                out.computeIfAbsent(e.requestId(), id -> new ArrayList<>()).add(e);
            }
        });
        return out;
    }

    /** The pre-authorization text customers accept for this company (the default until staff change it). */
    public String preauthText(long companyId) {
        String stored = db.transaction(s -> s.getMapper(CardRequestMapper.class).preauthText(companyId));
        if (stored != null) {
            return stored;
        }
        return String.format(DEFAULT_PREAUTH, companies.company(companyId).map(Company::name).orElse("the business"));
    }

    /** Saves the company's pre-authorization text; throws IllegalArgumentException when empty or too long. */
    public void savePreauthText(long companyId, String text, String by) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("The pre-authorization text cannot be empty.");
        }
        if (t.length() > MAX_PREAUTH) {
            throw new IllegalArgumentException("The pre-authorization text can be at most " + MAX_PREAUTH
                    + " characters.");
        }
        db.inTransaction(s -> {
            s.getMapper(CardRequestMapper.class).savePreauthText(companyId, t, clock.instant(), cut(by, 100));
            s.commit();
        });
    }

    // ---- the public card page ---------------------------------------------------------------------------------

    /**
     * What the public page shows for a link: {@code state} usable, not-found, used or expired; {@code sandbox} when
     * the company's gateway is the built-in sandbox (the page says so: no real card is kept or charged); {@code
     * testLabel} when no real money moves ("Stripe test mode"); {@code typedCards} when the card is typed into the
     * page's own form (the sandbox) rather than the gateway's hosted fields.
     */
    public record LinkPage(String state, long requestId, long companyId, String listId, String businessName,
                           String customerName, String kind, String replacing, String preauthText, Instant expiresAt,
                           boolean sandbox, String testLabel, boolean typedCards) {
        public static final String USABLE = "usable";
        public static final String NOT_FOUND = "not-found";
        public static final String USED = "used";
        public static final String GONE = "expired";

        public boolean usable() {
            return USABLE.equals(state);
        }

        static LinkPage refused(String state) {
            return new LinkPage(state, 0, 0, null, null, null, null, null, null, null, false, null, false);
        }
    }

    /**
     * Opens a link: the page to show, recording the first opening (time and address). A used, expired or unknown
     * link changes nothing.
     */
    public LinkPage open(String token, String remoteAddress) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return LinkPage.refused(LinkPage.NOT_FOUND);
        }
        return db.transaction(s -> {
            CardRequestMapper m = s.getMapper(CardRequestMapper.class);
            Instant now = clock.instant();
            CardRequest r = m.findByHash(Secrets.sha256(token), now);
            LinkPage refused = refusal(r);
            if (refused != null) {
                return refused;
            }
            if (m.markOpened(r.id(), now) == 1) {
                m.event(r.id(), now, "opened", null, cut(remoteAddress, 64));
                s.commit();
                log.info("card-information request #{} opened", r.id());
            }
            return page(r);
        });
    }

    private LinkPage refusal(CardRequest r) {
        if (r == null || FAILED.equals(r.state())) {
            return LinkPage.refused(LinkPage.NOT_FOUND);
        }
        if (COMPLETED.equals(r.state())) {
            log.info("card-information request #{}: its link was used again and refused", r.id());
            return LinkPage.refused(LinkPage.USED);
        }
        if (EXPIRED.equals(r.state())) {
            log.info("card-information request #{}: its link was opened after it expired and refused", r.id());
            return LinkPage.refused(LinkPage.GONE);
        }
        return null;
    }

    private LinkPage page(CardRequest r) {
        String business = companies.company(r.companyId()).map(Company::name).orElse("");
        String customerName = db.transaction(s -> customers.find(s, r.companyId(), r.listId())
                .map(CustomerRow::fullName).orElse(""));
        String replacing = null;
        if (r.replacesProfileId() != null) {
            replacing = profiles.find(r.companyId(), r.replacesProfileId()).map(PaymentProfile::label).orElse(null);
        }
        PaymentGateway gateway = profiles.gateway(r.companyId());
        return new LinkPage(LinkPage.USABLE, r.id(), r.companyId(), r.listId(), business, customerName, r.kind(),
                replacing, preauthText(r.companyId()), r.expiresAt(), gateway.isSandbox(), gateway.testLabel(),
                gateway.typedCards());
    }

    /** The answer to a submitted card form: {@code result} completed, declined (with the reason) or refused. */
    public record Completion(String result, String message, LinkPage page, PaymentProfile profile) {
        public static final String COMPLETED = "completed";
        public static final String DECLINED = "declined";
        public static final String REFUSED = "refused";
    }

    /**
     * Saves the card of a usable link as a payment profile (replacing the old one for an update) and completes the
     * request, once: the request's row stays locked meanwhile, so a second submission waits and then finds it used.
     * A refused card leaves the link usable. The card number is neither stored nor logged.
     */
    public Completion complete(String token, CardDetails card, String remoteAddress) {
        return complete(token, remoteAddress, (r, by) -> profiles.add(r.companyId(), r.listId(), card, by));
    }

    /**
     * As {@link #complete(String, CardDetails, String)} for a card the gateway's hosted fields saved: {@code
     * hostedResult} is what they returned (the provider's field names), {@code nameOnCard} what the customer typed.
     */
    public Completion completeHosted(String token, Map<String, String> hostedResult, String nameOnCard,
                                     String remoteAddress) {
        return complete(token, remoteAddress, (r, by) -> profiles.addHosted(r.companyId(), r.listId(), hostedResult,
                nameOnCard, by));
    }

    /**
     * What the public page's hosted card fields need for a usable link (its customer's profile at the gateway made
     * on first use); null for an unusable link or a gateway that takes typed cards.
     */
    public HostedFields hostedFields(LinkPage page) {
        return page.usable() && !page.typedCards() ? profiles.hostedFields(page.companyId(), page.listId()) : null;
    }

    private Completion complete(String token, String remoteAddress,
                                java.util.function.BiFunction<CardRequest, String, PaymentProfile> save) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return new Completion(Completion.REFUSED, null, LinkPage.refused(LinkPage.NOT_FOUND), null);
        }
        return db.transaction(s -> {
            CardRequestMapper m = s.getMapper(CardRequestMapper.class);
            CardRequest r = m.lockByHash(Secrets.sha256(token), clock.instant());
            LinkPage refused = refusal(r);
            if (refused != null) {
                return new Completion(Completion.REFUSED, null, refused, null);
            }
            String by = "card request #" + r.id();
            String remote = cut(remoteAddress, 64);
            PaymentProfile profile;
            try {
                profile = save.apply(r, by);
            } catch (PaymentException e) {
                String reason = redact(e.getMessage());
                m.event(r.id(), clock.instant(), "declined", cut(reason, 1000), remote);
                s.commit();
                log.info("card-information request #{}: card refused: {}", r.id(), reason);
                return new Completion(Completion.DECLINED, reason, page(r), null);
            }
            Instant now = clock.instant();
            String note = "";
            if (UPDATE_PROFILE.equals(r.kind()) && r.replacesProfileId() != null) {
                note = replace(r, profile, by);
            }
            m.complete(r.id(), now, remote, profile.id());
            m.event(r.id(), now, "completed", cut("payment profile " + profile.brand() + " ending " + profile.last4()
                    + note, 1000), remote);
            s.commit();
            log.info("card-information request #{} completed: payment profile {} for customer {} of company {}", r.id(),
                    profile.id(), r.listId(), r.companyId());
            return new Completion(Completion.COMPLETED, null, page(r), profile);
        });
    }

    /** Removes the profile an update replaces; the new one takes its place as the default. */
    private String replace(CardRequest r, PaymentProfile added, String by) {
        Optional<PaymentProfile> old = profiles.find(r.companyId(), r.replacesProfileId());
        if (old.isEmpty()) {
            return " (the profile it was to replace had already been removed)";
        }
        try {
            profiles.remove(r.companyId(), r.listId(), old.get().id(), by);
            if (old.get().isDefault()) {
                profiles.setDefault(r.companyId(), r.listId(), added.id(), by);
            }
            return ", replacing " + old.get().label();
        } catch (RuntimeException e) {
            log.warn("card-information request #{}: the replaced profile {} could not be removed: {}", r.id(),
                    old.get().id(), redact(String.valueOf(e.getMessage())));
            return " (the old profile " + old.get().label() + " could not be removed: remove it on the customer page)";
        }
    }

    /** A message with anything that looks like a card number masked, before it is stored or logged. */
    static String redact(String message) {
        return message == null ? "" : DIGIT_RUN.matcher(message).replaceAll("[number removed]");
    }

    private static String cut(String s, int max) {
        if (s == null) {
            return null;
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /**
     * The text with every card-page link's token hidden: a link lets whoever holds it put a card on the customer's
     * file, so people other than the customer (staff reading the outbox) see only that there was one.
     */
    public static String hideLinks(String text) {
        return text == null ? null : LINK_TOKEN.matcher(text).replaceAll(PUBLIC_PATH + HIDDEN_TOKEN);
    }
}
