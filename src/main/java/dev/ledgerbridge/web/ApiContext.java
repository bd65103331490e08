package dev.ledgerbridge.web;

import dev.ledgerbridge.action.ActionQueue;
import dev.ledgerbridge.action.AuditLog;
import dev.ledgerbridge.auth.ApiTokens;
import dev.ledgerbridge.auth.StaffService;
import dev.ledgerbridge.company.CompanyService;
import dev.ledgerbridge.customer.CustomerStore;
import dev.ledgerbridge.db.Database;
import dev.ledgerbridge.invoice.InvoiceStore;
import dev.ledgerbridge.payment.PaymentLedger;
import dev.ledgerbridge.sync.SyncService;
import java.time.Clock;

/** What the web pages and the API read from. */
public record ApiContext(Database db, CompanyService companies, CustomerStore customers, InvoiceStore invoices,
                         SyncService sync,
                         StaffService staff, Clock clock,
                         ApiTokens tokens, ActionQueue actions, PaymentLedger payments,
                         // action queue
                         AuditLog audit) {
}
