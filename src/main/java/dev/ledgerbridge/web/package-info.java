/**
 * The web side. In: HTTP requests from staff, programs using the JSON API, the Web Connector's support-page check,
 * probes and Prometheus. Out: JSON under /api/v1 (HTTP Basic with staff logins, or Bearer API tokens; POST bodies
 * JSON only, nothing sent by another site's page), the AppSupport page, /health and /health/ready, /metrics (this
 * machine only unless a token or metrics.remote says otherwise), the doctor's report at /doctor (admin logins),
 * gateways' webhooks at /webhooks/{gateway}/{companyId} (handed to payment/ to verify), and (in {@code web.admin})
 * the admin pages. Pages with a gateway's hosted card fields alone allow its script and frames ({@link
 * dev.ledgerbridge.web.HostedPages}). Knows nothing of qbXML or of which gateway a company uses.
 */
package dev.ledgerbridge.web;
