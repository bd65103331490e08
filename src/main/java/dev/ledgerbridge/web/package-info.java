/**
 * The web side. In: HTTP requests from staff, programs using the JSON API, and the Web Connector's support-page
 * check. Out: JSON under /api/v1 (HTTP Basic with staff logins, or Bearer API tokens), the AppSupport page, and
 * (in {@code web.admin}) the admin pages. Knows nothing of qbXML.
 */
package dev.ledgerbridge.web;
