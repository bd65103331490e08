package dev.ledgerbridge.simulate;

/** One entry of an invoice's line list: an InvoiceLineRet or an InvoiceLineGroupRet, in document order. */
public sealed interface QbLine permits QbInvoiceLine, QbInvoiceLineGroup {

    String txnLineId();
}
