/**
 * The web side. In: HTTP requests from staff and from the Web Connector's support-page check. Out: JSON under
 * /api/v1 (HTTP Basic, staff logins) and the AppSupport page. Knows nothing of qbXML.
 */
package dev.ledgerbridge.web;
