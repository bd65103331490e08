package dev.ledgerbridge.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An invoice line as stored here, in document order by {@code position}. */
public record InvoiceLineRow(String txnId, int position, String txnLineId, boolean isGroup, String groupTxnLineId,
                             String itemListId, String itemFullName, String description, BigDecimal quantity,
                             BigDecimal rate, BigDecimal ratePercent, BigDecimal amount, LocalDate serviceDate,
                             String salesTaxCode) {
}
