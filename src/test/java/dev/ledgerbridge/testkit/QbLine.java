package dev.ledgerbridge.testkit;

/** One entry of an invoice's line list: an InvoiceLineRet or an InvoiceLineGroupRet, in document order. */
public sealed interface QbLine permits QbInvoiceLine, QbInvoiceLineGroup {

    String txnLineId();

    static QbLine of(dev.ledgerbridge.simulate.QbLine line) {
        if (line instanceof dev.ledgerbridge.simulate.QbInvoiceLineGroup g) {
            return new QbInvoiceLineGroup(g.txnLineId(), g.itemGroup(), g.desc(), g.quantity(), g.printItemsInGroup(),
                    g.totalAmount(), g.lines().stream().map(QbInvoiceLine::of).toList());
        }
        return QbInvoiceLine.of((dev.ledgerbridge.simulate.QbInvoiceLine) line);
    }
}
