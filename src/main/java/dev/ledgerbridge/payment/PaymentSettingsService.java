package dev.ledgerbridge.payment;

import dev.ledgerbridge.company.CompanyMapper;
import dev.ledgerbridge.db.Database;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;

/**
 * Reads and saves a company's payment settings and its credentials at the gateway; a company never configured gets
 * the first gateway (the sandbox) in USD.
 */
public final class PaymentSettingsService {
    private final Database db;
    private final PaymentGateways gateways;
    private final Clock clock;

    public PaymentSettingsService(Database db, PaymentGateways gateways, Clock clock) {
        this.db = db;
        this.gateways = gateways;
        this.clock = clock;
    }

    public PaymentSettings get(long companyId) {
        return db.transaction(s -> {
            return get(s, companyId);
        });
    }

    PaymentSettings get(SqlSession s, long companyId) {
        PaymentSettings p = s.getMapper(PaymentMapper.class).settings(companyId);
        return p == null ? PaymentSettings.defaults(companyId, gateways.names().get(0)) : p;
    }

    /** The company's home currency and whether its customers are in several currencies; see {@link CompanyCurrencies}. */
    public CompanyCurrencies currencies(long companyId) {
        try (SqlSession s = db.session()) {
            return currencies(s, companyId);
        }
    }

    public CompanyCurrencies currencies(SqlSession s, long companyId) {
        CompanyMapper m = s.getMapper(CompanyMapper.class);
        boolean multi = m.multicurrency(companyId);
        String home = multi ? m.homeCurrencyCode(companyId) : null;
        if (home == null) {
            home = get(s, companyId).currency();
        }
        String h = home;
        long distinct = multi ? m.customerCurrencies(companyId).stream().map(c -> c == null ? h : c).distinct().count()
                : 1;
        return new CompanyCurrencies(home, multi, distinct > 1);
    }

    /**
     * The currencies a company's account at a gateway charges in: what the gateway says, or when it cannot tell, the
     * currency of the payment settings. Throws PaymentException when the gateway cannot be asked.
     */
    public GatewayCurrencies gatewayCurrencies(long companyId, String gateway) {
        return gateways.forCompany(companyId, gateway).currencies()
                .orElseGet(() -> GatewayCurrencies.of(get(companyId).currency()));
    }

    /** Validates and saves; throws PaymentException saying what to change. */
    public PaymentSettings save(long companyId, String gateway, String credentialsRef, String currency,
                                String paymentMethodName, String depositAccountName, String by) {
        return save(companyId, gateway, credentialsRef, currency, paymentMethodName, depositAccountName, Map.of(), by);
    }

    /**
     * Validates and saves the settings with the company's credentials at the chosen gateway ({@code credentials}: the
     * fields typed now; an absent or blank one keeps what was saved, so a secret is entered once). Throws
     * PaymentException saying what to change; nothing is saved then.
     */
    public PaymentSettings save(long companyId, String gateway, String credentialsRef, String currency,
                                String paymentMethodName, String depositAccountName, Map<String, String> credentials,
                                String by) {
        gateway = gateway == null ? "" : gateway.trim();
        if (!gateways.names().contains(gateway)) {
            throw new PaymentException("The gateway must be one of: " + String.join(", ", gateways.names()) + ".");
        }
        credentialsRef = blankToNull(credentialsRef);
        if (credentialsRef != null && !PaymentGateways.CREDENTIALS_REF.matcher(credentialsRef).matches()) {
            throw new PaymentException("Give where to read the gateway's secret key as env:VARIABLE, an environment"
                    + " variable of the server whose name starts with LEDGERBRIDGE_GATEWAY_ (no other variable can be"
                    + " used), e.g. env:LEDGERBRIDGE_GATEWAY_KEY; or leave it empty and enter the keys below.");
        }
        currency = currency == null ? "" : currency.trim().toUpperCase(Locale.ROOT);
        if (!currency.matches("[A-Z]{3}")) {
            throw new PaymentException("The currency must be a three-letter ISO code, e.g. USD.");
        }
        paymentMethodName = blankToNull(paymentMethodName);
        if (paymentMethodName == null || paymentMethodName.length() > 31) {
            throw new PaymentException("The QuickBooks payment method is required, at most 31 characters"
                    + " (e.g. Credit Card).");
        }
        depositAccountName = blankToNull(depositAccountName);
        if (depositAccountName != null && depositAccountName.length() > 159) {
            throw new PaymentException("The QuickBooks deposit account can be at most 159 characters.");
        }
        PaymentSettings p = new PaymentSettings(companyId, gateway, credentialsRef, currency, paymentMethodName,
                depositAccountName, clock.instant(), by);
        String ref = credentialsRef;
        db.inTransaction(s -> {
            gateways.save(s, companyId, p.gateway(), ref, credentials, by);
            s.getMapper(PaymentMapper.class).upsertSettings(p);
            s.commit();
        });
        return get(companyId);
    }

    /** The company's choices about credits and refunds (defaults when it never saved them). */
    public CreditSettings credits(long companyId) {
        try (SqlSession s = db.session()) {
            return credits(s, companyId);
        }
    }

    CreditSettings credits(SqlSession s, long companyId) {
        CreditSettings c = s.getMapper(PaymentMapper.class).creditSettings(companyId);
        return c == null ? CreditSettings.defaults(companyId) : c;
    }

    /**
     * Saves the company's choices about credits and refunds ({@code refundItemName} blank: the default item); throws
     * PaymentException saying what to change.
     */
    public CreditSettings saveCredits(long companyId, boolean applyCreditsFirst, String refundItemName, String by) {
        refundItemName = CreditSettings.itemName(refundItemName);
        try (SqlSession s = db.session()) {
            s.getMapper(PaymentMapper.class).upsertCreditSettings(new CreditSettings(companyId, applyCreditsFirst,
                    refundItemName, clock.instant(), by));
            s.commit();
        }
        return credits(companyId);
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }
}
