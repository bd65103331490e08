/**
 * Payments received and credit memos as QuickBooks holds them, whoever entered them. In: records read by the sync
 * (ReceivePaymentRet, CreditMemoRet) and their deletions. Out: the rows the customer pages and the JSON API show, and
 * for the sync, which invoices and customers a change or deletion of one moved. Also the credit of credit memos held
 * by applications queued here (credit_hold), so open credit is never applied twice before QuickBooks confirms it.
 */
package dev.ledgerbridge.receivable;
