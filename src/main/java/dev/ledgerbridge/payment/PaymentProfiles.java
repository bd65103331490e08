package dev.ledgerbridge.payment;

import dev.ledgerbridge.db.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A customer's payment profiles: cards saved at the company's gateway. A card is saved from a typed test card (the
 * sandbox), from what the gateway's hosted fields returned (a real provider: the number never reaches Ledgerbridge),
 * or by linking cards a customer already has at the gateway. Only the token, brand, last four digits, expiry,
 * fingerprint and name are kept; the first profile becomes the default; removing one deletes it at the gateway too.
 */
public final class PaymentProfiles {
    private static final Logger log = LoggerFactory.getLogger(PaymentProfiles.class);
    private final Database db;
    private final PaymentGateways gateways;
    private final PaymentSettingsService settings;
    private final Clock clock;

    public PaymentProfiles(Database db, PaymentGateways gateways, PaymentSettingsService settings, Clock clock) {
        this.db = db;
        this.gateways = gateways;
        this.settings = settings;
        this.clock = clock;
    }

    /** The gateway the company saves new cards at. */
    public PaymentGateway gateway(long companyId) {
        return gateways.forSettings(settings.get(companyId));
    }

    /** Saves a typed card for the customer; throws PaymentException when the card is invalid or refused. */
    public PaymentProfile add(long companyId, String customerListId, CardDetails card, String addedBy) {
        card.validate(clock);
        PaymentGateway gateway = gateway(companyId);
        String customerProfile = customerProfile(gateway, companyId, customerListId);
        TokenizedCard t = gateway.tokenize(customerProfile, card);
        return store(gateway, companyId, customerListId, customerProfile, t, card.nameOnCard(), addedBy, true);
    }

    /**
     * What a page needs to show the gateway's hosted card fields for this customer (its customer profile at the
     * gateway is made on first use); null when the gateway takes typed cards.
     */
    public HostedFields hostedFields(long companyId, String customerListId) {
        PaymentGateway gateway = gateway(companyId);
        if (gateway.typedCards()) {
            return null;
        }
        return gateway.hostedFields(customerProfile(gateway, companyId, customerListId));
    }

    /**
     * Saves the card the gateway's hosted fields made, from their result (the provider's field names, e.g.
     * paymentMethodId); throws PaymentException when it is missing or refused.
     */
    public PaymentProfile addHosted(long companyId, String customerListId, Map<String, String> hostedResult,
                                    String nameOnCard, String addedBy) {
        PaymentGateway gateway = gateway(companyId);
        String customerProfile = customerProfile(gateway, companyId, customerListId);
        TokenizedCard t = gateway.saveHosted(customerProfile, hostedResult);
        PaymentProfile p = store(gateway, companyId, customerListId, customerProfile, t, nameOnCard, addedBy, false);
        if (p != null) {
            return p;
        }
        // the gateway answered with a card this customer has already (the same card entered again)
        try (SqlSession s = db.session()) {
            PaymentMapper m = s.getMapper(PaymentMapper.class);
            return m.profile(companyId, m.profileByToken(companyId, customerListId, gateway.name(), t.token()));
        }
    }

    /** Customers at the company's gateway whose name or email matches, to link. */
    public List<GatewayCustomer> findAtGateway(long companyId, String query) {
        if (query == null || query.isBlank() || query.length() > 200) {
            throw new PaymentException("Type a name or an email address (at most 200 characters) to search for.");
        }
        return gateway(companyId).findCustomers(query.trim());
    }

    /**
     * Links the cards a customer already has at the company's gateway as this QuickBooks customer's payment profiles
     * (cards linked before are not added twice); returns the profiles added.
     */
    public List<PaymentProfile> link(long companyId, String customerListId, String gatewayCustomerId, String by) {
        return link(companyId, customerListId, gatewayCustomerId, null, by);
    }

