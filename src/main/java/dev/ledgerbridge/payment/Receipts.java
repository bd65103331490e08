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
import java.util.Set;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receipts: after staff take an approved manual payment or deposit, the customer's addresses (QuickBooks' email and
 * the extra ones) get an email with the amount, the card (brand and last four only), the invoices paid and the
 * reference. Wired with {@link Payments#afterCharge}; a customer without an address gets none, and a receipt that
 * cannot be sent is in the mail log, never a failed payment.
 */
public final class Receipts {
    private static final Logger log = LoggerFactory.getLogger(Receipts.class);
    /**
     * Payments staff take (on the customer page, or through the API), which get a receipt; auto processing and
     * installments do not, yet.
     */
    static final Set<String> SOURCES = Set.of("manual", "deposit", "api");
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

    /** Sends the receipt of an approved staff payment; empty when none was due or possible (logged why). */
    public Optional<MailReceipt> afterCharge(ChargeRequest request, PaymentResult result) {
        if (!result.approved() || !SOURCES.contains(request.source())) {
            return Optional.empty();
        }
        Optional<PaymentRecord> payment = payments.find(request.companyId(), result.id());
        Optional<Company> company = companies.company(request.companyId());
        if (payment.isEmpty() || company.isEmpty()) {
            return Optional.empty();
        }
        CustomerRow customer;
        CustomerSettings settings;
        try (SqlSession s = db.session()) {
            Optional<CustomerRow> c = customers.find(s, request.companyId(), request.customerListId());
            if (c.isEmpty()) {
                return Optional.empty();
            }
            customer = c.get();
            settings = customers.settings(s, request.companyId(), request.customerListId());
        }
        List<String> to = CardRequests.addresses(customer, settings);
        if (to.isEmpty()) {
            log.info("payment {}: no receipt sent, customer {} has no email address", result.id(),
                    request.customerListId());
            return Optional.empty();
        }
        MailReceipt sent = mailer.send(email(company.get(), customer, payment.get(), to));
        log.info("payment {}: receipt {} ({})", result.id(), sent.id(), sent.status());
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
