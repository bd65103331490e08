package dev.ledgerbridge.payment;

import dev.ledgerbridge.company.Company;
import dev.ledgerbridge.company.CompanyService;
import dev.ledgerbridge.customer.CustomerRow;
import dev.ledgerbridge.customer.CustomerSettings;
import dev.ledgerbridge.customer.CustomerStore;
import dev.ledgerbridge.db.Database;
import dev.ledgerbridge.mail.Email;
import dev.ledgerbridge.mail.MailReceipt;
import dev.ledgerbridge.mail.Mailer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receipts: for every approved charge or deposit (taken by staff, through the API, by auto processing or an
 * installment, approved at once or settled later), the customer's addresses (QuickBooks' email and the extra ones)
 * get an email with the amount, the card (brand and last four only), the invoices paid and the reference. Wired with
 * {@link Payments#afterApproval}; a customer without an address gets none, and a receipt that cannot be sent is in
 * the mail log, never a failed payment.
 */
public final class Receipts {
    private static final Logger log = LoggerFactory.getLogger(Receipts.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final Database db;
    private final Mailer mailer;
    private final Payments payments;
    private final CompanyService companies;
    private final CustomerStore customers;

    public Receipts(Database db, Mailer mailer, Payments payments, CompanyService companies, CustomerStore customers) {
        this.db = db;
        this.mailer = mailer;
        this.payments = payments;
        this.companies = companies;
        this.customers = customers;
    }

    /** Sends the receipt of an approved payment; empty when none was due or possible (logged why). */
    public Optional<MailReceipt> afterApproval(long companyId, long paymentId) {
        Optional<PaymentRecord> payment = payments.find(companyId, paymentId);
        Optional<Company> company = companies.company(companyId);
        if (payment.isEmpty() || company.isEmpty() || !PaymentResult.APPROVED.equals(payment.get().result())
                || payment.get().refund()) {
            return Optional.empty();
        }
        String listId = payment.get().customerListId();
        CustomerRow customer;
        CustomerSettings settings;
        try (SqlSession s = db.session()) {
            Optional<CustomerRow> c = customers.find(s, companyId, listId);
            if (c.isEmpty()) {
                return Optional.empty();
            }
            customer = c.get();
            settings = customers.settings(s, companyId, listId);
        }
        List<String> to = CardRequests.addresses(customer, settings);
        if (to.isEmpty()) {
            log.info("payment {}: no receipt sent, customer {} has no email address", paymentId, listId);
            return Optional.empty();
        }
        MailReceipt sent = mailer.send(email(company.get(), customer, payment.get(), to));
        log.info("payment {}: receipt {} ({})", paymentId, sent.id(), sent.status());
        return Optional.of(sent);
    }

    static Email email(Company company, CustomerRow customer, PaymentRecord p, List<String> to) {
        String business = company.name();
        String amount = p.amount().toPlainString() + " " + p.currency();
        StringBuilder text = new StringBuilder();
        text.append("Hello ").append(customer.fullName()).append(",\n\n")
                .append("Thank you for your payment to ").append(business).append(".\n\n")
                .append("Amount:     ").append(amount).append('\n')
                .append("Date:       ").append(DATE.format(p.createdAt())).append('\n');
        if (p.profileLabel() != null) {
            text.append("Paid with:  ").append(p.profileLabel()).append('\n');
        }
        text.append("Reference:  payment #").append(p.id());
        if (p.gatewayRef() != null) {
            text.append(" (").append(p.gatewayRef()).append(')');
        }
        text.append('\n');
        if (p.invoices() == null || p.invoices().isEmpty()) {
            text.append("\nThis is a deposit: it will be applied to an invoice later.\n");
        } else {
            text.append("\nInvoices paid:\n");
            for (PaymentRecord.Invoice i : p.invoices()) {
                text.append("  ").append(i.refNumber() == null ? i.txnId() : i.refNumber()).append("  ")
                        .append(i.amount().toPlainString()).append('\n');
            }
        }
        text.append("\nKeep this email as your receipt.\n\n").append(business).append('\n');
        return new Email(to, business + ": receipt for your payment of " + amount, text.toString());
    }
}