    /**
     * Links one card a customer has at the gateway ({@code token}: its id there; null: the first card) and returns its
     * payment profile, linked now or before; throws PaymentException when the gateway's customer has no such card.
     */
    public PaymentProfile linkOne(long companyId, String customerListId, String gatewayCustomerId, String token,
                                  String by) {
        String wanted = token == null || token.isBlank() ? null : token.strip();
        link(companyId, customerListId, gatewayCustomerId, wanted, by);
        PaymentGateway gateway = gateway(companyId);
        try (SqlSession s = db.session()) {
            PaymentMapper m = s.getMapper(PaymentMapper.class);
            Long id = wanted != null ? m.profileByToken(companyId, customerListId, gateway.name(), wanted)
                    : m.profiles(companyId, customerListId).stream().filter(p -> gateway.name().equals(p.gateway()))
                    .map(PaymentProfile::id).findFirst().orElse(null);
            if (id == null) {
                throw new PaymentException(gateway.label() + " customer " + gatewayCustomerId + " has no card"
                        + (wanted == null ? "" : " " + wanted) + " to link.");
            }
            return m.profile(companyId, id);
        }
    }

    private List<PaymentProfile> link(long companyId, String customerListId, String gatewayCustomerId,
                                      String onlyToken, String by) {
        if (gatewayCustomerId == null || gatewayCustomerId.isBlank() || gatewayCustomerId.length() > 100) {
            throw new PaymentException("Choose the customer at the gateway to link.");
        }
        PaymentGateway gateway = gateway(companyId);
        try (SqlSession s = db.session()) {
            requireCustomer(s.getMapper(PaymentMapper.class), companyId, customerListId);
        }
        // asked first: a customer the gateway does not know is never kept as this customer's
        List<TokenizedCard> cards = gateway.savedCards(gatewayCustomerId);
        try (SqlSession s = db.session()) {
            s.getMapper(GatewayMapper.class).insertGatewayCustomer(companyId, customerListId, gateway.name(),
                    gateway.account(), gatewayCustomerId, clock.instant());
            s.commit();
        }
        List<PaymentProfile> added = new ArrayList<>();
        for (TokenizedCard t : cards) {
            if (onlyToken != null && !onlyToken.equals(t.token())) {
                continue;
            }
            PaymentProfile p = store(gateway, companyId, customerListId, gatewayCustomerId, t, null, by, false);
            if (p != null) {
                added.add(p);
            }
        }
        if (added.isEmpty()) {
            log.info("customer {} of company {}: no new card to link from {} {}", customerListId, companyId,
                    gateway.name(), gatewayCustomerId);
        }
        return added;
    }

    /**
     * The customer's profile at the gateway: the one made or linked before for this account of the gateway, else a
     * new one (two made at once for one customer: the first stored is kept).
     */
    private String customerProfile(PaymentGateway gateway, long companyId, String customerListId) {
        CustomerRef ref;
        try (SqlSession s = db.session()) {
            PaymentMapper m = s.getMapper(PaymentMapper.class);
            requireCustomer(m, companyId, customerListId);
            String known = s.getMapper(GatewayMapper.class).gatewayCustomer(companyId, customerListId, gateway.name(),
                    gateway.account());
            if (known == null && gateway.isSandbox()) {
                known = m.gatewayCustomerId(companyId, customerListId, gateway.name());
            }
            if (known != null) {
                return known;
            }
            ref = m.customerRef(companyId, customerListId);
        }
        String made = gateway.customerProfile(ref);
        try (SqlSession s = db.session()) {
            GatewayMapper g = s.getMapper(GatewayMapper.class);
            g.insertGatewayCustomer(companyId, customerListId, gateway.name(), gateway.account(), made, clock.instant());
            s.commit();
            return g.gatewayCustomer(companyId, customerListId, gateway.name(), gateway.account());
        }
    }

    /**
     * Keeps a saved card as a profile. A card already kept for this customer (same token) is not kept twice: null
     * when {@code mustBeNew} is false, else its profile.
     */
    private PaymentProfile store(PaymentGateway gateway, long companyId, String customerListId, String customerProfile,
                                 TokenizedCard t, String nameOnCard, String addedBy, boolean deleteIfGone) {
        try (SqlSession s = db.session()) {
            PaymentMapper m = s.getMapper(PaymentMapper.class);
            if (m.lockCustomer(companyId, customerListId) == null) {
                if (deleteIfGone) {
                    gateway.deletePaymentMethod(customerProfile, t.token());
                }
                throw new PaymentException("There is no customer with ListID " + customerListId + " in this company.");
            }
            Long existing = m.profileByToken(companyId, customerListId, gateway.name(), t.token());
            if (existing != null) {
                return deleteIfGone ? m.profile(companyId, existing) : null;
            }
            PaymentMapper.ProfileRow row = new PaymentMapper.ProfileRow();
            row.companyId = companyId;
            row.customerListId = customerListId;
            row.gateway = gateway.name();
            row.gatewayCustomerId = customerProfile;
            row.token = t.token();
            row.brand = t.brand();
            row.last4 = t.last4();
            row.expMonth = t.expMonth();
            row.expYear = t.expYear();
            row.fingerprint = t.fingerprint();
            row.nameOnCard = nameOnCard == null || nameOnCard.isBlank() ? null
                    : nameOnCard.strip().substring(0, Math.min(100, nameOnCard.strip().length()));
            row.isDefault = m.profiles(companyId, customerListId).isEmpty();
            row.autoEnabled = true;
            row.addedBy = addedBy;
            row.createdAt = clock.instant();
            m.insertProfile(row);
            s.commit();
            log.info("payment profile {} ({} ending {}) added at {} for customer {} of company {} by {}", row.id,
                    row.brand, row.last4, row.gateway, customerListId, companyId, addedBy);
            return m.profile(companyId, row.id);
        }
    }

