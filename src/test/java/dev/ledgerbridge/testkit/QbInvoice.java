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

    static QbInvoice of(dev.ledgerbridge.simulate.QbInvoice i) {
        return new QbInvoice(i.txnId(), i.timeCreated(), i.timeModified(), i.editSequence(), i.txnNumber(),
                i.customerListId(), i.customerFullName(), i.txnDate(), i.refNumber(), QbAddress.of(i.billAddress()),
                i.poNumber(), i.terms(), i.dueDate(), i.subtotal(), i.salesTaxPercentage(), i.salesTaxTotal(),
                i.appliedAmount(), i.balanceRemaining(), i.memo(), i.paid(),
                i.linkedTxns().stream().map(QbLinkedTxn::of).toList(), i.lines().stream().map(QbLine::of).toList());
    }
}
