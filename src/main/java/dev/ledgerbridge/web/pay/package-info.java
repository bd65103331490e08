/**
 * The public pages under /pay/, outside the admin pages and without a login: the card page a card-information
 * request's emailed link opens. In: the link's token and the card form. Out: a payment profile through
 * {@link dev.ledgerbridge.payment.CardRequests}. Rate-limited per remote address and per link, CSRF-protected by a
 * per-page token, never indexed, never cached; the card number is passed on and forgotten.
 */
package dev.ledgerbridge.web.pay;
