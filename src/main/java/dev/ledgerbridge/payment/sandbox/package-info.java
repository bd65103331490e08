/**
 * The built-in sandbox gateway, for evaluation and tests: no real money moves. In: typed test card numbers (answers
 * by number, see README), charges and refunds under keys. Out: tokens and answers kept in its own tables (sandbox_*),
 * so a saved card still charges after a restart. Labelled "Sandbox - no real money" on every page that shows it.
 */
package dev.ledgerbridge.payment.sandbox;
