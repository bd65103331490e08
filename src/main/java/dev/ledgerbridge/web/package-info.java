/**
 * The web side. In: HTTP requests from staff, from the Web Connector's support-page check, from probes and from
 * Prometheus. Out: JSON under /api/v1 (HTTP Basic, staff logins), the AppSupport page, /health and /health/ready,
 * /metrics, and the doctor's report at /doctor (admin logins). Knows nothing of qbXML.
 */
package dev.ledgerbridge.web;
