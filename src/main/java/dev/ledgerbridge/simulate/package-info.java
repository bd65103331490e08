/**
 * The {@code simulate} command: a QuickBooks company file in memory ({@link dev.ledgerbridge.simulate.SimulatedQuickBooks},
 * built by {@link dev.ledgerbridge.simulate.CompanyFile}) and a Web Connector
 * ({@link dev.ledgerbridge.simulate.WebConnectorClient}) that drives a running server with it. Outside the data flow:
 * a client of the server, which it reaches only through the Web Connector's SOAP calls over HTTP, like QuickBooks'
 * own Web Connector; it calls no other package of the server. In: the server's URL, a Web Connector login, the
 * company's size and seed. Out: SOAP calls; progress and a summary (records QuickBooks returned, SOAP calls, time)
 * on standard output. The end-to-end tests drive the server with the same two classes (the test kit's
 * {@code FakeQuickBooks} and {@code FakeWebConnector}).
 */
package dev.ledgerbridge.simulate;
