/**
 * The sync planner. In: a company's run (one per Web Connector session) and each qbXML response. Out: the next
 * qbXML request, progress percentages, records handed to the record packages, watermarks and the sync history,
 * all persisted in sync_run / sync_step / sync_watermark — no state in memory.
 */
package dev.ledgerbridge.sync;
