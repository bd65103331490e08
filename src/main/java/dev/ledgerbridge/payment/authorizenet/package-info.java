/**
 * Authorize.Net, through its official SDK (net.authorize:anet-java-sdk) and nothing else: the only package that names
 * it. In: a company's API Login ID, Client Key, Transaction Key and Signature Key and its mode (sandbox or
 * production), customers to make, the opaque data Accept.js returns, charges and refunds under attempt keys, webhook
 * requests. Out: CIM customer profiles (merchantCustomerId = the QuickBooks ListID) and payment profiles, of which only
 * the ids, card type, last four digits and expiry are kept; authCaptureTransaction on a profile with a reference made
 * from the attempt's key as refId and invoice number; refunds of settled charges and voids of unsettled ones; lookups
 * of a charge whose answer was lost in the profile's settled and unsettled transactions; verified webhook
 * notifications (X-ANET-Signature). The page script for Accept.js is fields.js beside it.
 */
package dev.ledgerbridge.payment.authorizenet;
