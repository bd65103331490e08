/**
 * qbXML in and out, between the sync planner and QuickBooks.
 *
 * <p>In: a template name, a qbXML version and a Velocity model map ({@link dev.ledgerbridge.qbxml.QbxmlRenderer});
 * qbXML response text from {@code receiveResponseXML} ({@link dev.ledgerbridge.qbxml.QbxmlResponseReader}); the
 * {@code strHCPResponse} of the first {@code sendRequestXML} ({@link dev.ledgerbridge.qbxml.HcpParser}).
 *
 * <p>Out: qbXML request strings in schema order, Latin-1 only and XML-escaped; response records handed over one
 * at a time (a status per {@code *Rs}, then customers, invoices, payments, credit memos, currencies and deletions),
 * so memory stays flat whatever the response size; what QuickBooks and the company file said about themselves,
 * multicurrency and the home currency included ({@link dev.ledgerbridge.qbxml.HcpResponse}).
 *
 * <p>Nothing here knows SOAP, sessions or the database.
 */
package dev.ledgerbridge.qbxml;
