package dev.ledgerbridge.payment;

import java.math.BigDecimal;

/** An amount to pay on one invoice (by its QuickBooks TxnID). */
public record InvoiceAmount(String txnId, BigDecimal amount) {
}
