package dev.ledgerbridge.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * Money returned from an approved charge: {@code chargeReference} is the gateway's reference of the charge, {@code
 * chargedAmount} what it took (the adapter may void a charge not settled yet when the whole of it is returned).
 */
public record GatewayRefund(String key, String chargeReference, String customerProfileId, BigDecimal amount,
                            BigDecimal chargedAmount, String currency, Map<String, String> metadata,
                            Instant createdAt) {
    public GatewayRefund {
        metadata = Map.copyOf(metadata);
    }
}
