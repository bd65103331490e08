package dev.ledgerbridge.testkit;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An invoice of the fake company as it is now. {@code appliedAmount} is zero or negative;
 * {@code balanceRemaining = subtotal + salesTaxTotal + appliedAmount}.
 */
public record QbInvoice(
        String txnId,
        Instant timeCreated,
        Instant timeModified,
        String editSequence,
        int txnNumber,
        String customerListId,
        String customerFullName,
        LocalDate txnDate,
        String refNumber,
        QbAddress billAddress,
        String poNumber,
        String terms,
        LocalDate dueDate,
        BigDecimal subtotal,
        BigDecimal salesTaxPercentage,
        BigDecimal salesTaxTotal,
        BigDecimal appliedAmount,
        BigDecimal balanceRemaining,
        String memo,
        boolean paid,
        List<QbLinkedTxn> linkedTxns,
        List<QbLine> lines) {

    public QbInvoice {
        linkedTxns = List.copyOf(linkedTxns);
        lines = List.copyOf(lines);
    }

    /** Subtotal plus sales tax: what the customer was billed. */
    public BigDecimal total() {
        return subtotal.add(salesTaxTotal);
    }
}
