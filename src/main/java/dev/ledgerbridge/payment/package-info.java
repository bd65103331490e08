/**
 * Payments. In: cards typed by staff (or sent through the API), handed to the company's {@link
 * dev.ledgerbridge.payment.PaymentGateway} (the built-in {@link dev.ledgerbridge.payment.SandboxGateway} for now) and
 * kept only as the gateway's token with brand, last four digits and expiry ({@link
 * dev.ledgerbridge.payment.PaymentProfiles}); requests to charge invoices, take deposits and refund ({@link
 * dev.ledgerbridge.payment.Payments}), each recorded in payment_txn under an idempotency key unique per company.
 * Out: results (Approved, Declined, Skipped, Error), a post-payment action queued for every approval in the same
 * transaction (action/), effective open balances of invoices, and per-customer summaries and transactions for the
 * pages and the API ({@link dev.ledgerbridge.payment.PaymentLedger}). Card numbers never reach the database or a log.
 * Card-information requests ({@link dev.ledgerbridge.payment.CardRequests}): a one-time link emailed through mail/
 * (only its token's SHA-256 stored) whose card becomes a profile; receipts of staff payments
 * ({@link dev.ledgerbridge.payment.Receipts}).
 */
package dev.ledgerbridge.payment;
