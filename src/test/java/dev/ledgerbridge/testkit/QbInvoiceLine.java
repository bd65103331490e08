package dev.ledgerbridge.testkit;

import java.math.BigDecimal;

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
        boolean taxable) implements QbLine {

    static QbInvoiceLine of(dev.ledgerbridge.simulate.QbInvoiceLine l) {
        return new QbInvoiceLine(l.txnLineId(), l.item(), l.desc(), l.quantity(), l.rate(), l.amount(), l.taxable());
    }
}