    /** The customer's profiles, the default first. */
    public List<PaymentProfile> list(long companyId, String customerListId) {
        try (SqlSession s = db.session()) {
            return s.getMapper(PaymentMapper.class).profiles(companyId, customerListId);
        }
    }

    public Optional<PaymentProfile> find(long companyId, long profileId) {
        try (SqlSession s = db.session()) {
            return Optional.ofNullable(s.getMapper(PaymentMapper.class).profile(companyId, profileId));
        }
    }

    /** Makes this profile the customer's default (the one auto processing uses first). */
    public void setDefault(long companyId, String customerListId, long profileId, String by) {
        try (SqlSession s = db.session()) {
            PaymentMapper m = s.getMapper(PaymentMapper.class);
            m.lockCustomer(companyId, customerListId);
            own(m, companyId, customerListId, profileId);
            m.clearDefault(companyId, customerListId);
            m.setDefault(companyId, profileId);
            s.commit();
            log.info("payment profile {} made default for customer {} by {}", profileId, customerListId, by);
        }
    }

    /** Allows or stops auto processing (and installments) from charging this profile. */
    public void setAutoEnabled(long companyId, String customerListId, long profileId, boolean on, String by) {
        try (SqlSession s = db.session()) {
            PaymentMapper m = s.getMapper(PaymentMapper.class);
            own(m, companyId, customerListId, profileId);
            m.setAutoEnabled(companyId, profileId, on);
            s.commit();
            log.info("payment profile {} auto processing {} by {}", profileId, on ? "enabled" : "disabled", by);
        }
    }

    /**
     * Deletes the card at the gateway and removes the profile (its past transactions keep pointing to it). When it was
     * the default, the oldest remaining profile becomes the default.
     */
    public void remove(long companyId, String customerListId, long profileId, String by) {
        PaymentMapper.ProfileRow row;
        try (SqlSession s = db.session()) {
            row = own(s.getMapper(PaymentMapper.class), companyId, customerListId, profileId);
        }
        gateways.forCompany(companyId, row.gateway).deletePaymentMethod(row.gatewayCustomerId, row.token);
        try (SqlSession s = db.session()) {
            PaymentMapper m = s.getMapper(PaymentMapper.class);
            m.lockCustomer(companyId, customerListId);
            m.removeProfile(companyId, profileId, clock.instant(), by);
            List<PaymentProfile> left = m.profiles(companyId, customerListId);
            if (!left.isEmpty() && left.stream().noneMatch(PaymentProfile::isDefault)) {
                m.setDefault(companyId, left.stream().mapToLong(PaymentProfile::id).min().orElseThrow());
            }
            s.commit();
            log.info("payment profile {} removed for customer {} by {}", profileId, customerListId, by);
        }
    }

    private static void requireCustomer(PaymentMapper m, long companyId, String listId) {
        if (listId == null || listId.isBlank() || listId.length() > 36 || m.customerExists(companyId, listId) == 0) {
            throw new PaymentException("There is no customer with ListID " + listId + " in this company.");
        }
    }

    private static PaymentMapper.ProfileRow own(PaymentMapper m, long companyId, String listId, long profileId) {
        PaymentMapper.ProfileRow row = m.profileRow(companyId, profileId);
        if (row == null || row.removedAt != null || !row.customerListId.equals(listId)) {
            throw new PaymentException("This customer has no payment profile #" + profileId + ".");
        }
        return row;
    }
}
