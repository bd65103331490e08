/**
 * Payments. In: cards saved at the company's gateway (from a provider's hosted fields, by linking cards already
 * there, or typed test cards for the sandbox), requests to charge invoices, take deposits and refund, and verified
 * webhook events. The gateway is an adapter behind {@link dev.ledgerbridge.payment.PaymentGateway}, one package per
 * provider (payment/sandbox/, payment/stripe/), given to {@link dev.ledgerbridge.payment.PaymentGateways} as {@link
 * dev.ledgerbridge.payment.GatewayProvider}s when the server is wired; nothing here names a provider. Each company's
 * credentials are stored sealed (auth/SecretBox) or read from the default account's LEDGERBRIDGE_GATEWAY_* variables.
 * Cards are kept only as the gateway's token with brand, last four digits, expiry and fingerprint ({@link
 * dev.ledgerbridge.payment.PaymentProfiles}); every attempt ({@link dev.ledgerbridge.payment.Payments}) is recorded in
 * payment_txn under an idempotency key unique per company, and one whose answer was lost is looked up at the gateway
 * before anything is sent again. Out: results (Approved, Declined, Held, Skipped, Error), a post-payment action
 * queued for every approved charge or deposit and a post-refund action for every approved refund, in the same
 * transaction (action/); open credits applied to an invoice before it is charged ({@link
 * dev.ledgerbridge.payment.Credits}: an apply-credit action and the credit held in receivable/ until QuickBooks shows
 * it); effective open balances of invoices, per-customer
 * summaries and transactions (with refunds and disputes the gateway reported, {@link
 * dev.ledgerbridge.payment.PaymentEvents}) for the pages and the API ({@link dev.ledgerbridge.payment.PaymentLedger}).
 * Card numbers never reach the database or a log. Card-information requests ({@link
 * dev.ledgerbridge.payment.CardRequests}): a one-time link emailed through mail/ (only its token's SHA-256 stored)
 * whose card becomes a profile; receipts of every approved payment ({@link dev.ledgerbridge.payment.Receipts}).
 */
package dev.ledgerbridge.payment;
