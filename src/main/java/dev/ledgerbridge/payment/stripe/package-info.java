/**
 * Stripe, through its official SDK (com.stripe:stripe-java) and nothing else: the only package that names it. In: a
 * company's keys, customers to make, the ids Stripe.js returns, charges and refunds under attempt keys, webhook
 * requests. Out: Stripe Customers with the QuickBooks ListID in their metadata, SetupIntents for the card pages,
 * PaymentIntents confirmed at once (off session when unattended) and Refunds, each under an Idempotency-Key; answers
 * mapped to Approved, Declined (code and a sentence), Held or Error; lookups that list the customer's PaymentIntents
 * by the attempt's key in their metadata; verified events. The page script for Stripe.js is fields.js beside it.
 */
package dev.ledgerbridge.payment.stripe;
