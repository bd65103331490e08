package dev.ledgerbridge.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A transaction linked to an invoice in QuickBooks (a received payment, a credit memo applied ...). */
public record LinkedTxn(String txnId, String txnType, LocalDate txnDate, String refNumber, String linkType,
                        BigDecimal amount) {
}
