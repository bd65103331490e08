/**
 * The action queue. In: requests from staff (bulk actions on customers, a changed primary email to write back to
 * QuickBooks), each with an idempotency key. Out: rows in action_request / email_writeback in state queued, for the
 * worker and the sync to carry out exactly once.
 */
package dev.ledgerbridge.action;
