package dev.ledgerbridge.payment;

import java.time.Instant;

/**
 * A card saved at the gateway for a customer, as Ledgerbridge knows it: no number, only what may be shown, and the
 * gateway's fingerprint of the number (null where it gives none).
 */
public record PaymentProfile(long id, long companyId, String customerListId, String gateway, String brand, String last4,
                             int expMonth, int expYear, String fingerprint, String nameOnCard, boolean isDefault, boolean autoEnabled,
                             String addedBy, Instant createdAt) {

    /** e.g. "Visa ending 1111, expires 12/2030". */
    public String label() {
        return brand + " ending " + last4 + ", expires " + String.format("%02d/%d", expMonth, expYear);
    }
}
