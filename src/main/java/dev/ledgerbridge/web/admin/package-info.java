/**
 * The admin pages. In: staff's browsers (sign-in form, page requests, form posts carrying the session's CSRF token).
 * Out: HTML rendered from Velocity templates under admin/ with every value escaped, one stylesheet and one script;
 * reads and writes go through the services (customers, invoices, sync, companies, action queue,
 * payments: card profiles, charges, deposits, refunds, payment settings), never SQL here.
 */
package dev.ledgerbridge.web.admin;
