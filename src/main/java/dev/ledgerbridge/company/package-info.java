/**
 * Companies (one per QuickBooks company file) and the Web Connector logins bound to them.
 * In: login creation from the command line and the company file facts learned on each run. Out: rows in MariaDB.
 */
package dev.ledgerbridge.company;
