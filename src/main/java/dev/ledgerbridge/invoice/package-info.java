/**
 * Invoices. In: {@link dev.ledgerbridge.invoice.Invoice} records parsed from InvoiceRet (with lines and linked
 * payments), one batch per qbXML response, and deletions. Out: the invoice, invoice_line and
 * invoice_linked_txn rows, and pages of invoices with their lines.
 */
package dev.ledgerbridge.invoice;
