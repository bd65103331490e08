package dev.ledgerbridge.payment;

import dev.ledgerbridge.db.Database;
import java.time.Clock;
import java.util.Locale;
import org.apache.ibatis.session.SqlSession;

/** Reads and saves a company's payment settings; a company never configured gets the sandbox in USD. */
public final class PaymentSettingsService {
    private final Database db;
    private final Clock clock;

    public PaymentSettingsService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public PaymentSettings get(long companyId) {
        try (SqlSession s = db.session()) {
            return get(s, companyId);
        }
    }

    PaymentSettings get(SqlSession s, long companyId) {
        PaymentSettings p = s.getMapper(PaymentMapper.class).settings(companyId);
        return p == null ? PaymentSettings.defaults(companyId) : p;
    }

    /** Validates and saves; throws PaymentException saying what to change. */
    public PaymentSettings save(long companyId, String gateway, String credentialsRef, String currency,
                                String paymentMethodName, String depositAccountName, String by) {
        gateway = gateway == null ? "" : gateway.trim();
        if (!PaymentGateways.NAMES.contains(gateway)) {
            throw new PaymentException("The gateway must be one of: " + String.join(", ", PaymentGateways.NAMES) + ".");
        }
        credentialsRef = blankToNull(credentialsRef);
        if (credentialsRef != null && !PaymentGateways.CREDENTIALS_REF.matcher(credentialsRef).matches()) {
            throw new PaymentException("Credentials are not stored here: give where to read them as env:VARIABLE,"
                    + " an environment variable of the server whose name starts with LEDGERBRIDGE_GATEWAY_ (no"
                    + " other variable can be used), e.g. env:LEDGERBRIDGE_GATEWAY_KEY.");
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
        try (SqlSession s = db.session()) {
            s.getMapper(PaymentMapper.class).upsertSettings(p);
            s.commit();
        }
        return get(companyId);
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }
}
