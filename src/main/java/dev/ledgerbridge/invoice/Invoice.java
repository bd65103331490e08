package dev.ledgerbridge.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One invoice as QuickBooks returned it in an InvoiceRet, with its lines in document order. In a multicurrency file
 * {@code currencyName} is its CurrencyRef's FullName and {@code exchangeRate} the home currency per unit of it.
 */
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
        List<LinkedTxn> linkedTxns,
        String currencyName,
        BigDecimal exchangeRate,
        BigDecimal balanceRemainingInHomeCurrency) {

    /** An invoice of a file without multicurrency: no CurrencyRef, ExchangeRate nor home-currency balance. */
    public Invoice(String txnId, OffsetDateTime timeCreated, OffsetDateTime timeModified, String editSequence,
                   String txnNumber, String customerListId, String customerFullName, LocalDate txnDate,
                   String refNumber, String poNumber, String terms, LocalDate dueDate, BigDecimal subtotal,
                   BigDecimal salesTaxPercentage, BigDecimal salesTaxTotal, BigDecimal appliedAmount,
                   BigDecimal balanceRemaining, boolean paid, boolean pending, String memo, List<InvoiceLine> lines,
                   List<LinkedTxn> linkedTxns) {
        this(txnId, timeCreated, timeModified, editSequence, txnNumber, customerListId, customerFullName, txnDate,
                refNumber, poNumber, terms, dueDate, subtotal, salesTaxPercentage, salesTaxTotal, appliedAmount,
                balanceRemaining, paid, pending, memo, lines, linkedTxns, null, null, null);
    }
}
