package dev.ledgerbridge.payment;

import dev.ledgerbridge.db.Database;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A customer's payment profiles: cards saved at the company's gateway. Adding one tokenizes the card at the gateway
 * and keeps only token, brand, last four digits, expiry and name; the first becomes the default; removing one
 * deletes it at the gateway too.
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

    /** Saves a card for the customer; throws PaymentException when the card is invalid or refused. */
    public PaymentProfile add(long companyId, String customerListId, CardDetails card, String addedBy) {
        card.validate(clock);
        PaymentSettings ps = settings.get(companyId);
        PaymentGateway gateway = gateways.forSettings(ps);
        String customerProfile;
        try (SqlSession s = db.session()) {
            PaymentMapper m = s.getMapper(PaymentMapper.class);
            requireCustomer(m, companyId, customerListId);
            customerProfile = m.gatewayCustomerId(companyId, customerListId, gateway.name());
        }
        if (customerProfile == null) {
            customerProfile = gateway.customerProfile("ledgerbridge:" + companyId + ":" + customerListId);
        }
        TokenizedCard t = gateway.tokenize(customerProfile, card);
        try (SqlSession s = db.session()) {
            PaymentMapper m = s.getMapper(PaymentMapper.class);
            if (m.lockCustomer(companyId, customerListId) == null) {
                gateway.deletePaymentMethod(customerProfile, t.token());
                throw new PaymentException("There is no customer with ListID " + customerListId + " in this company.");
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
            row.nameOnCard = card.nameOnCard();
            row.isDefault = m.profiles(companyId, customerListId).isEmpty();
            row.autoEnabled = true;
            row.addedBy = addedBy;
            row.createdAt = clock.instant();
            m.insertProfile(row);
            s.commit();
            log.info("payment profile {} ({} ending {}) added for customer {} of company {} by {}", row.id, row.brand,
                    row.last4, customerListId, companyId, addedBy);
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
        gateways.forSettings(new PaymentSettings(companyId, row.gateway, null, "USD", "-", null, null, null))
                .deletePaymentMethod(row.gatewayCustomerId, row.token);
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
