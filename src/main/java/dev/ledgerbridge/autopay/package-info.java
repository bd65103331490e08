/**
 * Installment plans and auto processing. In: a company's rules (its switch, delay days, hour of day, retry rule),
 * customers' auto processing switches, open invoices as the sync stored them, installment plans staff made, and the
 * clock. Out: where the company chose so, open credits applied to a due invoice first (through the payments core),
 * then charges through the payments core ({@link dev.ledgerbridge.autopay.PaymentsPort}), each made once
 * under a deterministic idempotency key and claimed first by a unique row in auto_charge, so two schedulers or a
 * restart never charge twice; and, for the pages, which invoices will be charged when (or why not).
 */
package dev.ledgerbridge.autopay;
