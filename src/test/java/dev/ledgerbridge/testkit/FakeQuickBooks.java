package dev.ledgerbridge.testkit;

import dev.ledgerbridge.simulate.QbCreditMemo;
import dev.ledgerbridge.simulate.QbForeignAmount;
import dev.ledgerbridge.simulate.SimulatedQuickBooks;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The QuickBooks company of the end-to-end tests: {@link SimulatedQuickBooks} (the company the {@code simulate}
 * command plays) seen through the test kit's own records and specs, with every request checked against the qbXML
 * schema of the shared folder when it is there. See {@link SimulatedQuickBooks} for the contract.
 */
public final class FakeQuickBooks {

    public static final String DEFAULT_OWNER_ID = SimulatedQuickBooks.DEFAULT_OWNER_ID;
    public static final List<String> DEFAULT_SUPPORTED_VERSIONS = SimulatedQuickBooks.DEFAULT_SUPPORTED_VERSIONS;
    public static final String COMPANY_FILE_DIR = SimulatedQuickBooks.COMPANY_FILE_DIR;

    private final SimulatedQuickBooks qb;
    private volatile boolean validateRequests = true;
    private Optional<QbxmlSchema> schema;

    public FakeQuickBooks() {
        this(new SimulatedQuickBooks());
    }

    public FakeQuickBooks(String companyName) {
        this(new SimulatedQuickBooks(companyName));
    }

    private FakeQuickBooks(SimulatedQuickBooks qb) {
        this.qb = qb;
        qb.setRequestCheck(doc -> validateRequests ? schema().map(s -> s.errors(doc)).orElse(List.of()) : List.of());
    }

    /** The company itself, as the Web Connector client drives it. */
    public SimulatedQuickBooks company() {
        return qb;
    }

    // ---- settings

    public String companyName() {
        return qb.companyName();
    }

    public void setCompanyName(String companyName) {
        qb.setCompanyName(companyName);
    }

    /** The path QBWC reports as strCompanyFileName for this company. */
    public String companyFilePath() {
        return qb.companyFilePath();
    }

    /** The FileID DataExt QBWC stamped into this company; empty when none was stamped. */
    public Optional<String> fileId() {
        return qb.fileId();
    }

    /** Sets (or with null removes) the FileID DataExt, a GUID in braces. */
    public void setFileId(String fileId) {
        qb.setFileId(fileId);
    }

    public String ownerId() {
        return qb.ownerId();
    }

    public void setOwnerId(String ownerId) {
        qb.setOwnerId(ownerId);
    }

    public ZoneId zone() {
        return qb.zone();
    }

    public void setZone(ZoneId zone) {
        qb.setZone(zone);
    }

    /** The company clock, truncated to whole seconds as QuickBooks stores times. */
    public Instant now() {
        return qb.now();
    }

    public LocalDate today() {
        return qb.today();
    }

    /** Fixes the clock at an instant. */
    public void setNow(Instant instant) {
        qb.setNow(instant);
    }

    public void setClock(Clock clock) {
        qb.setClock(clock);
    }

    public void advance(Duration d) {
        qb.advance(d);
    }

    /** After every stamped mutation the clock moves on by this much (zero by default: many records share a second). */
    public void setAutoAdvance(Duration step) {
        qb.setAutoAdvance(step);
    }

    public List<String> supportedVersions() {
        return qb.supportedVersions();
    }

    public void setSupportedVersions(List<String> versions) {
        qb.setSupportedVersions(versions);
    }

    public void setHost(String productName, int majorVersion, int minorVersion, String country) {
        qb.setHost(productName, majorVersion, minorVersion, country);
    }

    public String country() {
        return qb.country();
    }

    /** See {@link SimulatedQuickBooks#setBalanceChangesTouchCustomers(boolean)}. */
    public void setBalanceChangesTouchCustomers(boolean touch) {
        qb.setBalanceChangesTouchCustomers(touch);
    }

    /** See {@link SimulatedQuickBooks#setIdQueriesActiveOnly(boolean)}. */
    public void setIdQueriesActiveOnly(boolean activeOnly) {
        qb.setIdQueriesActiveOnly(activeOnly);
    }

    /** See {@link SimulatedQuickBooks#setAnyMissingIdFailsQuery(boolean)}. */
    public void setAnyMissingIdFailsQuery(boolean fails) {
        qb.setAnyMissingIdFailsQuery(fails);
    }

    /** See {@link SimulatedQuickBooks#setPaymentsTouchInvoices(boolean)}. */
    public void setPaymentsTouchInvoices(boolean touch) {
        qb.setPaymentsTouchInvoices(touch);
    }

    /** See {@link SimulatedQuickBooks#setParentChangesTouchJobs(boolean)}. */
    public void setParentChangesTouchJobs(boolean touch) {
        qb.setParentChangesTouchJobs(touch);
    }

    /** Schema validation of requests is on by default (when the schema is found). */
    public void setValidateRequests(boolean validate) {
        this.validateRequests = validate;
    }

