package dev.ledgerbridge.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An invoice header as stored here. In a multicurrency file {@code currency} is its ISO code, {@code exchangeRate} the
 * home currency per unit of it; all three currency fields are null in a file without multicurrency.
 */
public record InvoiceRow(String txnId, String refNumber, String txnNumber, String customerListId,
                         String customerFullName, LocalDate txnDate, LocalDate dueDate, String terms, String poNumber,
                         BigDecimal subtotal, BigDecimal salesTaxPercentage, BigDecimal salesTaxTotal,
                         BigDecimal appliedAmount, BigDecimal balanceRemaining, boolean isPaid, boolean isPending,
                         String memo, boolean isDeleted, String editSequence, Instant timeCreated,
                         Instant timeModified, String currency, BigDecimal exchangeRate,
                         BigDecimal balanceRemainingInHomeCurrency) {
}
