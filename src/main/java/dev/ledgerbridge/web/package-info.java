/**
 * The web side. In: HTTP requests from staff, programs using the JSON API, the Web Connector's support-page check,
 * probes and Prometheus. Out: JSON under /api/v1 (HTTP Basic with staff logins, or Bearer API tokens), the
 * AppSupport page, /health and /health/ready, /metrics, the doctor's report at /doctor (admin logins), and (in
 * {@code web.admin}) the admin pages. Knows nothing of qbXML.
 */
package dev.ledgerbridge.web;
