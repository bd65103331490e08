package dev.ledgerbridge.payment;

import java.time.Instant;

/**
 * A company's payment settings: its gateway, where the gateway's credentials are read from ({@code env:VARIABLE},
 * never the credentials themselves), the currency, and the QuickBooks payment method and deposit account its
 * payments are posted with (no deposit account: QuickBooks' Undeposited Funds).
 */
public record PaymentSettings(long companyId, String gateway, String credentialsRef, String currency,
                              String paymentMethodName, String depositAccountName, Instant updatedAt,
                              String updatedBy) {

    public static PaymentSettings defaults(long companyId) {
        return new PaymentSettings(companyId, SandboxGateway.NAME, null, "USD", "Credit Card", null, null, null);
    }
}
