package dev.ledgerbridge.web;

import dev.ledgerbridge.action.ActionQueue;
import dev.ledgerbridge.action.AuditLog;
import dev.ledgerbridge.auth.ApiTokens;
import dev.ledgerbridge.auth.StaffService;
import dev.ledgerbridge.company.CompanyService;
import dev.ledgerbridge.customer.CustomerStore;
import dev.ledgerbridge.db.Database;
import dev.ledgerbridge.invoice.InvoiceStore;
import dev.ledgerbridge.mail.Mailer;
import dev.ledgerbridge.payment.CardRequests;
import dev.ledgerbridge.payment.PaymentEvents;
import dev.ledgerbridge.payment.PaymentGateways;
import dev.ledgerbridge.payment.PaymentProfiles;
import dev.ledgerbridge.payment.PaymentSettingsService;
import dev.ledgerbridge.payment.Payments;
import dev.ledgerbridge.receivable.ReceivableStore;
import dev.ledgerbridge.sync.SyncService;
import java.time.Clock;

/** What the web pages and the API read from. */
public record ApiContext(Database db, CompanyService companies, CustomerStore customers, InvoiceStore invoices,
                         ReceivableStore receivables, SyncService sync,
                         StaffService staff, Clock clock,
                         ApiTokens tokens, ActionQueue actions, Payments payments,
                         PaymentProfiles paymentProfiles, PaymentSettingsService paymentSettings,
                         PaymentGateways gateways, PaymentEvents paymentEvents,
                         // email, card-information requests
                         Mailer mailer, CardRequests cardRequests,
                         // action queue
                         AuditLog audit) {
}
