package dev.ledgerbridge.action;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A card refund made here, to be recorded in QuickBooks on the next Web Connector cycles as a credit memo of the
 * refunded amount (one line of {@code itemName}) and a credit card refund (ARRefundCreditCard) paid out of that
 * credit from {@code refundFromAccount}. Both requests carry the idempotency key in their memo, so each is found in
 * QuickBooks, when its answer was lost, before it is sent again.
 */
public record RefundPost(long companyId, long refundId, long refundOf, String customerListId, BigDecimal amount,
                         LocalDate txnDate, String itemName, String refundFromAccount, String paymentMethodName,
                         String description, String idempotencyKey, String requestedBy) {

    public RefundPost {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("a refund post needs a positive amount");
        }
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 36) {
            throw new IllegalArgumentException("a refund post needs an idempotency key of 1 to 36 characters");
        }
    }
}
