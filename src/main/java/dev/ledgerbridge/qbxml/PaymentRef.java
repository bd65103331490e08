package dev.ledgerbridge.qbxml;

import java.time.OffsetDateTime;

/** The parts of a ReceivePaymentRet the sync needs: which customer's balance a received payment changed. */
public record PaymentRef(String txnId, OffsetDateTime timeModified, String customerListId) {
}
