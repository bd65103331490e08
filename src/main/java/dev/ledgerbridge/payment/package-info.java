/**
 * Payments. In: (with the payments work) card transactions and their results. Out: per-customer summaries and
 * transaction lists for the pages and the API, through {@link dev.ledgerbridge.payment.PaymentLedger}.
 */
package dev.ledgerbridge.payment;