    public synchronized Optional<QbxmlSchema> schema() {
        if (schema == null) {
            schema = QbxmlSchema.find();
        }
        return schema;
    }

    public void addPaymentMethod(String name) {
        qb.addPaymentMethod(name);
    }

    public void addDepositAccount(String name) {
        qb.addDepositAccount(name);
    }

    // ---- multicurrency (see SimulatedQuickBooks)

    public void turnOnMultiCurrency(String homeCurrency) {
        qb.turnOnMultiCurrency(homeCurrency);
    }

    public void setExchangeRate(String currency, BigDecimal rate) {
        qb.setExchangeRate(currency, rate);
    }

    public BigDecimal exchangeRate(String currency) {
        return qb.exchangeRate(currency);
    }

    public QbCustomer setCustomerCurrency(String listId, String currency) {
        return QbCustomer.of(qb.setCustomerCurrency(listId, currency));
    }

    public Optional<String> customerCurrency(String listId) {
        return qb.customerCurrency(listId);
    }

    public Optional<QbForeignAmount> invoiceInHomeCurrency(String txnId) {
        return qb.invoiceInHomeCurrency(txnId);
    }

    public Optional<QbForeignAmount> paymentInHomeCurrency(String txnId) {
        return qb.paymentInHomeCurrency(txnId);
    }

    /** Adds an item that credit memo lines written by requests may name. */
    public void addItem(String name) {
        qb.addItem(name);
    }

    /** The credit card refunds (ARRefundCreditCard) of the company, oldest first. */
    public List<dev.ledgerbridge.simulate.QbRefund> refunds() {
        return qb.refunds();
    }

    /** Formats an instant as QuickBooks does: {@code yyyy-MM-ddTHH:mm:ss±HH:mm} in the company zone's offset then. */
    public String qbTime(Instant t) {
        return qb.qbTime(t);
    }

    // ---- sessions and fault hooks

    /** Starts a QuickBooks session (QBWC's BeginSession); iterators of earlier sessions become invalid. */
    public void beginSession() {
        qb.beginSession();
    }

    /** Ends the session; its iterators become invalid. */
    public void endSession() {
        qb.endSession();
    }

    /** Invalidates every open iterator now (fault injection). */
    public void expireIterators() {
        qb.expireIterators();
    }

    public int openIterators() {
        return qb.openIterators();
    }

    /** See {@link SimulatedQuickBooks#failNext(String, int, String)}. */
    public void failNext(String requestType, int statusCode, String statusMessage) {
        qb.failNext(requestType, statusCode, statusMessage);
    }

    /** Every request message set processed so far, in order (including rejected ones). */
    public List<String> requests() {
        return qb.requests();
    }

    // ---- customers

    public QbCustomer addCustomer(String name) {
        return QbCustomer.of(qb.addCustomer(name));
    }

    public QbCustomer addCustomer(CustomerSpec spec) {
        return QbCustomer.of(qb.addCustomer(spec.toMain()));
    }

    public QbCustomer addJob(String parentListId, String name) {
        return QbCustomer.of(qb.addJob(parentListId, name));
    }

    public QbCustomer addJob(String parentListId, CustomerSpec spec) {
        return QbCustomer.of(qb.addJob(parentListId, spec.toMain()));
    }

    public QbCustomer editCustomer(String listId, CustomerSpec changes) {
        return QbCustomer.of(qb.editCustomer(listId, changes.toMain()));
    }

    public QbCustomer editCustomer(String listId, Consumer<CustomerSpec> changes) {
        CustomerSpec spec = CustomerSpec.changes();
        changes.accept(spec);
        return editCustomer(listId, spec);
    }

    public QbCustomer setActive(String listId, boolean active) {
        return QbCustomer.of(qb.setActive(listId, active));
    }

    /** Deletes a customer as QuickBooks allows it: only without transactions and without jobs. */
    public void deleteCustomer(String listId) {
        qb.deleteCustomer(listId);
    }

    public List<QbCustomer> customers() {
        return qb.customers().stream().map(QbCustomer::of).toList();
    }

    public Optional<QbCustomer> customer(String listId) {
        return qb.customer(listId).map(QbCustomer::of);
    }

    public Optional<QbCustomer> customerByFullName(String fullName) {
        return qb.customerByFullName(fullName).map(QbCustomer::of);
    }

    // ---- invoices and payments

    public QbInvoice addInvoice(InvoiceSpec spec) {
        return QbInvoice.of(qb.addInvoice(spec.toMain()));
    }

    public QbInvoice editInvoice(String txnId, InvoiceSpec changes) {
        return QbInvoice.of(qb.editInvoice(txnId, changes.toMain()));
    }

    public QbInvoice editInvoice(String txnId, Consumer<InvoiceSpec> changes) {
        InvoiceSpec spec = InvoiceSpec.changes();
        changes.accept(spec);
        return editInvoice(txnId, spec);
    }

