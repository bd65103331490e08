/**
 * Counters and timers of the process, exposed in Prometheus' format at /metrics. In: counts handed over by the
 * Web Connector endpoint and the sync planner (one increment per call or per response, never per record), and
 * per-company times read from the database when the metrics are scraped. Out: the scrape text. Depends on no other
 * Ledgerbridge package, so every stage can record into it.
 */
package dev.ledgerbridge.metrics;
