/**
 * The Web Connector endpoint. In: SOAP calls from the QuickBooks Web Connector (per wsdl/QBWebConnectorSvc.wsdl).
 * Out: tickets and sessions in MariaDB, runs handed to the sync planner, answers in the protocol's own terms
 * (NOTE: the Web Connector reads "nvu", "none", "NoOp", "done" and percent integers exactly), and .qwc files.
 */
package dev.ledgerbridge.qbwc;
