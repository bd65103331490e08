/**
 * The action queue and the audit log. In: requests from staff (bulk actions on customers, a changed primary email)
 * and from payments (an approved payment or refund to record, open credits to apply), each with an idempotency
 * key; answers of QuickBooks handed in by the sync. Out: rows in action_request (queued -> sent -> done | failed | cancelled), their attempts with the qbXML
 * sent and received (masked), per-customer results of bulk actions, and audit_log entries. {@link
 * dev.ledgerbridge.action.ActionQueue} takes the requests, reads them back and does what staff ask in the queue
 * browser; local bulk actions are carried out at once, by its package-private BulkRunner; what must happen in
 * QuickBooks is taken by the sync on the next Web Connector run, through {@link dev.ledgerbridge.action.QuickBooksWork}.
 */
package dev.ledgerbridge.action;
