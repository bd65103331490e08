package dev.ledgerbridge.simulate;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A LinkedTxn of an invoice; for a payment the amount is negative, as QuickBooks reports it. */
public record QbLinkedTxn(String txnId, String txnType, LocalDate txnDate, String refNumber, String linkType,
                          BigDecimal amount) {
}
