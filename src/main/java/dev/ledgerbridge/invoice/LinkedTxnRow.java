package dev.ledgerbridge.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A payment or credit linked to an invoice, as stored here. */
public record LinkedTxnRow(String txnId, int position, String linkedTxnId, String txnType, LocalDate txnDate,
                           String refNumber, String linkType, BigDecimal amount) {
}
