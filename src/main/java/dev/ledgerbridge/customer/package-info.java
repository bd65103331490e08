/**
 * Customers. In: {@link dev.ledgerbridge.customer.Customer} records parsed from CustomerRet, one batch per
 * qbXML response, and deletions. Out: rows in the customer table, pages of the customer list.
 */
package dev.ledgerbridge.customer;
