package dev.ledgerbridge.qbxml;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One {@code ARRefundCreditCardRet}: a credit card refund to a customer, as far as finding it again goes. */
public record CardRefund(String txnId, String customerListId, LocalDate txnDate, BigDecimal totalAmount, String memo) {
}
