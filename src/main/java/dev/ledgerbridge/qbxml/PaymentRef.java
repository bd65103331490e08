package dev.ledgerbridge.qbxml;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * The parts of a ReceivePaymentRet the sync needs: which customer's balance a received payment changed, and, for
 * finding a payment Ledgerbridge posted, its reference number, amount and memo (null when not asked for).
 */
public record PaymentRef(String txnId, OffsetDateTime timeModified, String customerListId, String refNumber,
                         BigDecimal totalAmount, String memo) {

    public PaymentRef(String txnId, OffsetDateTime timeModified, String customerListId) {
        this(txnId, timeModified, customerListId, null, null, null);
    }
}
