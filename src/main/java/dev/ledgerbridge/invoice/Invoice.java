package dev.ledgerbridge.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** One invoice as QuickBooks returned it in an InvoiceRet, with its lines in document order. */
public record Invoice(
        String txnId,
        OffsetDateTime timeCreated,
        OffsetDateTime timeModified,
        String editSequence,
        String txnNumber,
        String customerListId,
        String customerFullName,
        LocalDate txnDate,
        String refNumber,
        String poNumber,
        String terms,
        LocalDate dueDate,
        BigDecimal subtotal,
        BigDecimal salesTaxPercentage,
        BigDecimal salesTaxTotal,
        BigDecimal appliedAmount,
        BigDecimal balanceRemaining,
        boolean paid,
        boolean pending,
        String memo,
        List<InvoiceLine> lines,
        List<LinkedTxn> linkedTxns) {
}
