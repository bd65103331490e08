package dev.ledgerbridge.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of an invoice. {@code position} is the 0-based document order across the whole invoice
 * (a group and then its nested lines each take a position). A group line ({@code group} true) carries
 * the group's TotalAmount in {@code amount}; its nested lines name it in {@code groupTxnLineId}, so a
 * sum over lines must take either the groups or their children, never both.
 */
public record InvoiceLine(
        int position,
        String txnLineId,
        boolean group,
        String groupTxnLineId,
        String itemListId,
        String itemFullName,
        String description,
        BigDecimal quantity,
        BigDecimal rate,
        BigDecimal ratePercent,
        BigDecimal amount,
        LocalDate serviceDate,
        String salesTaxCode) {
}