    /** Deletes an invoice; payments applied to it stay, as unused (credit) amounts. */
    public void deleteInvoice(String txnId) {
        qb.deleteInvoice(txnId);
    }

    /** Receives a payment of {@code amount} from the invoice's customer, fully applied to that invoice. */
    public QbPayment applyPayment(String invoiceTxnId, String amount) {
        return QbPayment.of(qb.applyPayment(invoiceTxnId, amount));
    }

    public QbPayment applyPayment(String invoiceTxnId, BigDecimal amount) {
        return QbPayment.of(qb.applyPayment(invoiceTxnId, amount));
    }

    /** Receives a payment applied to no invoice (a deposit / credit on the customer's account). */
    public QbPayment receiveUnappliedPayment(String customerListId, BigDecimal amount) {
        return QbPayment.of(qb.receiveUnappliedPayment(customerListId, amount));
    }

    /** Deletes a received payment; the invoices it paid are open again. */
    public void deletePayment(String paymentTxnId) {
        qb.deletePayment(paymentTxnId);
    }

    public List<QbInvoice> invoices() {
        return qb.invoices().stream().map(QbInvoice::of).toList();
    }

    public Optional<QbInvoice> invoice(String txnId) {
        return qb.invoice(txnId).map(QbInvoice::of);
    }

    /** See {@link SimulatedQuickBooks#withoutStamping(Runnable)}. */
    public void withoutStamping(Runnable changes) {
        qb.withoutStamping(changes);
    }

    /** See {@link SimulatedQuickBooks#saveCopy()}. */
    public Object saveCopy() {
        return qb.saveCopy();
    }

    /** See {@link SimulatedQuickBooks#restoreCopy(Object)}. */
    public void restoreCopy(Object copy) {
        qb.restoreCopy(copy);
    }

    /** A credit memo for the customer of one line of {@code amount}, applied to nothing yet. */
    public QbCreditMemo addCreditMemo(String customerListId, String description, BigDecimal amount) {
        return qb.addCreditMemo(customerListId, description, amount);
    }

    /** Applies part of a credit memo's remaining credit to an invoice of its customer. */
    public QbCreditMemo applyCredit(String creditTxnId, String invoiceTxnId, BigDecimal amount) {
        return qb.applyCredit(creditTxnId, invoiceTxnId, amount);
    }

    public void deleteCreditMemo(String txnId) {
        qb.deleteCreditMemo(txnId);
    }

    public List<QbCreditMemo> creditMemos() {
        return qb.creditMemos();
    }

    public Optional<QbCreditMemo> creditMemo(String txnId) {
        return qb.creditMemo(txnId);
    }

    public List<QbPayment> payments() {
        return qb.payments().stream().map(QbPayment::of).toList();
    }

    public Optional<QbPayment> payment(String txnId) {
        return qb.payment(txnId).map(QbPayment::of);
    }

    /** The deleted-objects log (what ListDeletedQuery / TxnDeletedQuery report), oldest first. */
    public List<QbDeletedObject> deletedObjects() {
        return qb.deletedObjects().stream().map(QbDeletedObject::of).toList();
    }

    public Set<String> deletedCustomerIds() {
        return qb.deletedCustomerIds();
    }

    public Set<String> deletedInvoiceIds() {
        return qb.deletedInvoiceIds();
    }

    /** Forgets log entries deleted before this instant, as QuickBooks forgets old deletions. */
    public void purgeDeletedBefore(Instant instant) {
        qb.purgeDeletedBefore(instant);
    }

    // ---- generators

    /** See {@link SimulatedQuickBooks#generateCustomers(int, long)}. */
    public List<QbCustomer> generateCustomers(int n, long seed) {
        return qb.generateCustomers(n, seed).stream().map(QbCustomer::of).toList();
    }

    /** See {@link SimulatedQuickBooks#generateInvoices(int, long)}. */
    public List<QbInvoice> generateInvoices(int n, long seed) {
        return qb.generateInvoices(n, seed).stream().map(QbInvoice::of).toList();
    }

    /** Applies up to n payments to random open invoices, half paying in full, half partially. */
    public List<QbPayment> generatePayments(int n, long seed) {
        return qb.generatePayments(n, seed).stream().map(QbPayment::of).toList();
    }

    // ---- QuickBooks' side of the Web Connector

    /** The strHCPResponse QBWC sends on the first sendRequestXML of a session (HostQuery, CompanyQuery, Preferences). */
    public String hcpResponse() {
        return qb.hcpResponse();
    }

    /**
     * Answers a qbXML request message set the way QuickBooks' request processor does.
     *
     * @throws QuickBooksParseError where QuickBooks would throw 0x80040400 instead of answering
     * @throws UnsupportedOperationException for request features this fake does not model
     */
    public String process(String qbxmlRequest) {
        try {
            return qb.process(qbxmlRequest);
        } catch (dev.ledgerbridge.simulate.QuickBooksParseError e) {
            throw QuickBooksParseError.of(e);
        }
    }
}
