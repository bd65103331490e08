/**
 * The sync planner. In: a company's run (one per Web Connector session) and each qbXML response. Out: the next
 * qbXML request, progress percentages, records handed to the record packages, watermarks and the sync history,
 * all persisted in sync_run / sync_step / sync_watermark — no state in memory. A run of a file with multicurrency on
 * first reads its currency list, so each record is stored with its ISO currency code. The last step of every run takes
 * the action queue's QuickBooks work (payment posts, email write-backs, customers to read again) and hands each
 * answer back to the queue; a write whose answer never came is checked in QuickBooks before it is sent again.
 */
package dev.ledgerbridge.sync;
