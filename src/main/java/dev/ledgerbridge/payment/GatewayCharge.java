package dev.ledgerbridge.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A charge of a saved card as the gateway is asked for it. {@code key} is derived from the attempt's idempotency key
 * and is the same every time the attempt is sent or looked up; {@code offSession} when nobody is there to confirm the
 * card (auto processing, installments); {@code metadata} names the company, customer, invoices and the key, so the
 * charge can be found at the gateway; {@code createdAt} is when the attempt was first made; {@code invoiceNumbers}
 * are the QuickBooks invoice numbers it pays, as they read now (for a gateway that shows them with the charge; they
 * may differ between tries, so a gateway that compares repeated calls must not send them).
 */
public record GatewayCharge(String key, String customerProfileId, String token, BigDecimal amount, String currency,
                            boolean offSession, String description, Map<String, String> metadata, Instant createdAt,
                            List<String> invoiceNumbers) {
    public GatewayCharge {
        metadata = Map.copyOf(metadata);
        invoiceNumbers = invoiceNumbers == null ? List.of() : List.copyOf(invoiceNumbers);
    }
}
