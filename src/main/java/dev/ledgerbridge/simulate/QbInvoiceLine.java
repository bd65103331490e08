package dev.ledgerbridge.simulate;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An InvoiceLineRet. A description-only line has no item, quantity, rate or amount (all null).
 */
public record QbInvoiceLine(
        String txnLineId,
        String item,
        String desc,
        BigDecimal quantity,
        BigDecimal rate,
        BigDecimal amount,
        boolean taxable,
        LocalDate serviceDate) implements QbLine {
}
