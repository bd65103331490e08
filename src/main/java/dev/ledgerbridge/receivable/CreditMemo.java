package dev.ledgerbridge.receivable;

import dev.ledgerbridge.invoice.InvoiceLine;
import dev.ledgerbridge.invoice.LinkedTxn;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A credit memo in QuickBooks (CreditMemoRet): its lines (in document order, as an invoice's) and the transactions
 * it was applied to; {@code creditRemaining} is what is left to apply.
 */
public record CreditMemo(
        String txnId,
        OffsetDateTime timeCreated,
        OffsetDateTime timeModified,
        String editSequence,
        String txnNumber,
        String customerListId,
        String customerFullName,
        LocalDate txnDate,
        String refNumber,
        boolean pending,
        BigDecimal subtotal,
        BigDecimal salesTaxTotal,
        BigDecimal totalAmount,
        BigDecimal creditRemaining,
        String memo,
        List<InvoiceLine> lines,
        List<LinkedTxn> linkedTxns) {

    public CreditMemo {
        lines = lines == null ? List.of() : List.copyOf(lines);
        linkedTxns = linkedTxns == null ? List.of() : List.copyOf(linkedTxns);
    }
}
