package dev.ledgerbridge.payment;

import java.time.Instant;

/**
 * A company's payment settings: its gateway, where the gateway's main secret may be read from ({@code env:VARIABLE};
 * credentials typed by an admin are kept sealed apart, see {@link PaymentGateways}), the currency, and the QuickBooks payment method and deposit account its
 * payments are posted with (no deposit account: QuickBooks' Undeposited Funds).
 */
public record PaymentSettings(long companyId, String gateway, String credentialsRef, String currency,
                              String paymentMethodName, String depositAccountName, Instant updatedAt,
                              String updatedBy) {

    /** What a company never configured uses: the first gateway the server has (the sandbox), in USD. */
    public static PaymentSettings defaults(long companyId, String gateway) {
        return new PaymentSettings(companyId, gateway, null, "USD", "Credit Card", null, null, null);
    }
}
