package dev.ledgerbridge.simulate;

import static dev.ledgerbridge.simulate.Xml.attr;
import static dev.ledgerbridge.simulate.Xml.child;
import static dev.ledgerbridge.simulate.Xml.childText;
import static dev.ledgerbridge.simulate.Xml.childTexts;
import static dev.ledgerbridge.simulate.Xml.children;
import static dev.ledgerbridge.simulate.Xml.elements;
import static dev.ledgerbridge.simulate.Xml.name;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.ProcessingInstruction;
import org.xml.sax.SAXException;

import dev.ledgerbridge.simulate.Xml.El;

/**
 * A QuickBooks Desktop company file in memory that answers qbXML request message sets as QuickBooks does: the
 * company the {@code simulate} command plays, and the QuickBooks of the end-to-end tests.
 *
 * <p>Contract highlights (see QBWC.md / QBXML.md in the shared folder):
 * <ul>
 * <li>{@link #process(String)} throws {@link QuickBooksParseError} (hresult 0x80040400) for a request that is not
 * well-formed, has no {@code <?qbxml version="X.Y"?>} or one above 13.0, carries characters outside ISO-8859-1
 * without declaring that encoding, or fails the check set with {@link #setRequestCheck} (tests check the qbXML
 * schema there).</li>
 * <li>Responses start with {@code <?xml version="1.0" ?>}, have no qbxml PI, list elements in schema order, and
 * echo requestID on every *Rs with statusCode, statusSeverity and statusMessage.</li>
 * <li>Queries that match nothing answer statusCode 1; CustomerQuery defaults to ActiveOnly; iterators snapshot the
 * matching IDs (ordered by TimeModified, then creation) at Start, render records as they are at Continue, and are
 * valid only in the session that created them (else 3391).</li>
 * <li>Every mutation stamps TimeModified from the clock (whole seconds) and gives a new EditSequence. A change of a
 * customer's balance caused by invoices or payments does not touch the customer record itself.</li>
 * <li>Request features it does not model throw {@link UnsupportedOperationException} rather than being
 * answered in a way real QuickBooks would not.</li>
 * </ul>
 */
public final class SimulatedQuickBooks {

    public static final String DEFAULT_OWNER_ID = "{5A1C7E2B-3D4F-4A6B-8C9D-0E1F2A3B4C5D}";
    public static final List<String> DEFAULT_SUPPORTED_VERSIONS = List.of("1.0", "1.1", "2.0", "2.1", "3.0", "4.0",
            "4.1", "5.0", "6.0", "7.0", "8.0", "9.0", "10.0", "11.0", "12.0", "13.0");
    public static final String COMPANY_FILE_DIR = "C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\";

    static final String AR_ACCOUNT = "Accounts Receivable";
    static final String STATUS_OK = "Status OK";
    static final String NO_MATCH = "A query request did not find a matching object in QuickBooks";
    private static final DateTimeFormatter QB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final Pattern QBXML_VERSION = Pattern.compile("version\\s*=\\s*[\"'](\\d+)\\.(\\d+)[\"']");
    private static final Pattern DATETIME = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:T(\\d{1,2})(?::(\\d{1,2})(?::(\\d{1,2})([+-]\\d{1,2}:\\d{1,2})?)?)?)?");
    private static final Pattern ISO_8859_1_DECL = Pattern.compile(
            "^\\s*<\\?xml[^>]*encoding\\s*=\\s*[\"'](ISO-8859-1|ISO8859-1|latin1|Latin-1)[\"']", Pattern.CASE_INSENSITIVE);

    // ---- company settings ----
    private String companyName;
    private String fileId;
    private String ownerId = DEFAULT_OWNER_ID;
    private ZoneId zone = ZoneId.of("America/New_York");
    private Clock clock = Clock.fixed(Instant.parse("2024-01-15T15:00:00Z"), ZoneOffset.UTC);
    /** How far the company's time is ahead of {@link #clock} (one offset, however often the clock is advanced). */
    private Duration ahead = Duration.ZERO;
    private Duration autoAdvance = Duration.ZERO;
    private List<String> supportedVersions = DEFAULT_SUPPORTED_VERSIONS;
    private String productName = "QuickBooks Pro 2014";
    private int majorVersion = 24;
    private int minorVersion = 0;
    private String country = "US";
    private boolean balanceChangesTouchCustomers = false;
    private boolean idQueriesActiveOnly = false;
    private boolean paymentsTouchInvoices = true;
    private boolean stampChanges = true;
    private boolean parentChangesTouchJobs = true;
    private boolean anyMissingIdFailsQuery = false;
    private Function<Document, List<String>> requestCheck;
    private final long createdEpoch;
    private Long idEpoch;

    // ---- id sources ----
    private long listCounter = 0x80000000L;
    private long txnCounter = 0xFFL;
    private long lineCounter = 0L;
    private long otherListCounter = 0L;
    private long lastEditSequence = 0L;
    private int txnNumberCounter = 0;
    private long refNumberCounter = 1000L;
    private long seqCounter = 0L;

    // ---- data ----
    private final Map<String, CustomerRow> customers = new LinkedHashMap<>();
    private final Map<String, String> fullNameIndex = new HashMap<>();
    private final Map<String, InvoiceRow> invoices = new LinkedHashMap<>();
    private final Map<String, PaymentRow> payments = new LinkedHashMap<>();
    private final Map<String, List<String>> paymentsByInvoice = new HashMap<>();
    private final Map<String, CreditMemoRow> creditMemos = new LinkedHashMap<>();
    private final Map<String, List<String>> creditsByInvoice = new HashMap<>();
    private final Map<String, RefundRow> refunds = new LinkedHashMap<>();
    private final Set<String> items = new LinkedHashSet<>();
    private final List<QbDeletedObject> deleted = new ArrayList<>();
    private final Map<String, String> otherListIds = new HashMap<>();
    private final Set<String> paymentMethods = new LinkedHashSet<>(
            List.of("Cash", "Check", "Visa", "MasterCard", "American Express", "Discover", "E-Check"));
    private final Set<String> depositAccounts = new LinkedHashSet<>(List.of("Undeposited Funds", "Checking"));
    private Map<String, BigDecimal[]> balanceCache;
    /** The currency list of a file with multicurrency on; null while it is off (the default). */
    private CurrencyList currencyList;

    // ---- sessions, iterators, faults ----
    private int session = 1;
    private int sessionCounter = 1;
    private final Map<String, IteratorState> iterators = new HashMap<>();
    private final Map<String, Deque<StatusFault>> statusFaults = new HashMap<>();
    private final List<String> requestLog = new ArrayList<>();
    private final Map<String, Long> returned = new LinkedHashMap<>();

    public SimulatedQuickBooks() {
        this("Ledgerbridge Test Company");
    }

    public SimulatedQuickBooks(String companyName) {
        this.companyName = Objects.requireNonNull(companyName);
        this.createdEpoch = clock.instant().getEpochSecond() - 86_400L * 400;
    }

    // =====================================================================================================
    // settings
    // =====================================================================================================

    public synchronized String companyName() {
        return companyName;
    }

    public synchronized void setCompanyName(String companyName) {
        this.companyName = Objects.requireNonNull(companyName);
    }

    /** The path QBWC reports as strCompanyFileName for this company. */
    public synchronized String companyFilePath() {
        return COMPANY_FILE_DIR + companyName + ".QBW";
    }

    /** The FileID DataExt QBWC stamped into this company; empty when none was stamped. */
    public synchronized Optional<String> fileId() {
        return Optional.ofNullable(fileId);
    }

    /** Sets (or with null removes) the FileID DataExt, a GUID in braces. */
    public synchronized void setFileId(String fileId) {
        this.fileId = fileId;
    }

    public synchronized String ownerId() {
        return ownerId;
    }

    public synchronized void setOwnerId(String ownerId) {
        this.ownerId = Objects.requireNonNull(ownerId);
    }

    public synchronized ZoneId zone() {
        return zone;
    }

    public synchronized void setZone(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone);
    }

    /** The company clock, truncated to whole seconds as QuickBooks stores times. */
    public synchronized Instant now() {
        return clock.instant().plus(ahead).truncatedTo(ChronoUnit.SECONDS);
    }

    public synchronized LocalDate today() {
        return now().atZone(zone).toLocalDate();
    }

    /** Fixes the clock at an instant. */
    public synchronized void setNow(Instant instant) {
        this.clock = Clock.fixed(instant, ZoneOffset.UTC);
        this.ahead = Duration.ZERO;
    }

    public synchronized void setClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        this.ahead = Duration.ZERO;
    }

    public synchronized void advance(Duration d) {
        this.ahead = ahead.plus(d);
    }

    /** After every stamped mutation the clock moves on by this much (zero by default: many records share a second). */
    public synchronized void setAutoAdvance(Duration step) {
        this.autoAdvance = Objects.requireNonNull(step);
    }

    public synchronized List<String> supportedVersions() {
        return supportedVersions;
    }

    public synchronized void setSupportedVersions(List<String> versions) {
        this.supportedVersions = List.copyOf(versions);
    }

    public synchronized void setHost(String productName, int majorVersion, int minorVersion, String country) {
        this.productName = productName;
        this.majorVersion = majorVersion;
        this.minorVersion = minorVersion;
        this.country = country;
    }

    public synchronized String country() {
        return country;
    }

    /**
     * Whether a change of a customer's balance (an invoice or payment added, edited or deleted) also stamps the
     * customer's TimeModified and EditSequence. Off by default: the customer record itself did not change.
     */
    public synchronized void setBalanceChangesTouchCustomers(boolean touch) {
        this.balanceChangesTouchCustomers = touch;
    }

    /**
     * Whether a customer query by ListID or FullName applies the default ActiveStatus (ActiveOnly), so that inactive
     * customers are not returned to it. Off by default: a record asked for by its ID is returned whatever its status.
     */
    public synchronized void setIdQueriesActiveOnly(boolean activeOnly) {
        this.idQueriesActiveOnly = activeOnly;
    }

    /**
     * Whether a query by ListID or TxnID that names one record QuickBooks cannot find answers 3120 and returns none
     * of the others. Off by default: the others are returned with status 500.
     */
    public synchronized void setAnyMissingIdFailsQuery(boolean fails) {
        this.anyMissingIdFailsQuery = fails;
    }

    /**
     * Whether applying a payment or credit to an invoice, or removing one from it, stamps the invoice (new
     * TimeModified and EditSequence). On by default; nothing confirms real QuickBooks does.
     */
    public synchronized void setPaymentsTouchInvoices(boolean touch) {
        this.paymentsTouchInvoices = touch;
    }

    /**
     * Whether renaming or moving a customer stamps every job under it, whose full names changed. On by default; nothing
     * confirms real QuickBooks does.
     */
    public synchronized void setParentChangesTouchJobs(boolean touch) {
        this.parentChangesTouchJobs = touch;
    }

    /**
     * A check of every request after it parsed (e.g. against the qbXML schema): a request it finds errors in is
     * refused as QuickBooks refuses one that fails its schema (hresult 0x80040400). Null: no check (the default).
     */
    public synchronized void setRequestCheck(Function<Document, List<String>> check) {
        this.requestCheck = check;
    }

    /**
     * ListIDs and TxnIDs end with this number instead of the second the record was created, so a company made
     * again from the same seed has the same IDs whenever it is made. Null (the default): the creation second.
     */
    public synchronized void setIdEpoch(Long epochSecond) {
        this.idEpoch = epochSecond;
    }

    /**
     * How many records the queries answered so far, by Ret element ("CustomerRet", "InvoiceRet",
     * "ReceivePaymentRet", "ListDeletedRet", "TxnDeletedRet"); those asked for by ListID or TxnID are counted
     * under the element name followed by " by ID".
     */
    public synchronized Map<String, Long> recordsReturned() {
        return Map.copyOf(returned);
    }

    public synchronized void addPaymentMethod(String name) {
        paymentMethods.add(name);
    }

    /**
     * Turns multicurrency on, as Edit > Preferences > Multiple Currencies does (it cannot be turned off again), with
     * this home currency (an ISO code: USD, CAD, EUR, GBP, AUD or MXN). Customers and transactions made so far are in
     * the home currency (their records are not stamped as changed);
     * every other currency's rate starts at 1 until {@link #setExchangeRate} sets it.
     */
    public synchronized void turnOnMultiCurrency(String homeCurrency) {
        if (currencyList != null) {
            throw new IllegalStateException("multicurrency is already on");
        }
        currencyList = new CurrencyList(homeCurrency, Long.toString(createdEpoch), today());
        // what was entered before is in the home currency, at 1
        invoices.values().forEach(i -> i.exchangeRate = BigDecimal.ONE);
        payments.values().forEach(p -> p.exchangeRate = BigDecimal.ONE);
    }

    /** The home currency's code; empty while multicurrency is off. */
    public synchronized Optional<String> homeCurrency() {
        return Optional.ofNullable(currencyList).map(CurrencyList::home);
    }

    /** Sets the rate QuickBooks holds for a currency from today: units of the home currency per unit of it. */
    public synchronized void setExchangeRate(String currency, BigDecimal rate) {
        requireMultiCurrency().setRate(currency, rate, today());
    }

    /** The rate QuickBooks holds for a currency now (1 for the home currency). */
    public synchronized BigDecimal exchangeRate(String currency) {
        return requireMultiCurrency().entry(currency).rate();
    }

    /** Gives a customer a currency; QuickBooks allows it only before the customer has transactions. */
    public synchronized QbCustomer setCustomerCurrency(String listId, String currency) {
        CustomerRow c = requireCustomer(listId);
        requireMultiCurrency().entry(currency);
        boolean used = invoices.values().stream().anyMatch(i -> i.customerId.equals(listId))
                || payments.values().stream().anyMatch(p -> p.customerId.equals(listId));
        if (used) {
            throw new IllegalStateException("QuickBooks does not change the currency of a customer with transactions");
        }
        c.currency = currencyList.isHome(currency) ? null : currency;
        touch(c, stamp());
        return snapshot(c);
    }

    /** A customer's currency code: its own, or the home currency (empty while multicurrency is off). */
    public synchronized Optional<String> customerCurrency(String listId) {
        CustomerRow c = requireCustomer(listId);
        return currencyList == null ? Optional.empty() : Optional.of(currencyList.entry(c.currency).code());
    }

    /** An invoice's currency, its rate and its BalanceRemainingInHomeCurrency; empty while multicurrency is off. */
    public synchronized Optional<QbForeignAmount> invoiceInHomeCurrency(String txnId) {
        InvoiceRow i = requireInvoice(txnId);
        if (currencyList == null) {
            return Optional.empty();
        }
        return Optional.of(new QbForeignAmount(currencyList.entry(i.currency).code(), i.exchangeRate,
                CurrencyList.inHome(balanceRemaining(i), i.exchangeRate)));
    }

    /** A payment's currency, its rate and its TotalAmountInHomeCurrency; empty while multicurrency is off. */
    public synchronized Optional<QbForeignAmount> paymentInHomeCurrency(String txnId) {
        PaymentRow p = payments.get(txnId);
        if (p == null) {
            throw new IllegalArgumentException("no payment " + txnId);
        }
        if (currencyList == null) {
            return Optional.empty();
        }
        return Optional.of(new QbForeignAmount(currencyList.entry(p.currency).code(), p.exchangeRate,
                CurrencyList.inHome(p.totalAmount, p.exchangeRate)));
    }

    private CurrencyList requireMultiCurrency() {
        if (currencyList == null) {
            throw new IllegalStateException("multicurrency is off in this company file");
        }
        return currencyList;
    }

    public synchronized void addDepositAccount(String name) {
        depositAccounts.add(name);
    }

    /** Adds an item to the item list (credit memo lines sent by requests must name a known one). */
    public synchronized void addItem(String name) {
        items.add(name);
    }

    /** Formats an instant as QuickBooks does: {@code yyyy-MM-ddTHH:mm:ss±HH:mm} in the company zone's offset then. */
    public synchronized String qbTime(Instant t) {
        return QB_TIME.format(t.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
    }

    // =====================================================================================================
    // sessions and fault hooks
    // =====================================================================================================

    /** Starts a QuickBooks session (QBWC's BeginSession); iterators of earlier sessions become invalid. */
    public synchronized void beginSession() {
        session = ++sessionCounter;
        iterators.values().removeIf(it -> it.session != session);
    }

    /** Ends the session; its iterators become invalid. */
    public synchronized void endSession() {
        session = ++sessionCounter;
        iterators.clear();
    }

    /** Invalidates every open iterator now (fault injection). */
    public synchronized void expireIterators() {
        iterators.clear();
    }

    public synchronized int openIterators() {
        return iterators.size();
    }

    /**
     * The next request of this type (e.g. "CustomerQueryRq") gets this status. Codes of 1000 and above are answered
     * without doing anything; lower codes (e.g. 500 warnings) are processed normally and then carry this status.
     * Calls queue up.
     */
    public synchronized void failNext(String requestType, int statusCode, String statusMessage) {
        String type = requestType.endsWith("Rq") ? requestType : requestType + "Rq";
        statusFaults.computeIfAbsent(type, k -> new ArrayDeque<>()).add(new StatusFault(statusCode, statusMessage));
    }

    /** Every request message set processed so far, in order (including rejected ones). */
    public synchronized List<String> requests() {
        return List.copyOf(requestLog);
    }

    // =====================================================================================================
    // customers
    // =====================================================================================================

    public QbCustomer addCustomer(String name) {
        return addCustomer(CustomerSpec.named(name));
    }

    public synchronized QbCustomer addCustomer(CustomerSpec spec) {
        return snapshot(createCustomer(spec));
    }

    public QbCustomer addJob(String parentListId, String name) {
        return addJob(parentListId, CustomerSpec.named(name));
    }

    public synchronized QbCustomer addJob(String parentListId, CustomerSpec spec) {
        Objects.requireNonNull(parentListId, "parentListId");
        spec.parent(parentListId);
        return snapshot(createCustomer(spec));
    }

    public synchronized QbCustomer editCustomer(String listId, CustomerSpec changes) {
        CustomerRow row = requireCustomer(listId);
        try {
            applyCustomerChanges(row, changes);
        } catch (QbStatusException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return snapshot(row);
    }

    public QbCustomer editCustomer(String listId, Consumer<CustomerSpec> changes) {
        CustomerSpec spec = CustomerSpec.changes();
        changes.accept(spec);
        return editCustomer(listId, spec);
    }

    public QbCustomer setActive(String listId, boolean active) {
        return editCustomer(listId, CustomerSpec.changes().active(active));
    }

    /** Deletes a customer as QuickBooks allows it: only without transactions and without jobs. */
    public synchronized void deleteCustomer(String listId) {
        CustomerRow row = requireCustomer(listId);
        if (invoices.values().stream().anyMatch(i -> i.customerId.equals(listId))
                || payments.values().stream().anyMatch(p -> p.customerId.equals(listId))) {
            throw new IllegalStateException("QuickBooks cannot delete " + fullName(row) + ": it has transactions");
        }
        if (customers.values().stream().anyMatch(c -> listId.equals(c.parentId))) {
            throw new IllegalStateException("QuickBooks cannot delete " + fullName(row) + ": it has jobs");
        }
        Instant t = stamp();
        deleted.add(new QbDeletedObject("Customer", listId, row.timeCreated, t, fullName(row)));
        fullNameIndex.remove(key(fullName(row)));
        customers.remove(listId);
        balanceCache = null;
    }

    public synchronized List<QbCustomer> customers() {
        List<QbCustomer> out = new ArrayList<>(customers.size());
        for (CustomerRow r : customers.values()) {
            out.add(snapshot(r));
        }
        return Collections.unmodifiableList(out);
    }

    public synchronized Optional<QbCustomer> customer(String listId) {
        CustomerRow r = customers.get(listId);
        return r == null ? Optional.empty() : Optional.of(snapshot(r));
    }

    /** The ListIDs of every customer and job, oldest first. */
    public synchronized List<String> customerIds() {
        return List.copyOf(customers.keySet());
    }

    public synchronized Optional<QbCustomer> customerByFullName(String fullName) {
        String id = fullNameIndex.get(key(fullName));
        return id == null ? Optional.empty() : customer(id);
    }

    // =====================================================================================================
    // invoices and payments
    // =====================================================================================================

    public synchronized QbInvoice addInvoice(InvoiceSpec spec) {
        return snapshot(createInvoice(spec));
    }

    public synchronized QbInvoice editInvoice(String txnId, InvoiceSpec changes) {
        InvoiceRow row = requireInvoice(txnId);
        applyInvoiceChanges(row, changes);
        return snapshot(row);
    }

    public QbInvoice editInvoice(String txnId, Consumer<InvoiceSpec> changes) {
        InvoiceSpec spec = InvoiceSpec.changes();
        changes.accept(spec);
        return editInvoice(txnId, spec);
    }

    /** Deletes an invoice; payments applied to it stay, as unused (credit) amounts. */
    public synchronized void deleteInvoice(String txnId) {
        InvoiceRow row = requireInvoice(txnId);
        Instant t = stamp();
        for (String payId : paymentsByInvoice.getOrDefault(txnId, List.of())) {
            PaymentRow p = payments.get(payId);
            p.applied.remove(txnId);
            touch(p, t);
        }
        paymentsByInvoice.remove(txnId);
        for (String creditId : creditsByInvoice.getOrDefault(txnId, List.of())) {
            CreditMemoRow c = creditMemos.get(creditId);
            c.applied.remove(txnId);
            touch(c, t);
        }
        creditsByInvoice.remove(txnId);
        invoices.remove(txnId);
        deleted.add(new QbDeletedObject("Invoice", txnId, row.timeCreated, t, row.refNumber));
        balanceChanged(row.customerId, t);
    }

    /** Receives a payment of {@code amount} from the invoice's customer, fully applied to that invoice. */
    public QbPayment applyPayment(String invoiceTxnId, String amount) {
        return applyPayment(invoiceTxnId, new BigDecimal(amount));
    }

    public synchronized QbPayment applyPayment(String invoiceTxnId, BigDecimal amount) {
        InvoiceRow inv = requireInvoice(invoiceTxnId);
        LinkedHashMap<String, BigDecimal> apps = new LinkedHashMap<>();
        apps.put(invoiceTxnId, money(amount));
        try {
            return snapshot(receivePayment(new PaymentRequest(inv.customerId, today(), null, money(amount), null,
                    null, null, null, apps)));
        } catch (QbStatusException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Receives a payment applied to no invoice (a deposit / credit on the customer's account). */
    public synchronized QbPayment receiveUnappliedPayment(String customerListId, BigDecimal amount) {
        requireCustomer(customerListId);
        try {
            return snapshot(receivePayment(new PaymentRequest(customerListId, today(), null, money(amount), null,
                    null, null, null, new LinkedHashMap<>())));
        } catch (QbStatusException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Deletes a received payment; the invoices it paid are open again. */
    public synchronized void deletePayment(String paymentTxnId) {
        PaymentRow p = payments.get(paymentTxnId);
        if (p == null) {
            throw new IllegalArgumentException("no payment " + paymentTxnId);
        }
        Instant t = stamp();
        for (String invId : p.applied.keySet()) {
            paymentsByInvoice.getOrDefault(invId, new ArrayList<>()).remove(paymentTxnId);
            InvoiceRow inv = invoices.get(invId);
            if (inv != null) {
                touchForPayment(inv, t);
            }
        }
        payments.remove(paymentTxnId);
        deleted.add(new QbDeletedObject("ReceivePayment", paymentTxnId, p.timeCreated, t, p.refNumber));
        balanceChanged(p.customerId, t);
    }

    public synchronized List<QbInvoice> invoices() {
        List<QbInvoice> out = new ArrayList<>(invoices.size());
        for (InvoiceRow r : invoices.values()) {
            out.add(snapshot(r));
        }
        return Collections.unmodifiableList(out);
    }

    /** The TxnIDs of every invoice, oldest first. */
    public synchronized List<String> invoiceIds() {
        return List.copyOf(invoices.keySet());
    }

    public synchronized Optional<QbInvoice> invoice(String txnId) {
        InvoiceRow r = invoices.get(txnId);
        return r == null ? Optional.empty() : Optional.of(snapshot(r));
    }

    public synchronized List<QbPayment> payments() {
        List<QbPayment> out = new ArrayList<>(payments.size());
        for (PaymentRow r : payments.values()) {
            out.add(snapshot(r));
        }
        return Collections.unmodifiableList(out);
    }

    public synchronized Optional<QbPayment> payment(String txnId) {
        PaymentRow r = payments.get(txnId);
        return r == null ? Optional.empty() : Optional.of(snapshot(r));
    }

    // ---- what a mirror cannot see coming ----

    /**
     * Runs changes that QuickBooks does not stamp: the records they edit keep their TimeModified and EditSequence
     * (what a repair utility, an import or a bug may do), so no pull by modified date finds them.
     */
    public synchronized void withoutStamping(Runnable changes) {
        stampChanges = false;
        try {
            changes.run();
        } finally {
            stampChanges = true;
        }
    }

    /** A copy of the company file as it is now, to restore later (see {@link #restoreCopy}). */
    public synchronized Object saveCopy() {
        return new FileCopy(copyRows(customers), new HashMap<>(fullNameIndex), copyRows(invoices), copyRows(payments),
                copyLists(paymentsByInvoice), copyRows(creditMemos), copyLists(creditsByInvoice), copyRows(refunds),
                new ArrayList<>(deleted));
    }

    /**
     * Puts the company file back as it was when {@code copy} was saved, as restoring an older backup of the file
     * does: what was added since is gone without a deletion record, what was changed or deleted is back as it was.
     * IDs and EditSequences handed out since are not handed out again.
     */
    public synchronized void restoreCopy(Object copy) {
        FileCopy c = (FileCopy) copy;
        replace(customers, copyRows(c.customers));
        replace(fullNameIndex, c.fullNameIndex);
        replace(invoices, copyRows(c.invoices));
        replace(payments, copyRows(c.payments));
        replace(paymentsByInvoice, copyLists(c.paymentsByInvoice));
        replace(creditMemos, copyRows(c.creditMemos));
        replace(creditsByInvoice, copyLists(c.creditsByInvoice));
        replace(refunds, copyRows(c.refunds));
        deleted.clear();
        deleted.addAll(c.deleted);
        iterators.clear();
        balanceCache = null;
    }

    private record FileCopy(Map<String, CustomerRow> customers, Map<String, String> fullNameIndex,
                            Map<String, InvoiceRow> invoices, Map<String, PaymentRow> payments,
                            Map<String, List<String>> paymentsByInvoice, Map<String, CreditMemoRow> creditMemos,
                            Map<String, List<String>> creditsByInvoice, Map<String, RefundRow> refunds,
                            List<QbDeletedObject> deleted) {
    }

    @SuppressWarnings("unchecked")
    private static <R extends Row> Map<String, R> copyRows(Map<String, R> rows) {
        Map<String, R> out = new LinkedHashMap<>();
        rows.forEach((k, v) -> out.put(k, (R) v.copyRow()));
        return out;
    }

    private static Map<String, List<String>> copyLists(Map<String, List<String>> lists) {
        Map<String, List<String>> out = new HashMap<>();
        lists.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
        return out;
    }

    private static <K, V> void replace(Map<K, V> target, Map<K, V> with) {
        target.clear();
        target.putAll(with);
    }

    // ---- credit memos ----

    /** A credit memo for the customer, of one line of {@code amount}, applied to nothing yet. */
    public synchronized QbCreditMemo addCreditMemo(String customerListId, String description, BigDecimal amount) {
        requireCustomer(customerListId);
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("a credit memo needs a positive amount");
        }
        return snapshot(createCreditMemo(customerListId, today(), null, null, List.of(new QbInvoiceLine(
                String.format("%X-%d", ++lineCounter, idSuffix(now())), "Returns", description, null, null,
                money(amount), false, null))));
    }

    private CreditMemoRow createCreditMemo(String customerId, LocalDate txnDate, String refNumber, String memo,
                                           List<QbInvoiceLine> lines) {
        Instant t = stamp();
        CreditMemoRow c = new CreditMemoRow(String.format("%X-%d", ++txnCounter, idSuffix(t)), ++seqCounter,
                ++txnNumberCounter);
        c.timeCreated = t;
        c.timeModified = t;
        c.editSequence = nextEditSequence(t);
        c.customerId = customerId;
        c.txnDate = txnDate;
        c.refNumber = refNumber != null ? refNumber : "CM-" + (++refNumberCounter);
        c.memo = memo;
        c.lines = List.copyOf(lines);
        creditMemos.put(c.txnId, c);
        balanceChanged(customerId, t);
        return c;
    }

    /** Applies {@code amount} of a credit memo's remaining credit to an invoice of the same customer. */
    public synchronized QbCreditMemo applyCredit(String creditTxnId, String invoiceTxnId, BigDecimal amount) {
        try {
            setCredit(requireCreditMemo(creditTxnId), invoiceTxnId, money(amount), stamp());
        } catch (QbStatusException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return snapshot(creditMemos.get(creditTxnId));
    }

    /** Deletes a credit memo; the invoices it was applied to are open again by that much. */
    public synchronized void deleteCreditMemo(String txnId) {
        CreditMemoRow c = requireCreditMemo(txnId);
        if (!c.refunded.isEmpty()) {
            throw new IllegalArgumentException("credit memo " + txnId + " was refunded; delete the refund first");
        }
        Instant t = stamp();
        for (String invId : c.applied.keySet()) {
            creditsByInvoice.getOrDefault(invId, new ArrayList<>()).remove(txnId);
            touchForPayment(invoices.get(invId), t);
        }
        creditMemos.remove(txnId);
        deleted.add(new QbDeletedObject("CreditMemo", txnId, c.timeCreated, t, c.refNumber));
        balanceChanged(c.customerId, t);
    }

    public synchronized List<QbCreditMemo> creditMemos() {
        return creditMemos.values().stream().map(this::snapshot).toList();
    }

    public synchronized Optional<QbCreditMemo> creditMemo(String txnId) {
        CreditMemoRow c = creditMemos.get(txnId);
        return c == null ? Optional.empty() : Optional.of(snapshot(c));
    }

    /** The deleted-objects log (what ListDeletedQuery / TxnDeletedQuery report), oldest first. */
    public synchronized List<QbDeletedObject> deletedObjects() {
        return List.copyOf(deleted);
    }

    public synchronized Set<String> deletedCustomerIds() {
        return deleted.stream().filter(d -> d.type().equals("Customer")).map(QbDeletedObject::id)
                .collect(Collectors.toUnmodifiableSet());
    }

    public synchronized Set<String> deletedInvoiceIds() {
        return deleted.stream().filter(d -> d.type().equals("Invoice")).map(QbDeletedObject::id)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Forgets log entries deleted before this instant, as QuickBooks forgets old deletions. */
    public synchronized void purgeDeletedBefore(Instant instant) {
        deleted.removeIf(d -> d.timeDeleted().isBefore(instant));
    }

    // =====================================================================================================
    // generators
    // =====================================================================================================

    /**
     * Adds n customers (about a fifth of them jobs, some of those with sub-jobs, about a tenth inactive) with names
     * that include Latin-1 accents, {@code &}, {@code <}, quotes and apostrophes, bill and ship addresses, sales tax
     * codes and custom fields. Same seed, same data.
     */
    public synchronized List<QbCustomer> generateCustomers(int n, long seed) {
        List<QbCustomer> out = new ArrayList<>(n);
        generateCustomers(n, seed, out);
        return out;
    }

    /** As {@link #generateCustomers(int, long)}, adding a snapshot of each to {@code out} unless it is null. */
    synchronized void generateCustomers(int n, long seed, List<QbCustomer> out) {
        Random rnd = new Random(seed);
        Random extra = new Random(~seed);
        List<String> parents = new ArrayList<>();
        for (String id : customers.keySet()) {
            if (sublevel(customers.get(id)) < 2) {
                parents.add(id);
            }
        }
        for (int i = 0; i < n; i++) {
            boolean job = !parents.isEmpty() && rnd.nextInt(100) < 20;
            CustomerSpec spec;
            String parentId = null;
            if (job) {
                parentId = parents.get(rnd.nextInt(parents.size()));
                spec = CustomerSpec.named(uniqueName(CompanyData.jobName(rnd), parentId));
                spec.parent(parentId);
            } else {
                spec = CustomerSpec.named(uniqueName(CompanyData.customerName(rnd), null));
            }
            CompanyData.fill(spec, rnd, job);
            CompanyData.enrich(spec, extra);
            CustomerRow row = createCustomer(spec);
            if (rnd.nextInt(100) < 10) {
                row.active = false;
            }
            if (sublevel(row) < 2) {
                parents.add(row.listId);
            }
            if (out != null) {
                out.add(snapshot(row));
            }
        }
    }

    /**
     * Adds n invoices for random active customers and jobs: item lines, group lines, description-only lines,
     * taxable and non-taxable lines, fractional quantities, service dates, several tax rates, dates over the last
     * 120 days, ship dates and custom fields. Same seed, same data.
     */
    public synchronized List<QbInvoice> generateInvoices(int n, long seed) {
        List<QbInvoice> out = new ArrayList<>(n);
        generateInvoices(n, seed, out);
        return out;
    }

    /** As {@link #generateInvoices(int, long)}, adding a snapshot of each to {@code out} unless it is null. */
    synchronized void generateInvoices(int n, long seed, List<QbInvoice> out) {
        List<String> active = customers.values().stream().filter(c -> c.active).map(c -> c.listId).toList();
        if (active.isEmpty()) {
            throw new IllegalStateException("generateInvoices needs active customers; call generateCustomers first");
        }
        Random rnd = new Random(seed);
        Random extra = new Random(~seed);
        for (int i = 0; i < n; i++) {
            InvoiceSpec spec = InvoiceSpec.forCustomer(active.get(rnd.nextInt(active.size())));
            CompanyData.fill(spec, rnd, today());
            CompanyData.enrich(spec, extra, today());
            InvoiceRow row = createInvoice(spec);
            if (out != null) {
                out.add(snapshot(row));
            }
        }
    }

    /** Applies up to n payments to random open invoices, half paying in full, half partially. */
    public synchronized List<QbPayment> generatePayments(int n, long seed) {
        List<QbPayment> out = new ArrayList<>();
        generatePayments(n, seed, out);
        return out;
    }

    /** As {@link #generatePayments(int, long)}, adding a snapshot of each to {@code out} unless it is null. */
    synchronized void generatePayments(int n, long seed, List<QbPayment> out) {
        Random rnd = new Random(seed);
        // a payment changes only the invoice it pays, so the open list is kept rather than rebuilt per payment
        List<InvoiceRow> open = new ArrayList<>(invoices.values().stream()
                .filter(inv -> balanceRemaining(inv).signum() > 0).toList());
        for (int i = 0; i < n; i++) {
            if (open.isEmpty()) {
                break;
            }
            int pick = rnd.nextInt(open.size());
            InvoiceRow inv = open.get(pick);
            BigDecimal bal = balanceRemaining(inv);
            BigDecimal amount = bal;
            long cents = bal.movePointRight(2).longValueExact();
            if (rnd.nextBoolean() && cents > 1) {
                amount = BigDecimal.valueOf(1 + (long) (rnd.nextDouble() * (cents - 1)), 2);
            }
            LinkedHashMap<String, BigDecimal> apps = new LinkedHashMap<>();
            apps.put(inv.txnId, money(amount));
            PaymentRow p = receivePayment(new PaymentRequest(inv.customerId, today(), null, money(amount), null, null,
                    null, null, apps));
            if (out != null) {
                out.add(snapshot(p));
            }
            if (balanceRemaining(inv).signum() <= 0) {
                // the last open invoice takes the paid one's place: removing from the middle of a long list is slow
                open.set(pick, open.get(open.size() - 1));
                open.remove(open.size() - 1);
            }
        }
    }

    private String uniqueName(String base, String parentId) {
        String prefix = parentId == null ? "" : fullName(customers.get(parentId)) + ":";
        String name = base;
        for (int i = 2; fullNameIndex.containsKey(key(prefix + name)); i++) {
            String suffix = " " + i;
            name = (base.length() + suffix.length() > 41 ? base.substring(0, 41 - suffix.length()) : base) + suffix;
        }
        return name;
    }

    // =====================================================================================================
    // HCP response
    // =====================================================================================================

    /** The strHCPResponse QBWC sends on the first sendRequestXML of a session (HostQuery, CompanyQuery, Preferences). */
    public synchronized String hcpResponse() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" ?><QBXML><QBXMLMsgsRs>");
        hostRs("0").write(b, false);
        companyRs("1", true).write(b, false);
        preferencesRs("2").write(b, false);
        return b.append("</QBXMLMsgsRs></QBXML>").toString();
    }

    private El hostRs(String requestId) {
        El host = El.of("HostRet").add("ProductName", productName).add("MajorVersion", majorVersion)
                .add("MinorVersion", minorVersion).add("Country", country);
        for (String v : supportedVersions) {
            host.add("SupportedQBXMLVersion", v);
        }
        host.add("IsAutomaticLogin", "false").add("QBFileMode", "SingleUser");
        return rs("HostQueryRs", requestId, 0, STATUS_OK).add(host);
    }

    private El companyRs(String requestId, boolean withDataExt) {
        El company = El.of("CompanyRet").add("IsSampleCompany", "false").add("CompanyName", companyName)
                .add("LegalCompanyName", companyName)
                .add(address("Address", QbAddress.of("100 Main Street", "Springfield", "NY", "10001", "US")))
                .add("Phone", "(555) 010-0000").add("FirstMonthFiscalYear", "January")
                .add("FirstMonthIncomeTaxYear", "January").add("EIN", "12-3456789");
        if (withDataExt) {
            if (fileId != null) {
                company.add(El.of("DataExtRet").add("OwnerID", ownerId).add("DataExtName", "FileID")
                        .add("DataExtType", "STR255TYPE").add("DataExtValue", fileId));
            }
            company.add(El.of("DataExtRet").add("OwnerID", ownerId).add("DataExtName", "AppLock")
                    .add("DataExtType", "STR1024TYPE")
                    .add("DataExtValue", "LOCKED:QBWC-WORKSTATION:" + (createdEpoch * 10_000_000L + 621_355_968_000_000_000L)));
        }
        return rs("CompanyQueryRs", requestId, 0, STATUS_OK).add(company);
    }

    private El preferencesRs(String requestId) {
        El prefs = El.of("PreferencesRet")
                .add(currencyList == null ? El.of("MultiCurrencyPreferences").add("IsMultiCurrencyOn", "false")
                        : El.of("MultiCurrencyPreferences").add("IsMultiCurrencyOn", "true").add(currencyRef(null)))
                .add(El.of("CurrentAppAccessRights").add("IsAutomaticLoginAllowed", "false")
                        .add("IsPersonalDataAccessAllowed", "false"));
        return rs("PreferencesQueryRs", requestId, 0, STATUS_OK).add(prefs);
    }

    // =====================================================================================================
    // request processing
    // =====================================================================================================

    /**
     * Answers a qbXML request message set the way QuickBooks' request processor does.
     *
     * @throws QuickBooksParseError where QuickBooks would throw 0x80040400 instead of answering
     * @throws UnsupportedOperationException for request features it does not model
     */
    public synchronized String process(String qbxmlRequest) {
        Objects.requireNonNull(qbxmlRequest, "qbxmlRequest");
        requestLog.add(qbxmlRequest);
        String text = checkCharacters(qbxmlRequest);
        Document doc;
        try {
            doc = Xml.parse(text);
        } catch (SAXException e) {
            throw new QuickBooksParseError("not well-formed: " + e.getMessage());
        }
        checkVersion(doc);
        if (requestCheck != null) {
            List<String> errors = requestCheck.apply(doc);
            if (!errors.isEmpty()) {
                throw new QuickBooksParseError("schema: " + String.join("; ", errors));
            }
        }
        Element root = doc.getDocumentElement();
        if (!name(root).equals("QBXML")) {
            throw new QuickBooksParseError("root element is " + name(root) + ", not QBXML");
        }
        if (child(root, "SignonMsgsRq") != null || child(root, "QBXMLSubscriptionMsgsRq") != null) {
            throw new UnsupportedOperationException("the simulated QuickBooks models QBXMLMsgsRq only");
        }
        Element msgs = child(root, "QBXMLMsgsRq");
        if (msgs == null) {
            throw new QuickBooksParseError("no QBXMLMsgsRq");
        }
        if (msgs.hasAttribute("oldMessageSetID") || msgs.hasAttribute("newMessageSetID")) {
            throw new UnsupportedOperationException("the simulated QuickBooks does not model qbXML error recovery (message set IDs)");
        }
        String onError = msgs.getAttribute("onError");
        El out = El.of("QBXMLMsgsRs");
        for (Element rq : elements(msgs)) {
            El rs = handle(rq);
            out.add(rs);
            if ("Error".equals(rs.attrs.get("statusSeverity")) && !"continueOnError".equals(onError)) {
                break;
            }
        }
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" ?>\n<QBXML>\n");
        out.write(b, true);
        return b.append("</QBXML>\n").toString();
    }

    private String checkCharacters(String xml) {
        int bad = -1;
        for (int i = 0; i < xml.length(); i++) {
            if (xml.charAt(i) > 0xFF) {
                bad = i;
                break;
            }
        }
        if (bad < 0) {
            return xml;
        }
        if (!ISO_8859_1_DECL.matcher(xml).find()) {
            throw new QuickBooksParseError(String.format("character U+%04X at offset %d is outside ISO-8859-1",
                    xml.codePointAt(bad), bad));
        }
        StringBuilder b = new StringBuilder(xml.length());
        xml.codePoints().forEach(cp -> b.append(cp > 0xFF ? '?' : (char) cp));
        return b.toString();
    }

    private static void checkVersion(Document doc) {
        for (Node n = doc.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                break;
            }
            if (n instanceof ProcessingInstruction pi && pi.getTarget().equals("qbxml")) {
                Matcher m = QBXML_VERSION.matcher(pi.getData());
                if (!m.find()) {
                    throw new QuickBooksParseError("qbxml processing instruction without a version: " + pi.getData());
                }
                int major = Integer.parseInt(m.group(1));
                int minor = Integer.parseInt(m.group(2));
                if (major > 13 || (major == 13 && minor > 0)) {
                    throw new QuickBooksParseError("qbXML version " + major + "." + minor + " is above 13.0");
                }
                return;
            }
        }
        throw new QuickBooksParseError("no <?qbxml version=\"X.Y\"?> before the QBXML element");
    }

    private El handle(Element rq) {
        String type = name(rq);
        String requestId = attr(rq, "requestID");
        String rsName = type.endsWith("Rq") ? type.substring(0, type.length() - 2) + "Rs" : type + "Rs";
        StatusFault fault = Optional.ofNullable(statusFaults.get(type)).map(Deque::poll).orElse(null);
        if (fault != null && fault.code >= 1000) {
            return rs(rsName, requestId, fault.code, fault.message);
        }
        El rs;
        try {
            rs = switch (type) {
                case "CustomerQueryRq" -> query(rq, rsName, this::matchCustomers, customerRenderer(rq));
                case "InvoiceQueryRq" -> query(rq, rsName, this::matchInvoices, invoiceRenderer(rq));
                case "ReceivePaymentQueryRq" -> query(rq, rsName, this::matchPayments, paymentRenderer(rq));
                case "CreditMemoQueryRq" -> query(rq, rsName, this::matchCreditMemos, creditMemoRenderer(rq));
                case "ListDeletedQueryRq" -> deletedQuery(rq, rsName, true);
                case "TxnDeletedQueryRq" -> deletedQuery(rq, rsName, false);
                case "CustomerModRq" -> customerMod(rq, rsName);
                case "ReceivePaymentAddRq" -> receivePaymentAdd(rq, rsName);
                case "CreditMemoAddRq" -> creditMemoAdd(rq, rsName);
                case "ARRefundCreditCardAddRq" -> refundAdd(rq, rsName);
                case "ARRefundCreditCardQueryRq" -> query(rq, rsName, this::matchRefunds, refundRenderer(rq));
                case "HostQueryRq" -> hostRs(requestId);
                case "CompanyQueryRq" -> companyRs(requestId, childTexts(rq, "OwnerID").contains(ownerId));
                case "PreferencesQueryRq" -> preferencesRs(requestId);
                case "CurrencyQueryRq" -> currencyQuery(rq, rsName);
                default -> throw new UnsupportedOperationException("the simulated QuickBooks does not model " + type);
            };
        } catch (QbStatusException e) {
            rs = rs(rsName, requestId, e.code, e.getMessage());
        }
        if (fault != null) {
            rs.attrs.put("statusCode", Integer.toString(fault.code));
            rs.attrs.put("statusSeverity", severity(fault.code));
            rs.attrs.put("statusMessage", fault.message);
        }
        return rs;
    }

    static El rs(String rsName, String requestId, int code, String message) {
        return El.of(rsName).attr("requestID", requestId).attr("statusCode", code).attr("statusSeverity", severity(code))
                .attr("statusMessage", message);
    }

    static String severity(int code) {
        return code < 500 ? "Info" : code < 1000 ? "Warn" : "Error";
    }

    // ---- generic query with iterators ----

    private record Match(List<String> ids, int code, String message) {
        static Match of(List<String> ids) {
            return new Match(ids, 0, null);
        }
    }

    private static final class IteratorState {
        final String id;
        final int session;
        final String rsName;
        final List<String> ids;
        final int pageSize;
        int pos;

        IteratorState(String id, int session, String rsName, List<String> ids, int pageSize) {
            this.id = id;
            this.session = session;
            this.rsName = rsName;
            this.ids = ids;
            this.pageSize = pageSize;
        }
    }

    private El query(Element rq, String rsName, Function<Element, Match> matcher, Function<String, El> renderer) {
        String requestId = attr(rq, "requestID");
        String iterator = attr(rq, "iterator");
        Integer maxReturned = integer(childText(rq, "MaxReturned"));
        if ("Continue".equals(iterator) || "Stop".equals(iterator)) {
            String id = attr(rq, "iteratorID");
            IteratorState it = id == null ? null : iterators.get(id);
            if (it == null || it.session != session || !it.rsName.equals(rsName)) {
                return rs(rsName, requestId, 3391, "The iteratorID \"" + id + "\" is not valid.");
            }
            if ("Stop".equals(iterator)) {
                iterators.remove(id);
                return rs(rsName, requestId, 0, STATUS_OK).attr("iteratorRemainingCount", 0).attr("iteratorID", id);
            }
            return page(rq, rsName, it, maxReturned != null ? maxReturned : it.pageSize, renderer);
        }
        Match m = matcher.apply(rq);
        if (m.code >= 1000) {
            return rs(rsName, requestId, m.code, m.message);
        }
        if ("MetaDataOnly".equals(attr(rq, "metaData"))) {
            return rs(rsName, requestId, 0, STATUS_OK).attr("retCount", m.ids.size());
        }
        if ("Start".equals(iterator)) {
            IteratorState it = new IteratorState("{" + UUID.randomUUID() + "}", session, rsName, List.copyOf(m.ids),
                    maxReturned != null ? maxReturned : Math.max(1, m.ids.size()));
            iterators.put(it.id, it);
            return page(rq, rsName, it, it.pageSize, renderer);
        }
        List<String> ids = m.ids;
        if (maxReturned != null && ids.size() > maxReturned) {
            ids = ids.subList(0, maxReturned);
        }
        List<El> rets = render(rq, ids, renderer);
        El out;
        if (m.code != 0) {
            out = rs(rsName, requestId, m.code, m.message);
        } else if (rets.isEmpty()) {
            out = rs(rsName, requestId, 1, NO_MATCH);
        } else {
            out = rs(rsName, requestId, 0, STATUS_OK);
        }
        if ("MetaDataAndResponseData".equals(attr(rq, "metaData"))) {
            out.attr("retCount", rets.size());
        }
        rets.forEach(out::add);
        return out;
    }

    private El page(Element rq, String rsName, IteratorState it, int pageSize, Function<String, El> renderer) {
        int from = it.pos;
        int to = Math.min(it.ids.size(), from + Math.max(0, pageSize));
        it.pos = to;
        int remaining = it.ids.size() - to;
        List<El> rets = render(rq, it.ids.subList(from, to), renderer);
        El out = rets.isEmpty() ? rs(rsName, attr(rq, "requestID"), 1, NO_MATCH)
                : rs(rsName, attr(rq, "requestID"), 0, STATUS_OK);
        out.attr("iteratorRemainingCount", remaining).attr("iteratorID", it.id);
        rets.forEach(out::add);
        if (remaining == 0) {
            iterators.remove(it.id);
        }
        return out;
    }

    private List<El> render(Element rq, List<String> ids, Function<String, El> renderer) {
        Set<String> only = new HashSet<>(childTexts(rq, "IncludeRetElement"));
        List<El> rets = new ArrayList<>(ids.size());
        for (String id : ids) {
            El ret = renderer.apply(id);
            if (ret != null) {
                if (!only.isEmpty()) {
                    ret.keepOnly(only::contains);
                }
                rets.add(ret);
            }
        }
        if (!rets.isEmpty()) {
            boolean byId = child(rq, "ListID") != null || child(rq, "TxnID") != null;
            returned.merge(rets.get(0).name + (byId ? " by ID" : ""), (long) rets.size(), Long::sum);
        }
        return rets;
    }

    /** ID lists: all missing → 3120 (ListID/TxnID) or 500 (names); some missing → 500 with what was found. */
    private Match byKeys(List<String> keys, Function<String, String> lookup, boolean idKeys) {
        List<String> found = new ArrayList<>();
        String missing = null;
        for (String k : keys) {
            String id = lookup.apply(k);
            if (id == null) {
                if (missing == null) {
                    missing = k;
                }
            } else if (!found.contains(id)) {
                found.add(id);
            }
        }
        if (missing == null) {
            return Match.of(found);
        }
        if ((found.isEmpty() || anyMissingIdFailsQuery) && idKeys) {
            return new Match(found, 3120, "Object \"" + missing + "\" specified in the request cannot be found.  "
                    + "QuickBooks error message: Invalid argument.  The specified record does not exist in the list.");
        }
        return new Match(found, 500, "The query request has not been fully completed. There was a required element (\""
                + missing + "\") that could not be found in QuickBooks.");
    }

    private static Integer integer(String s) {
        return s == null || s.isBlank() ? null : Integer.valueOf(s.trim());
    }

    // ---- customer query ----

    private Match matchCustomers(Element rq) {
        List<String> listIds = childTexts(rq, "ListID");
        if (!listIds.isEmpty()) {
            return byKeys(listIds, k -> customers.containsKey(k) && visibleById(customers.get(k)) ? k : null, true);
        }
        List<String> fullNames = childTexts(rq, "FullName");
        if (!fullNames.isEmpty()) {
            return byKeys(fullNames, k -> {
                String id = fullNameIndex.get(key(k));
                return id != null && visibleById(customers.get(id)) ? id : null;
            }, false);
        }
        if (child(rq, "CurrencyFilter") != null || child(rq, "ClassFilter") != null) {
            throw new UnsupportedOperationException("the simulated QuickBooks does not model CurrencyFilter / ClassFilter");
        }
        String active = Optional.ofNullable(childText(rq, "ActiveStatus")).orElse("ActiveOnly");
        Instant from = parseDateTime(childText(rq, "FromModifiedDate"), false);
        Instant to = parseDateTime(childText(rq, "ToModifiedDate"), true);
        Predicate<String> name = nameFilter(child(rq, "NameFilter"), child(rq, "NameRangeFilter"));
        Predicate<BigDecimal> total = amountFilter(child(rq, "TotalBalanceFilter"));
        Map<String, BigDecimal[]> bal = balances();
        List<CustomerRow> rows = new ArrayList<>();
        for (CustomerRow c : customers.values()) {
            if (active.equals("ActiveOnly") && !c.active || active.equals("InactiveOnly") && c.active) {
                continue;
            }
            if (!inRange(c.timeModified, from, to) || !name.test(fullName(c))
                    || !total.test(bal.get(c.listId)[1])) {
                continue;
            }
            rows.add(c);
        }
        rows.sort(Comparator.comparing((CustomerRow c) -> c.timeModified).thenComparingLong(c -> c.seq));
        return Match.of(rows.stream().map(c -> c.listId).toList());
    }

    private boolean visibleById(CustomerRow c) {
        return c.active || !idQueriesActiveOnly;
    }

    private static Predicate<String> nameFilter(Element nameFilter, Element nameRange) {
        if (nameFilter != null) {
            return matchCriterion(childText(nameFilter, "MatchCriterion"), childText(nameFilter, "Name"));
        }
        if (nameRange != null) {
            String from = childText(nameRange, "FromName");
            String to = childText(nameRange, "ToName");
            return v -> (from == null || v.compareToIgnoreCase(from) >= 0) && (to == null || v.compareToIgnoreCase(to) <= 0);
        }
        return v -> true;
    }

    private static Predicate<String> matchCriterion(String criterion, String value) {
        String needle = value.toLowerCase(Locale.ROOT);
        return v -> {
            if (v == null) {
                return false;
            }
            String s = v.toLowerCase(Locale.ROOT);
            return switch (criterion) {
                case "StartsWith" -> s.startsWith(needle);
                case "Contains" -> s.contains(needle);
                case "EndsWith" -> s.endsWith(needle);
                default -> throw new QuickBooksParseError("MatchCriterion " + criterion);
            };
        };
    }

    private static Predicate<BigDecimal> amountFilter(Element f) {
        if (f == null) {
            return v -> true;
        }
        BigDecimal amount = new BigDecimal(childText(f, "Amount"));
        String op = childText(f, "Operator");
        return v -> {
            int c = v.compareTo(amount);
            return switch (op) {
                case "LessThan" -> c < 0;
                case "LessThanEqual" -> c <= 0;
                case "Equal" -> c == 0;
                case "GreaterThan" -> c > 0;
                case "GreaterThanEqual" -> c >= 0;
                default -> throw new QuickBooksParseError("Operator " + op);
            };
        };
    }

    private static boolean inRange(Instant t, Instant from, Instant to) {
        return (from == null || !t.isBefore(from)) && (to == null || !t.isAfter(to));
    }

    /**
     * Reads a DATETIMETYPE filter value. Without an offset it is local time in the company zone. Missing parts are
     * the start of the period for a From value and its end for a To value ("2024-03-10" as To = 23:59:59 that day).
     */
    Instant parseDateTime(String s, boolean endOfPeriod) {
        if (s == null || s.isBlank()) {
            return null;
        }
        Matcher m = DATETIME.matcher(s.trim());
        if (!m.matches()) {
            throw new QuickBooksParseError("bad date/time " + s);
        }
        int hour = m.group(4) == null ? (endOfPeriod ? 23 : 0) : Integer.parseInt(m.group(4));
        int minute = m.group(5) == null ? (endOfPeriod ? 59 : 0) : Integer.parseInt(m.group(5));
        int second = m.group(6) == null ? (endOfPeriod ? 59 : 0) : Integer.parseInt(m.group(6));
        LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), hour, minute, second);
        if (m.group(7) != null) {
            String[] hm = m.group(7).substring(1).split(":");
            int sign = m.group(7).charAt(0) == '-' ? -1 : 1;
            ZoneOffset off = ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(hm[0]), sign * Integer.parseInt(hm[1]));
            return OffsetDateTime.of(local, off).toInstant();
        }
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    private static LocalDate parseDate(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s.trim());
        } catch (DateTimeParseException e) {
            throw new QuickBooksParseError("bad date " + s);
        }
    }

    private Function<String, El> customerRenderer(Element rq) {
        if (!childTexts(rq, "OwnerID").stream().allMatch(o -> o.equals("0") || o.equals(ownerId))) {
            throw new UnsupportedOperationException("the simulated QuickBooks models no data extensions for other OwnerIDs");
        }
        boolean customFields = childTexts(rq, "OwnerID").contains("0");
        return id -> {
            CustomerRow c = customers.get(id);
            return c == null ? null : customerRet(c, customFields);
        };
    }

    /** Custom fields as QuickBooks returns them for OwnerID 0: public data extensions, in the order they were made. */
    private static void addCustomFields(El ret, Map<String, String> fields) {
        fields.forEach((name, value) -> ret.add(El.of("DataExtRet").add("OwnerID", "0").add("DataExtName", name)
                .add("DataExtType", "STR255TYPE").add("DataExtValue", value)));
    }

    // ---- invoice and payment queries ----

    private interface TxnView {
        Instant timeModified();

        LocalDate txnDate();

        String customerId();

        String refNumber();
    }

    private Match matchInvoices(Element rq) {
        List<String> ids = childTexts(rq, "TxnID");
        if (!ids.isEmpty()) {
            return byKeys(ids, k -> invoices.containsKey(k) ? k : null, true);
        }
        Predicate<TxnView> filter = txnFilter(rq);
        String paid = Optional.ofNullable(childText(rq, "PaidStatus")).orElse("All");
        List<InvoiceRow> rows = new ArrayList<>();
        for (InvoiceRow inv : invoices.values()) {
            boolean isPaid = balanceRemaining(inv).signum() == 0;
            if (paid.equals("PaidOnly") && !isPaid || paid.equals("NotPaidOnly") && isPaid) {
                continue;
            }
            if (filter.test(inv)) {
                rows.add(inv);
            }
        }
        rows.sort(Comparator.comparing((InvoiceRow r) -> r.timeModified).thenComparingLong(r -> r.seq));
        return Match.of(rows.stream().map(r -> r.txnId).toList());
    }

    private Match matchPayments(Element rq) {
        List<String> ids = childTexts(rq, "TxnID");
        if (!ids.isEmpty()) {
            return byKeys(ids, k -> payments.containsKey(k) ? k : null, true);
        }
        Predicate<TxnView> filter = txnFilter(rq);
        List<PaymentRow> rows = new ArrayList<>();
        for (PaymentRow p : payments.values()) {
            if (filter.test(p)) {
                rows.add(p);
            }
        }
        rows.sort(Comparator.comparing((PaymentRow r) -> r.timeModified).thenComparingLong(r -> r.seq));
        return Match.of(rows.stream().map(r -> r.txnId).toList());
    }

    private Match matchRefunds(Element rq) {
        List<String> ids = childTexts(rq, "TxnID");
        if (!ids.isEmpty()) {
            return byKeys(ids, k -> refunds.containsKey(k) ? k : null, true);
        }
        Predicate<TxnView> filter = txnFilter(rq);
        return Match.of(refunds.values().stream().filter(filter)
                .sorted(Comparator.comparing((RefundRow r) -> r.timeModified).thenComparingInt(r -> r.txnNumber))
                .map(r -> r.txnId).toList());
    }

    private Function<String, El> refundRenderer(Element rq) {
        if (!childTexts(rq, "OwnerID").isEmpty()) {
            throw new UnsupportedOperationException("the simulated QuickBooks models no data extensions on refunds");
        }
        return id -> {
            RefundRow r = refunds.get(id);
            return r == null ? null : refundRet(r);
        };
    }

    private Predicate<TxnView> txnFilter(Element rq) {
        List<String> refs = childTexts(rq, "RefNumber");
        if (!refs.isEmpty()) {
            Set<String> wanted = refs.stream().map(SimulatedQuickBooks::key).collect(Collectors.toSet());
            return t -> t.refNumber() != null && wanted.contains(key(t.refNumber()));
        }
        List<String> refsCs = childTexts(rq, "RefNumberCaseSensitive");
        if (!refsCs.isEmpty()) {
            Set<String> wanted = new HashSet<>(refsCs);
            return t -> t.refNumber() != null && wanted.contains(t.refNumber());
        }
        if (child(rq, "AccountFilter") != null || child(rq, "CurrencyFilter") != null) {
            throw new UnsupportedOperationException("the simulated QuickBooks does not model AccountFilter / CurrencyFilter");
        }
        List<Predicate<TxnView>> parts = new ArrayList<>();
        Element mod = child(rq, "ModifiedDateRangeFilter");
        if (mod != null) {
            Instant from = parseDateTime(childText(mod, "FromModifiedDate"), false);
            Instant to = parseDateTime(childText(mod, "ToModifiedDate"), true);
            parts.add(t -> inRange(t.timeModified(), from, to));
        }
        Element txnDates = child(rq, "TxnDateRangeFilter");
        if (txnDates != null) {
            LocalDate[] range = child(txnDates, "DateMacro") != null
                    ? dateMacro(childText(txnDates, "DateMacro"))
                    : new LocalDate[] {parseDate(childText(txnDates, "FromTxnDate")), parseDate(childText(txnDates, "ToTxnDate"))};
            parts.add(t -> (range[0] == null || !t.txnDate().isBefore(range[0]))
                    && (range[1] == null || !t.txnDate().isAfter(range[1])));
        }
        Element entity = child(rq, "EntityFilter");
        if (entity != null) {
            Set<String> allowed = entityIds(entity);
            parts.add(t -> allowed.contains(t.customerId()));
        }
        Element refFilter = child(rq, "RefNumberFilter");
        if (refFilter != null) {
            Predicate<String> p = matchCriterion(childText(refFilter, "MatchCriterion"), childText(refFilter, "RefNumber"));
            parts.add(t -> p.test(t.refNumber()));
        }
        Element refRange = child(rq, "RefNumberRangeFilter");
        if (refRange != null) {
            String from = childText(refRange, "FromRefNumber");
            String to = childText(refRange, "ToRefNumber");
            parts.add(t -> t.refNumber() != null && (from == null || compareRef(t.refNumber(), from) >= 0)
                    && (to == null || compareRef(t.refNumber(), to) <= 0));
        }
        return t -> parts.stream().allMatch(p -> p.test(t));
    }

    private static int compareRef(String a, String b) {
        if (a.matches("\\d{1,18}") && b.matches("\\d{1,18}")) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        return a.compareToIgnoreCase(b);
    }

    private Set<String> entityIds(Element entity) {
        Set<String> out = new HashSet<>();
        for (String id : childTexts(entity, "ListID")) {
            out.add(id);
        }
        for (String fn : childTexts(entity, "FullName")) {
            Optional.ofNullable(fullNameIndex.get(key(fn))).ifPresent(out::add);
        }
        String root = childText(entity, "ListIDWithChildren");
        if (root == null && childText(entity, "FullNameWithChildren") != null) {
            root = fullNameIndex.get(key(childText(entity, "FullNameWithChildren")));
            if (root == null) {
                return out;
            }
        }
        if (root != null) {
            out.add(root);
            boolean grew = true;
            while (grew) {
                grew = false;
                for (CustomerRow c : customers.values()) {
                    if (c.parentId != null && out.contains(c.parentId) && out.add(c.listId)) {
                        grew = true;
                    }
                }
            }
        }
        return out;
    }

    private LocalDate[] dateMacro(String macro) {
        LocalDate today = today();
        LocalDate weekStart = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
        return switch (macro) {
            case "All" -> new LocalDate[] {null, null};
            case "Today" -> new LocalDate[] {today, today};
            case "Yesterday" -> new LocalDate[] {today.minusDays(1), today.minusDays(1)};
            case "ThisWeek" -> new LocalDate[] {weekStart, weekStart.plusDays(6)};
            case "ThisWeekToDate" -> new LocalDate[] {weekStart, today};
            case "LastWeek" -> new LocalDate[] {weekStart.minusDays(7), weekStart.minusDays(1)};
            case "ThisMonth" -> new LocalDate[] {today.withDayOfMonth(1), today.with(TemporalAdjusters.lastDayOfMonth())};
            case "ThisMonthToDate" -> new LocalDate[] {today.withDayOfMonth(1), today};
            case "LastMonth" -> new LocalDate[] {today.minusMonths(1).withDayOfMonth(1), today.withDayOfMonth(1).minusDays(1)};
            case "ThisCalendarYear" -> new LocalDate[] {today.withDayOfYear(1), today.with(TemporalAdjusters.lastDayOfYear())};
            case "ThisCalendarYearToDate" -> new LocalDate[] {today.withDayOfYear(1), today};
            case "LastCalendarYear" -> new LocalDate[] {today.minusYears(1).withDayOfYear(1), today.withDayOfYear(1).minusDays(1)};
            default -> throw new UnsupportedOperationException("the simulated QuickBooks does not model DateMacro " + macro);
        };
    }

    private Function<String, El> invoiceRenderer(Element rq) {
        boolean lines = "true".equals(childText(rq, "IncludeLineItems")) || "1".equals(childText(rq, "IncludeLineItems"));
        boolean linked = "true".equals(childText(rq, "IncludeLinkedTxns")) || "1".equals(childText(rq, "IncludeLinkedTxns"));
        if (!childTexts(rq, "OwnerID").stream().allMatch(o -> o.equals("0"))) {
            throw new UnsupportedOperationException("the simulated QuickBooks models only custom fields (OwnerID 0) on invoices");
        }
        boolean customFields = !childTexts(rq, "OwnerID").isEmpty();
        return id -> {
            InvoiceRow r = invoices.get(id);
            return r == null ? null : invoiceRet(r, lines, linked, customFields);
        };
    }

    private Function<String, El> paymentRenderer(Element rq) {
        if (!childTexts(rq, "OwnerID").isEmpty()) {
            throw new UnsupportedOperationException("the simulated QuickBooks models no data extensions on payments");
        }
        return id -> {
            PaymentRow r = payments.get(id);
            return r == null ? null : paymentRet(r);
        };
    }

    // ---- deleted objects ----

    private El deletedQuery(Element rq, String rsName, boolean lists) {
        Set<String> types = new HashSet<>(childTexts(rq, lists ? "ListDelType" : "TxnDelType"));
        Element range = child(rq, "DeletedDateRangeFilter");
        Instant from = range == null ? null : parseDateTime(childText(range, "FromDeletedDate"), false);
        Instant to = range == null ? null : parseDateTime(childText(range, "ToDeletedDate"), true);
        List<QbDeletedObject> rows = deleted.stream()
                .filter(d -> d.isList() == lists && types.contains(d.type()) && inRange(d.timeDeleted(), from, to))
                .sorted(Comparator.comparing(QbDeletedObject::timeDeleted)).toList();
        Set<String> only = new HashSet<>(childTexts(rq, "IncludeRetElement"));
        El out = rows.isEmpty() ? rs(rsName, attr(rq, "requestID"), 1, NO_MATCH)
                : rs(rsName, attr(rq, "requestID"), 0, STATUS_OK);
        for (QbDeletedObject d : rows) {
            El ret = lists
                    ? El.of("ListDeletedRet").add("ListDelType", d.type()).add("ListID", d.id())
                            .add("TimeCreated", qbTime(d.timeCreated())).add("TimeDeleted", qbTime(d.timeDeleted()))
                            .add("FullName", d.name())
                    : El.of("TxnDeletedRet").add("TxnDelType", d.type()).add("TxnID", d.id())
                            .add("TimeCreated", qbTime(d.timeCreated())).add("TimeDeleted", qbTime(d.timeDeleted()))
                            .add("RefNumber", d.name());
            if (!only.isEmpty()) {
                ret.keepOnly(only::contains);
            }
            out.add(ret);
        }
        if (!rows.isEmpty()) {
            returned.merge(lists ? "ListDeletedRet" : "TxnDeletedRet", (long) rows.size(), Long::sum);
        }
        return out;
    }

    // ---- CustomerMod ----

    private static final Set<String> MOD_STRINGS = Set.of("Name", "CompanyName", "Salutation", "FirstName", "MiddleName",
            "LastName", "JobTitle", "Phone", "Mobile", "AltPhone", "Fax", "Email", "Cc", "Contact", "AltContact",
            "AccountNumber", "Notes");

    private El customerMod(Element rq, String rsName) {
        String requestId = attr(rq, "requestID");
        Element mod = child(rq, "CustomerMod");
        String listId = childText(mod, "ListID");
        String editSequence = childText(mod, "EditSequence");
        CustomerRow row = customers.get(listId);
        if (row == null) {
            return rs(rsName, requestId, 3120, "Object \"" + listId + "\" specified in the request cannot be found.  "
                    + "QuickBooks error message: Invalid argument.  The specified record does not exist in the list.");
        }
        Set<String> only = new HashSet<>(childTexts(rq, "IncludeRetElement"));
        if (!row.editSequence.equals(editSequence)) {
            El ret = customerRet(row);
            if (!only.isEmpty()) {
                ret.keepOnly(only::contains);
            }
            return rs(rsName, requestId, 3200, "The provided edit sequence \"" + editSequence + "\" is out-of-date. ")
                    .add(ret);
        }
        CustomerSpec spec = CustomerSpec.changes();
        for (Element e : elements(mod)) {
            String n = name(e);
            String v = e.getTextContent();
            if (n.equals("ListID") || n.equals("EditSequence")) {
                continue;
            }
            if (MOD_STRINGS.contains(n)) {
                spec.values.put(n, v.isEmpty() ? null : v);
            } else if (n.equals("IsActive")) {
                if (!v.isBlank()) {
                    spec.active(v.equals("true") || v.equals("1"));
                }
            } else if (n.equals("ParentRef")) {
                spec.parent(resolveCustomerRef(e, 3140));
            } else if (n.equals("BillAddress") || n.equals("ShipAddress")) {
                Map<String, String> parts = new LinkedHashMap<>();
                for (Element p : elements(e)) {
                    parts.put(name(p), p.getTextContent());
                }
                spec.addressChanges(n, parts);
            } else if (n.equals("TermsRef")) {
                spec.terms(resolveOtherRef("Terms", e, "Terms"));
            } else {
                throw new UnsupportedOperationException("the simulated QuickBooks does not model CustomerMod/" + n);
            }
        }
        try {
            applyCustomerChanges(row, spec);
        } catch (QbStatusException ex) {
            return rs(rsName, requestId, ex.code, ex.getMessage());
        }
        El ret = customerRet(row);
        if (!only.isEmpty()) {
            ret.keepOnly(only::contains);
        }
        return rs(rsName, requestId, 0, STATUS_OK).add(ret);
    }

    private String resolveCustomerRef(Element ref, int code) {
        String listId = childText(ref, "ListID");
        String fullName = childText(ref, "FullName");
        String id = listId != null ? (customers.containsKey(listId) ? listId : null) : fullNameIndex.get(key(fullName));
        if (id == null) {
            throw new QbStatusException(code, "There is an invalid reference to QuickBooks Customer \""
                    + (listId != null ? listId : fullName) + "\".  QuickBooks error message: Invalid argument.  "
                    + "The specified record does not exist in the list.");
        }
        return id;
    }

    private String resolveOtherRef(String kind, Element ref, String what) {
        String fullName = childText(ref, "FullName");
        String listId = childText(ref, "ListID");
        if (fullName != null) {
            return fullName.isEmpty() ? null : fullName;
        }
        for (Map.Entry<String, String> e : otherListIds.entrySet()) {
            if (e.getValue().equals(listId) && e.getKey().startsWith(kind + "|")) {
                return e.getKey().substring(kind.length() + 1);
            }
        }
        throw new QbStatusException(3140, "There is an invalid reference to QuickBooks " + what + " \"" + listId + "\".");
    }

    // ---- ReceivePaymentAdd ----

    private El receivePaymentAdd(Element rq, String rsName) {
        String requestId = attr(rq, "requestID");
        Element add = child(rq, "ReceivePaymentAdd");
        if (add.hasAttribute("defMacro")) {
            throw new UnsupportedOperationException("the simulated QuickBooks does not model defMacro/useMacro");
        }
        if (child(add, "CreditCardTxnInfo") != null) {
            throw new UnsupportedOperationException("the simulated QuickBooks does not model ReceivePaymentAdd/CreditCardTxnInfo");
        }
        String customerId = resolveCustomerRef(child(add, "CustomerRef"), 3140);
        BigDecimal exchangeRate = exchangeRate(childText(add, "ExchangeRate"), customers.get(customerId));
        checkArAccount(add, "Receive Payment");
        LocalDate txnDate = Optional.ofNullable(parseDate(childText(add, "TxnDate"))).orElse(today());
        String ref = blankToNull(childText(add, "RefNumber"));
        String total = childText(add, "TotalAmount");
        String method = listRef(child(add, "PaymentMethodRef"), "PaymentMethod", paymentMethods, "Payment Method");
        String memo = blankToNull(childText(add, "Memo"));
        String deposit = listRef(child(add, "DepositToAccountRef"), "Account", depositAccounts, "Account");
        String guid = blankToNull(childText(add, "ExternalGUID"));
        LinkedHashMap<String, BigDecimal> apps = new LinkedHashMap<>();
        List<CreditUse> credits = new ArrayList<>();
        List<Element> applied = children(add, "AppliedToTxnAdd");
        BigDecimal totalAmount = total == null || total.isBlank() ? null : money(new BigDecimal(total));
        if (applied.isEmpty()) {
            if (totalAmount == null) {
                totalAmount = money(BigDecimal.ZERO);
            }
            if ("true".equals(childText(add, "IsAutoApply")) || "1".equals(childText(add, "IsAutoApply"))) {
                apps = autoApply(customerId, totalAmount);
            }
        } else {
            BigDecimal rest = totalAmount;
            for (Element a : applied) {
                for (String unsupported : List.of("TxnLineDetail", "DiscountAmount", "DiscountAccountRef",
                        "DiscountClassRef")) {
                    if (child(a, unsupported) != null) {
                        throw new UnsupportedOperationException("the simulated QuickBooks does not model AppliedToTxnAdd/" + unsupported);
                    }
                }
                String txnId = txnIdOf(a, "TxnID");
                InvoiceRow inv = invoices.get(txnId);
                if (inv == null || !inv.customerId.equals(customerId)) {
                    throw invalidTxnRef(txnId, "Receive Payment");
                }
                String amountText = childText(a, "PaymentAmount");
                BigDecimal amount;
                if (amountText == null || amountText.isBlank()) {
                    BigDecimal open = balanceRemaining(inv).subtract(apps.getOrDefault(txnId, BigDecimal.ZERO));
                    amount = rest == null ? open : open.min(rest).max(BigDecimal.ZERO);
                } else {
                    amount = money(new BigDecimal(amountText));
                }
                if (rest != null) {
                    rest = rest.subtract(amount);
                }
                apps.merge(txnId, amount, BigDecimal::add);
                for (Element sc : children(a, "SetCredit")) {
                    credits.add(creditUse(sc, customerId, txnId));
                }
            }
            checkCredits(credits, apps);
            if (totalAmount == null) {
                totalAmount = money(apps.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
            }
        }
        PaymentRow p = receivePayment(new PaymentRequest(customerId, txnDate, ref, totalAmount, method, memo, deposit,
                guid, apps));
        if (exchangeRate != null) {
            p.exchangeRate = exchangeRate;
        }
        Instant t = p.timeCreated;
        for (CreditUse c : credits) {
            setCredit(creditMemos.get(c.creditTxnId), c.invoiceTxnId, c.amount, t);
        }
        return rs(rsName, requestId, 0, STATUS_OK).add(paymentRet(p));
    }

    /**
     * The ExchangeRate of a ReceivePaymentAdd, checked as QuickBooks checks it: only in a multicurrency file, positive,
     * and 1 for a customer in the home currency. Null when none was sent (the currency's current rate applies).
     */
    private BigDecimal exchangeRate(String text, CustomerRow customer) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (currencyList == null) {
            throw new QbStatusException(3250, "This feature is not enabled or not available in this version of"
                    + " QuickBooks. The \"ExchangeRate\" field needs multicurrency.");
        }
        BigDecimal rate = new BigDecimal(text.strip());
        if (rate.signum() <= 0 || currencyList.isHome(customer.currency) && rate.compareTo(BigDecimal.ONE) != 0) {
            throw new QbStatusException(3210, "The \"ExchangeRate\" field has an invalid value \"" + text.strip()
                    + "\".  QuickBooks error message: The exchange rate of the home currency is 1.");
        }
        return rate;
    }

    /** The TxnID a request names in its child {@code name} (macros are not modelled). */
    private static String txnIdOf(Element parent, String name) {
        Element id = child(parent, name);
        if (id.hasAttribute("useMacro")) {
            throw new UnsupportedOperationException("the simulated QuickBooks does not model defMacro/useMacro");
        }
        return id.getTextContent();
    }

    private static QbStatusException invalidTxnRef(String txnId, String where) {
        return new QbStatusException(3140, "There is an invalid reference to QuickBooks Transaction \"" + txnId
                + "\" in the " + where + ".  QuickBooks error message: Invalid argument.  "
                + "The specified record does not exist in the list.");
    }

    /** A SetCredit of a ReceivePaymentAdd: credit of a credit memo applied to one invoice. */
    private record CreditUse(String creditTxnId, String invoiceTxnId, BigDecimal amount) {
    }

    private CreditUse creditUse(Element setCredit, String customerId, String invoiceTxnId) {
        if (child(setCredit, "TxnLineID") != null) {
            throw new UnsupportedOperationException("the simulated QuickBooks does not model SetCredit/TxnLineID");
        }
        String creditId = txnIdOf(setCredit, "CreditTxnID");
        CreditMemoRow c = creditMemos.get(creditId);
        if (c == null || !c.customerId.equals(customerId)) {
            throw invalidTxnRef(creditId, "Receive Payment");
        }
        return new CreditUse(creditId, invoiceTxnId, money(new BigDecimal(childText(setCredit, "AppliedAmount"))));
    }

    /**
     * Every credit used is positive and within what is left of its credit memo, and no invoice gets more payment and
     * credit than it has open; checked before anything is saved, so a refused request changes nothing.
     */
    private void checkCredits(List<CreditUse> credits, Map<String, BigDecimal> payments) {
        Map<String, BigDecimal> perCredit = new HashMap<>();
        Map<String, BigDecimal> perInvoice = new HashMap<>(payments);
        for (CreditUse c : credits) {
            BigDecimal used = perCredit.merge(c.creditTxnId, c.amount, BigDecimal::add);
            BigDecimal onInvoice = perInvoice.merge(c.invoiceTxnId, c.amount, BigDecimal::add);
            if (c.amount.signum() <= 0 || used.compareTo(creditRemaining(creditMemos.get(c.creditTxnId))) > 0
                    || onInvoice.compareTo(balanceRemaining(invoices.get(c.invoiceTxnId))) > 0) {
                throw new QbStatusException(3210, "The \"SetCredit AppliedAmount\" field has an invalid value \""
                        + c.amount.toPlainString() + "\".  QuickBooks error message: The credit applied is more than"
                        + " the credit available or the amount due.");
            }
        }
    }

    // ---- CreditMemoAdd ----

    private static final Set<String> CREDIT_MEMO_ADD_MODELLED = Set.of("CustomerRef", "ARAccountRef", "TxnDate",
            "RefNumber", "Memo", "IsToBePrinted", "IsToBeEmailed", "ExternalGUID", "CreditMemoLineAdd");
    private static final Set<String> CREDIT_MEMO_LINE_MODELLED = Set.of("ItemRef", "Desc", "Quantity", "Rate",
            "Amount", "IsTaxable", "SalesTaxCodeRef");

    private El creditMemoAdd(Element rq, String rsName) {
        String requestId = attr(rq, "requestID");
        Element add = child(rq, "CreditMemoAdd");
        if (add.hasAttribute("defMacro")) {
            throw new UnsupportedOperationException("the simulated QuickBooks does not model defMacro/useMacro");
        }
        for (Element e : elements(add)) {
            if (!CREDIT_MEMO_ADD_MODELLED.contains(name(e))) {
                throw new UnsupportedOperationException("the simulated QuickBooks does not model CreditMemoAdd/" + name(e));
            }
        }
        String customerId = resolveCustomerRef(child(add, "CustomerRef"), 3140);
        checkArAccount(add, "Credit Memo");
        List<QbInvoiceLine> lines = new ArrayList<>();
        Instant t = now();
        for (Element l : children(add, "CreditMemoLineAdd")) {
            for (Element e : elements(l)) {
                if (!CREDIT_MEMO_LINE_MODELLED.contains(name(e))) {
                    throw new UnsupportedOperationException("the simulated QuickBooks does not model CreditMemoLineAdd/"
                            + name(e));
                }
            }
            String item = null;
            Element itemRef = child(l, "ItemRef");
            if (itemRef != null) {
                String fullName = childText(itemRef, "FullName");
                String listId = childText(itemRef, "ListID");
                item = items.stream().filter(k -> k.equalsIgnoreCase(fullName) || otherId("Item", k).equals(listId))
                        .findFirst().orElseThrow(() -> new QbStatusException(3140, "There is an invalid reference to"
                                + " QuickBooks Item \"" + (fullName != null ? fullName : listId) + "\" in the Credit"
                                + " Memo line.  QuickBooks error message: Invalid argument.  The specified record does"
                                + " not exist in the list."));
            }
            BigDecimal quantity = decimalOrNull(childText(l, "Quantity"));
            BigDecimal rate = decimalOrNull(childText(l, "Rate"));
            BigDecimal amount = decimalOrNull(childText(l, "Amount"));
            if (amount == null && quantity != null && rate != null) {
                amount = quantity.multiply(rate);
            }
            if (item == null && amount != null) {
                throw new QbStatusException(3045, "There was an error when saving a Credit Memo line.  QuickBooks"
                        + " error message: A line with an amount needs an item.");
            }
            if (amount != null && amount.signum() < 0) {
                throw new QbStatusException(3210, "The \"Amount\" field has an invalid value \"" + amount.toPlainString()
                        + "\".  QuickBooks error message: A credit memo line cannot be negative.");
            }
            lines.add(new QbInvoiceLine(String.format("%X-%d", ++lineCounter, idSuffix(t)), item,
                    childText(l, "Desc"), quantity, rate, amount == null ? null : money(amount),
                    "true".equals(childText(l, "IsTaxable")), null));
        }
        CreditMemoRow c = createCreditMemo(customerId, Optional.ofNullable(parseDate(childText(add, "TxnDate")))
                .orElse(today()), blankToNull(childText(add, "RefNumber")), blankToNull(childText(add, "Memo")), lines);
        return rs(rsName, requestId, 0, STATUS_OK).add(creditMemoRet(c, true, true));
    }

    private static BigDecimal decimalOrNull(String s) {
        return s == null || s.isBlank() ? null : new BigDecimal(s.strip());
    }

    private void checkArAccount(Element add, String what) {
        Element ar = child(add, "ARAccountRef");
        if (ar != null && !AR_ACCOUNT.equalsIgnoreCase(Objects.toString(childText(ar, "FullName"), ""))
                && !otherId("Account", AR_ACCOUNT).equals(childText(ar, "ListID"))) {
            throw new QbStatusException(3140, "There is an invalid reference to QuickBooks Account \""
                    + Objects.toString(childText(ar, "FullName"), childText(ar, "ListID")) + "\" in the " + what + ".");
        }
    }

    // ---- ARRefundCreditCardAdd ----

    private El refundAdd(Element rq, String rsName) {
        String requestId = attr(rq, "requestID");
        Element add = child(rq, "ARRefundCreditCardAdd");
        if (add.hasAttribute("defMacro")) {
            throw new UnsupportedOperationException("the simulated QuickBooks does not model defMacro/useMacro");
        }
        for (String unsupported : List.of("Address", "CreditCardTxnInfo", "ExchangeRate")) {
            if (child(add, unsupported) != null) {
                throw new UnsupportedOperationException("the simulated QuickBooks does not model ARRefundCreditCardAdd/"
                        + unsupported);
            }
        }
        String customerId = resolveCustomerRef(child(add, "CustomerRef"), 3140);
        checkArAccount(add, "Refund");
        String from = listRef(child(add, "RefundFromAccountRef"), "Account", depositAccounts, "Account");
        if (from == null) {
            throw new QbStatusException(3180, "There was an error when saving a ARRefundCreditCard.  QuickBooks error"
                    + " message: Please choose the account the refund is paid from.");
        }
        String method = listRef(child(add, "PaymentMethodRef"), "PaymentMethod", paymentMethods, "Payment Method");
        LinkedHashMap<String, BigDecimal> from0 = new LinkedHashMap<>();
        for (Element a : children(add, "RefundAppliedToTxnAdd")) {
            String creditId = txnIdOf(a, "TxnID");
            CreditMemoRow c = creditMemos.get(creditId);
            if (c == null || !c.customerId.equals(customerId)) {
                throw invalidTxnRef(creditId, "Refund");
            }
            BigDecimal amount = money(new BigDecimal(childText(a, "RefundAmount")));
            BigDecimal used = from0.merge(creditId, amount, BigDecimal::add);
            if (amount.signum() <= 0 || used.compareTo(creditRemaining(c)) > 0) {
                throw new QbStatusException(3210, "The \"RefundAmount\" field has an invalid value \""
                        + amount.toPlainString() + "\".  QuickBooks error message: The refund is more than the credit"
                        + " available.");
            }
        }
        Instant t = stamp();
        RefundRow r = new RefundRow(String.format("%X-%d", ++txnCounter, idSuffix(t)), ++txnNumberCounter);
        r.timeCreated = t;
        r.timeModified = t;
        r.editSequence = nextEditSequence(t);
        r.customerId = customerId;
        r.txnDate = Optional.ofNullable(parseDate(childText(add, "TxnDate"))).orElse(today());
        r.refNumber = blankToNull(childText(add, "RefNumber"));
        r.refundFrom = from;
        r.paymentMethod = method;
        r.memo = blankToNull(childText(add, "Memo"));
        r.applied = from0;
        refunds.put(r.txnId, r);
        for (Map.Entry<String, BigDecimal> e : from0.entrySet()) {
            CreditMemoRow c = creditMemos.get(e.getKey());
            c.refunded.put(r.txnId, e.getValue());
            touch(c, t);
        }
        balanceChanged(customerId, t);
        return rs(rsName, requestId, 0, STATUS_OK).add(refundRet(r));
    }

    private El refundRet(RefundRow r) {
        CustomerRow c = customers.get(r.customerId);
        El ret = El.of("ARRefundCreditCardRet").add("TxnID", r.txnId).add("TimeCreated", qbTime(r.timeCreated))
                .add("TimeModified", qbTime(r.timeModified)).add("EditSequence", r.editSequence)
                .add("TxnNumber", r.txnNumber).add(ref("CustomerRef", c.listId, fullName(c)))
                .add(ref("RefundFromAccountRef", otherId("Account", r.refundFrom), r.refundFrom))
                .add(ref("ARAccountRef", otherId("Account", AR_ACCOUNT), AR_ACCOUNT)).add("TxnDate", r.txnDate)
                .add("RefNumber", r.refNumber).add("TotalAmount", m(r.total()));
        if (r.paymentMethod != null) {
            ret.add(ref("PaymentMethodRef", otherId("PaymentMethod", r.paymentMethod), r.paymentMethod));
        }
        ret.add("Memo", r.memo);
        for (Map.Entry<String, BigDecimal> a : r.applied.entrySet()) {
            CreditMemoRow cm = creditMemos.get(a.getKey());
            ret.add(El.of("RefundAppliedToTxnRet").add("TxnID", cm.txnId).add("TxnType", "CreditMemo")
                    .add("TxnDate", cm.txnDate).add("RefNumber", cm.refNumber)
                    .add("CreditRemaining", m(creditRemaining(cm))).add("RefundAmount", m(a.getValue())));
        }
        return ret;
    }

    public synchronized List<QbRefund> refunds() {
        return refunds.values().stream().map(r -> new QbRefund(r.txnId, r.timeCreated, r.customerId, r.txnDate,
                r.refNumber, r.total(), r.refundFrom, r.paymentMethod, r.memo, r.applied.entrySet().stream()
                .map(e -> new QbAppliedTxn(e.getKey(), e.getValue())).toList())).toList();
    }

    private String listRef(Element ref, String kind, Set<String> known, String what) {
        if (ref == null) {
            return null;
        }
        String fullName = childText(ref, "FullName");
        String listId = childText(ref, "ListID");
        for (String k : known) {
            if (k.equalsIgnoreCase(fullName) || otherId(kind, k).equals(listId)) {
                return k;
            }
        }
        throw new QbStatusException(3140, "There is an invalid reference to QuickBooks " + what + " \""
                + (fullName != null ? fullName : listId) + "\" in the Receive Payment.  QuickBooks error message: "
                + "Invalid argument.  The specified record does not exist in the list.");
    }

    private LinkedHashMap<String, BigDecimal> autoApply(String customerId, BigDecimal total) {
        LinkedHashMap<String, BigDecimal> apps = new LinkedHashMap<>();
        List<InvoiceRow> open = invoices.values().stream()
                .filter(i -> i.customerId.equals(customerId) && balanceRemaining(i).signum() > 0)
                .sorted(Comparator.comparing((InvoiceRow i) -> i.txnDate).thenComparingInt(i -> i.txnNumber)).toList();
        for (InvoiceRow i : open) {
            if (balanceRemaining(i).compareTo(total) == 0) {
                apps.put(i.txnId, total);
                return apps;
            }
        }
        BigDecimal rest = total;
        for (InvoiceRow i : open) {
            if (rest.signum() <= 0) {
                break;
            }
            BigDecimal a = balanceRemaining(i).min(rest);
            apps.put(i.txnId, a);
            rest = rest.subtract(a);
        }
        return apps;
    }

    // =====================================================================================================
    // state changes (shared by the test API and the request handlers)
    // =====================================================================================================

    private CustomerRow createCustomer(CustomerSpec spec) {
        Object name = spec.values.get("Name");
        if (!(name instanceof String) || ((String) name).isBlank()) {
            throw new IllegalArgumentException("a customer needs a Name");
        }
        String parentId = (String) spec.values.get("ParentRef");
        if (parentId != null) {
            CustomerRow parent = requireCustomer(parentId);
            if (sublevel(parent) >= 4) {
                throw new IllegalArgumentException("QuickBooks allows at most five levels of jobs");
            }
        }
        checkName((String) name);
        String fullName = (parentId == null ? "" : fullName(customers.get(parentId)) + ":") + name;
        if (fullNameIndex.containsKey(key(fullName))) {
            throw new IllegalArgumentException("The name \"" + fullName + "\" of the list element is already in use.");
        }
        if (spec.values.get("TermsRef") == null && spec.values.get("ParentRef") != null) {
            spec.values.putIfAbsent("TermsRef", customers.get(parentId).terms);
        }
        Instant t = stamp();
        CustomerRow row = new CustomerRow(String.format("%08X-%d", ++listCounter, idSuffix(t)), ++seqCounter);
        row.timeCreated = t;
        row.timeModified = t;
        row.editSequence = nextEditSequence(t);
        row.name = (String) name;
        row.parentId = parentId;
        // a job is in its customer's currency
        row.currency = parentId == null ? null : customers.get(parentId).currency;
        customers.put(row.listId, row);
        fullNameIndex.put(key(fullName), row.listId);
        CustomerSpec rest = CustomerSpec.changes();
        spec.values.forEach((k, v) -> {
            if (!k.equals("Name") && !k.equals("ParentRef")) {
                rest.values.put(k, v);
            }
        });
        setFields(row, rest);
        if (balanceCache != null) {
            BigDecimal zero = BigDecimal.ZERO.setScale(2);
            balanceCache.put(row.listId, new BigDecimal[] {zero, zero});
        }
        return row;
    }

    private static void checkName(String name) {
        if (name.length() > 41) {
            throw new QbStatusException(3070, "The string \"" + name + "\" in the field \"Name\" is too long.");
        }
        if (name.contains(":")) {
            throw new QbStatusException(3020, "The name \"" + name + "\" may not contain a colon.");
        }
    }

    private void applyCustomerChanges(CustomerRow row, CustomerSpec spec) {
        Map<String, Object> v = spec.values;
        String newName = v.containsKey("Name") ? (String) v.get("Name") : row.name;
        if (newName == null || newName.isBlank()) {
            throw new QbStatusException(3150, "There is a missing element: \"Name\".");
        }
        String newParent = v.containsKey("ParentRef") ? (String) v.get("ParentRef") : row.parentId;
        boolean moved = !newName.equals(row.name) || !Objects.equals(newParent, row.parentId);
        if (moved) {
            checkName(newName);
            for (String p = newParent; p != null; p = customers.get(p).parentId) {
                if (p.equals(row.listId)) {
                    throw new QbStatusException(3130, "There is an invalid reference to a parent \"" + newParent
                            + "\" in the Customers list.");
                }
            }
            String newFull = (newParent == null ? "" : fullName(customers.get(newParent)) + ":") + newName;
            String holder = fullNameIndex.get(key(newFull));
            if (holder != null && !holder.equals(row.listId)) {
                throw new QbStatusException(3100, "The name \"" + newFull + "\" of the list element is already in use.");
            }
        }
        Instant t = stamp();
        if (moved) {
            List<CustomerRow> subtree = subtree(row);
            subtree.forEach(c -> fullNameIndex.remove(key(fullName(c))));
            row.name = newName;
            row.parentId = newParent;
            for (CustomerRow c : subtree) {
                fullNameIndex.put(key(fullName(c)), c.listId);
                if (c != row && parentChangesTouchJobs) {
                    touch(c, t);
                }
            }
        }
        setFields(row, spec);
        touch(row, t);
        if (moved) {
            balanceCache = null;
        }
    }

    private static void setFields(CustomerRow row, CustomerSpec spec) {
        for (Map.Entry<String, Object> e : spec.values.entrySet()) {
            Object v = e.getValue();
            String s = v instanceof String str && !str.isEmpty() ? str : null;
            switch (e.getKey()) {
                case "Name", "ParentRef" -> {
                    // handled by the caller
                }
                case "IsActive" -> row.active = v == null || (Boolean) v;
                case "CompanyName" -> row.companyName = s;
                case "Salutation" -> row.salutation = s;
                case "FirstName" -> row.firstName = s;
                case "MiddleName" -> row.middleName = s;
                case "LastName" -> row.lastName = s;
                case "JobTitle" -> row.jobTitle = s;
                case "Phone" -> row.phone = s;
                case "Mobile" -> row.mobile = s;
                case "AltPhone" -> row.altPhone = s;
                case "Fax" -> row.fax = s;
                case "Email" -> row.email = s;
                case "Cc" -> row.cc = s;
                case "Contact" -> row.contact = s;
                case "AltContact" -> row.altContact = s;
                case "TermsRef" -> row.terms = s;
                case "AccountNumber" -> row.accountNumber = s;
                case "Notes" -> row.notes = s;
                case "SalesTaxCodeRef" -> row.salesTaxCode = s;
                case "ItemSalesTaxRef" -> row.itemSalesTax = s;
                case "DataExt" -> setCustomFields(row.customFields, v);
                case "BillAddress" -> row.billAddress = mergeAddress(row.billAddress, v);
                case "ShipAddress" -> row.shipAddress = mergeAddress(row.shipAddress, v);
                default -> throw new IllegalArgumentException("unknown customer field " + e.getKey());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void setCustomFields(Map<String, String> fields, Object changes) {
        ((Map<String, String>) changes).forEach((name, value) -> {
            if (value == null) {
                fields.remove(name);
            } else {
                fields.put(name, value);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static QbAddress mergeAddress(QbAddress current, Object v) {
        if (v == null || v instanceof QbAddress) {
            return (QbAddress) v;
        }
        Map<String, String> parts = (Map<String, String>) v;
        return (current == null ? new QbAddress(null, null, null, null, null, null, null, null, null, null) : current)
                .merge(parts);
    }

    private List<CustomerRow> subtree(CustomerRow root) {
        List<CustomerRow> out = new ArrayList<>();
        out.add(root);
        for (int i = 0; i < out.size(); i++) {
            String id = out.get(i).listId;
            for (CustomerRow c : customers.values()) {
                if (id.equals(c.parentId)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private InvoiceRow createInvoice(InvoiceSpec spec) {
        String customerId = (String) spec.values.get("CustomerRef");
        CustomerRow customer = requireCustomer(customerId);
        if (!customer.active) {
            throw new IllegalStateException("QuickBooks does not invoice the inactive customer " + fullName(customer));
        }
        Instant t = stamp();
        InvoiceRow row = new InvoiceRow(String.format("%X-%d", ++txnCounter, idSuffix(t)), ++seqCounter,
                ++txnNumberCounter);
        row.timeCreated = t;
        row.timeModified = t;
        row.editSequence = nextEditSequence(t);
        row.customerId = customerId;
        row.txnDate = today();
        row.terms = customer.terms;
        row.billAddress = customer.billAddress;
        row.shipAddress = customer.shipAddress;
        row.itemSalesTax = customer.itemSalesTax;
        row.customerSalesTaxCode = customer.salesTaxCode;
        row.salesTaxPercentage = BigDecimal.ZERO;
        row.lines = List.of();
        row.currency = customer.currency;
        row.exchangeRate = currencyList == null ? null : currencyList.entry(customer.currency).rate();
        setInvoiceFields(row, spec);
        if (!spec.values.containsKey("RefNumber")) {
            row.refNumber = Long.toString(++refNumberCounter);
        } else if (row.refNumber != null && row.refNumber.matches("\\d{1,18}")) {
            refNumberCounter = Math.max(refNumberCounter, Long.parseLong(row.refNumber));
        }
        if (!spec.values.containsKey("DueDate")) {
            row.dueDate = dueDate(row.txnDate, row.terms);
        }
        invoices.put(row.txnId, row);
        balanceChanged(row.customerId, t);
        return row;
    }

    private void applyInvoiceChanges(InvoiceRow row, InvoiceSpec spec) {
        if (spec.values.containsKey("CustomerRef") && !spec.values.get("CustomerRef").equals(row.customerId)) {
            requireCustomer((String) spec.values.get("CustomerRef"));
            if (!paymentsByInvoice.getOrDefault(row.txnId, List.of()).isEmpty()) {
                throw new IllegalStateException("QuickBooks does not move an invoice with payments to another customer");
            }
        }
        InvoiceRow probe = row.copy();
        setInvoiceFields(probe, spec);
        if ((spec.values.containsKey("TermsRef") || spec.values.containsKey("TxnDate")) && !spec.values.containsKey("DueDate")) {
            probe.dueDate = dueDate(probe.txnDate, probe.terms);
        }
        if (total(probe).compareTo(applied(row)) < 0) {
            throw new IllegalStateException("the new total " + total(probe) + " is below the " + applied(row)
                    + " already paid on invoice " + row.txnId);
        }
        String oldCustomer = row.customerId;
        setInvoiceFields(row, spec);
        row.dueDate = probe.dueDate;
        Instant t = stamp();
        touch(row, t);
        balanceChanged(oldCustomer, t);
        balanceChanged(row.customerId, t);
    }

    private void setInvoiceFields(InvoiceRow row, InvoiceSpec spec) {
        for (Map.Entry<String, Object> e : spec.values.entrySet()) {
            Object v = e.getValue();
            switch (e.getKey()) {
                case "CustomerRef" -> row.customerId = (String) v;
                case "TxnDate" -> row.txnDate = v == null ? today() : (LocalDate) v;
                case "DueDate" -> row.dueDate = (LocalDate) v;
                case "RefNumber" -> row.refNumber = (String) v;
                case "TermsRef" -> row.terms = (String) v;
                case "PONumber" -> row.poNumber = (String) v;
                case "Memo" -> row.memo = (String) v;
                case "BillAddress" -> row.billAddress = (QbAddress) v;
                case "ShipAddress" -> row.shipAddress = (QbAddress) v;
                case "ShipDate" -> row.shipDate = (LocalDate) v;
                case "ItemSalesTaxRef" -> row.itemSalesTax = (String) v;
                case "IsToBeEmailed" -> row.toBeEmailed = v != null && (Boolean) v;
                case "DataExt" -> setCustomFields(row.customFields, v);
                case "SalesTaxPercentage" -> row.salesTaxPercentage = v == null ? BigDecimal.ZERO : (BigDecimal) v;
                default -> throw new IllegalArgumentException("unknown invoice field " + e.getKey());
            }
        }
        if (spec.lines != null) {
            row.lines = buildLines(spec.lines);
        }
    }

    private List<QbLine> buildLines(List<InvoiceLineSpec> specs) {
        long epoch = idSuffix(now());
        List<QbLine> out = new ArrayList<>();
        for (InvoiceLineSpec s : specs) {
            if (s instanceof LineSpec l) {
                out.add(line(l, epoch));
            } else if (s instanceof GroupSpec g) {
                String id = String.format("%X-%d", ++lineCounter, epoch);
                List<QbInvoiceLine> lines = new ArrayList<>();
                BigDecimal total = money(BigDecimal.ZERO);
                for (LineSpec l : g.lines()) {
                    QbInvoiceLine line = line(l, epoch);
                    lines.add(line);
                    if (line.amount() != null) {
                        total = total.add(line.amount());
                    }
                }
                out.add(new QbInvoiceLineGroup(id, g.itemGroup(), g.desc(), BigDecimal.ONE, g.printItemsInGroup(), total,
                        lines));
            }
        }
        return List.copyOf(out);
    }

    private QbInvoiceLine line(LineSpec l, long epoch) {
        return new QbInvoiceLine(String.format("%X-%d", ++lineCounter, epoch), l.item(), l.desc(), l.quantity(), l.rate(),
                l.amount() == null ? null : money(l.amount()), l.isTaxable(), l.serviceDate());
    }

    private static LocalDate dueDate(LocalDate txnDate, String terms) {
        if (terms != null) {
            Matcher m = Pattern.compile("(?i)net\\s*(\\d+)").matcher(terms);
            if (m.find()) {
                return txnDate.plusDays(Integer.parseInt(m.group(1)));
            }
        }
        return txnDate;
    }

    private record PaymentRequest(String customerId, LocalDate txnDate, String refNumber, BigDecimal total,
                                  String method, String memo, String depositTo, String externalGuid,
                                  LinkedHashMap<String, BigDecimal> applications) {
    }

    private PaymentRow receivePayment(PaymentRequest r) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> a : r.applications.entrySet()) {
            InvoiceRow inv = invoices.get(a.getKey());
            if (inv == null || !inv.customerId.equals(r.customerId)) {
                throw new QbStatusException(3140, "There is an invalid reference to QuickBooks Transaction \""
                        + a.getKey() + "\" in the Receive Payment.");
            }
            if (a.getValue().signum() < 0 || a.getValue().compareTo(balanceRemaining(inv)) > 0) {
                throw new QbStatusException(3210, "The \"AppliedToTxnAdd payment amount\" field has an invalid value \""
                        + money(a.getValue()).toPlainString()
                        + "\".  QuickBooks error message: You cannot pay more than the amount due.");
            }
            sum = sum.add(a.getValue());
        }
        if (r.total.signum() < 0) {
            throw new QbStatusException(3210, "The \"TotalAmount\" field has an invalid value \"" + r.total.toPlainString()
                    + "\".  QuickBooks error message: The payment amount cannot be negative.");
        }
        if (sum.compareTo(r.total) > 0) {
            throw new QbStatusException(3210, "The \"TotalAmount\" field has an invalid value \"" + r.total.toPlainString()
                    + "\".  QuickBooks error message: The amount applied to invoices is more than the payment amount.");
        }
        Instant t = stamp();
        PaymentRow p = new PaymentRow(String.format("%X-%d", ++txnCounter, idSuffix(t)), ++seqCounter,
                ++txnNumberCounter);
        p.timeCreated = t;
        p.timeModified = t;
        p.editSequence = nextEditSequence(t);
        p.customerId = r.customerId;
        p.txnDate = r.txnDate;
        p.refNumber = r.refNumber;
        p.totalAmount = money(r.total);
        p.paymentMethod = r.method;
        p.memo = r.memo;
        p.depositTo = r.depositTo != null ? r.depositTo : "Undeposited Funds";
        p.externalGuid = r.externalGuid;
        p.currency = customers.get(r.customerId).currency;
        p.exchangeRate = currencyList == null ? null : currencyList.entry(p.currency).rate();
        payments.put(p.txnId, p);
        for (Map.Entry<String, BigDecimal> a : r.applications.entrySet()) {
            if (a.getValue().signum() == 0) {
                continue;
            }
            p.applied.put(a.getKey(), money(a.getValue()));
            paymentsByInvoice.computeIfAbsent(a.getKey(), k -> new ArrayList<>()).add(p.txnId);
            touchForPayment(invoices.get(a.getKey()), t);
        }
        balanceChanged(p.customerId, t);
        return p;
    }

    // =====================================================================================================
    // rendering
    // =====================================================================================================

    private El customerRet(CustomerRow c) {
        return customerRet(c, false);
    }

    private El customerRet(CustomerRow c, boolean customFields) {
        BigDecimal[] bal = balances().get(c.listId);
        El r = El.of("CustomerRet").add("ListID", c.listId).add("TimeCreated", qbTime(c.timeCreated))
                .add("TimeModified", qbTime(c.timeModified)).add("EditSequence", c.editSequence).add("Name", c.name)
                .add("FullName", fullName(c)).add("IsActive", c.active);
        if (c.parentId != null) {
            r.add(ref("ParentRef", c.parentId, fullName(customers.get(c.parentId))));
        }
        r.add("Sublevel", sublevel(c)).add("CompanyName", c.companyName).add("Salutation", c.salutation)
                .add("FirstName", c.firstName).add("MiddleName", c.middleName).add("LastName", c.lastName)
                .add("JobTitle", c.jobTitle).add(address("BillAddress", c.billAddress))
                .add(addressBlock("BillAddressBlock", c.billAddress)).add(address("ShipAddress", c.shipAddress))
                .add(addressBlock("ShipAddressBlock", c.shipAddress)).add("Phone", c.phone).add("Mobile", c.mobile)
                .add("AltPhone", c.altPhone).add("Fax", c.fax).add("Email", c.email).add("Cc", c.cc)
                .add("Contact", c.contact).add("AltContact", c.altContact);
        if (c.terms != null) {
            r.add(ref("TermsRef", otherId("Terms", c.terms), c.terms));
        }
        r.add("Balance", m(bal[0])).add("TotalBalance", m(bal[1]));
        if (c.salesTaxCode != null) {
            r.add(ref("SalesTaxCodeRef", otherId("SalesTaxCode", c.salesTaxCode), c.salesTaxCode));
        }
        if (c.itemSalesTax != null) {
            r.add(ref("ItemSalesTaxRef", otherId("ItemSalesTax", c.itemSalesTax), c.itemSalesTax));
        }
        r.add("AccountNumber", c.accountNumber).add("JobStatus", "None").add("Notes", c.notes);
        if (currencyList != null) {
            r.add(currencyRef(c.currency == null ? currencyList.home() : c.currency));
        }
        if (customFields) {
            addCustomFields(r, c.customFields);
        }
        return r;
    }

    private El invoiceRet(InvoiceRow i, boolean includeLines, boolean includeLinked, boolean customFields) {
        CustomerRow c = customers.get(i.customerId);
        BigDecimal subtotal = subtotal(i);
        BigDecimal tax = salesTax(i);
        BigDecimal applied = applied(i);
        BigDecimal balance = subtotal.add(tax).subtract(applied);
        El r = El.of("InvoiceRet").add("TxnID", i.txnId).add("TimeCreated", qbTime(i.timeCreated))
                .add("TimeModified", qbTime(i.timeModified)).add("EditSequence", i.editSequence)
                .add("TxnNumber", i.txnNumber).add(ref("CustomerRef", c.listId, fullName(c)))
                .add(ref("ARAccountRef", otherId("Account", AR_ACCOUNT), AR_ACCOUNT))
                .add(ref("TemplateRef", otherId("Template", "Intuit Product Invoice"), "Intuit Product Invoice"))
                .add("TxnDate", i.txnDate).add("RefNumber", i.refNumber).add(address("BillAddress", i.billAddress))
                .add(addressBlock("BillAddressBlock", i.billAddress)).add(address("ShipAddress", i.shipAddress))
                .add(addressBlock("ShipAddressBlock", i.shipAddress))
                .add("IsPending", false).add("IsFinanceCharge", false).add("PONumber", i.poNumber);
        if (i.terms != null) {
            r.add(ref("TermsRef", otherId("Terms", i.terms), i.terms));
        }
        r.add("DueDate", i.dueDate).add("ShipDate", i.shipDate).add("Subtotal", m(subtotal));
        if (i.salesTaxPercentage.signum() != 0) {
            String item = i.itemSalesTax != null ? i.itemSalesTax : "Sales Tax";
            r.add(ref("ItemSalesTaxRef", otherId("ItemSalesTax", item), item));
        }
        r.add("SalesTaxPercentage", decimal(i.salesTaxPercentage)).add("SalesTaxTotal", m(tax))
                .add("AppliedAmount", m(applied.negate())).add("BalanceRemaining", m(balance));
        if (currencyList != null) {
            r.add(currencyRef(currencyList.entry(i.currency).code())).add("ExchangeRate", decimal(i.exchangeRate))
                    .add("BalanceRemainingInHomeCurrency", m(CurrencyList.inHome(balance, i.exchangeRate)));
        }
        r.add("Memo", i.memo)
                .add("IsPaid", balance.signum() == 0).add("IsToBePrinted", false).add("IsToBeEmailed", i.toBeEmailed);
        if (i.customerSalesTaxCode != null) {
            r.add(ref("CustomerSalesTaxCodeRef", otherId("SalesTaxCode", i.customerSalesTaxCode),
                    i.customerSalesTaxCode));
        }
        if (includeLinked) {
            for (QbLinkedTxn l : linkedTxns(i)) {
                r.add(El.of("LinkedTxn").add("TxnID", l.txnId()).add("TxnType", l.txnType()).add("TxnDate", l.txnDate())
                        .add("RefNumber", l.refNumber()).add("LinkType", l.linkType()).add("Amount", m(l.amount())));
            }
        }
        if (includeLines) {
            for (QbLine line : i.lines) {
                if (line instanceof QbInvoiceLine l) {
                    r.add(lineRet(l));
                } else if (line instanceof QbInvoiceLineGroup g) {
                    El ge = El.of("InvoiceLineGroupRet").add("TxnLineID", g.txnLineId())
                            .add(ref("ItemGroupRef", otherId("Item", g.itemGroup()), g.itemGroup())).add("Desc", g.desc())
                            .add("Quantity", decimal(g.quantity())).add("IsPrintItemsInGroup", g.printItemsInGroup())
                            .add("TotalAmount", m(g.totalAmount()));
                    g.lines().forEach(l -> ge.add(lineRet(l)));
                    r.add(ge);
                }
            }
        }
        if (customFields) {
            addCustomFields(r, i.customFields);
        }
        return r;
    }

    private El lineRet(QbInvoiceLine l) {
        return lineRet("InvoiceLineRet", l);
    }

    private El lineRet(String element, QbInvoiceLine l) {
        El e = El.of(element).add("TxnLineID", l.txnLineId());
        if (l.item() != null) {
            e.add(ref("ItemRef", otherId("Item", l.item()), l.item()));
        }
        e.add("Desc", l.desc()).add("Quantity", decimal(l.quantity())).add("Rate", rate(l.rate()))
                .add("Amount", l.amount() == null ? null : m(l.amount())).add("ServiceDate", l.serviceDate());
        if (l.item() != null) {
            String code = l.taxable() ? "Tax" : "Non";
            e.add(ref("SalesTaxCodeRef", otherId("SalesTaxCode", code), code));
        }
        return e;
    }

    private El paymentRet(PaymentRow p) {
        CustomerRow c = customers.get(p.customerId);
        El r = El.of("ReceivePaymentRet").add("TxnID", p.txnId).add("TimeCreated", qbTime(p.timeCreated))
                .add("TimeModified", qbTime(p.timeModified)).add("EditSequence", p.editSequence)
                .add("TxnNumber", p.txnNumber).add(ref("CustomerRef", c.listId, fullName(c)))
                .add(ref("ARAccountRef", otherId("Account", AR_ACCOUNT), AR_ACCOUNT)).add("TxnDate", p.txnDate)
                .add("RefNumber", p.refNumber).add("TotalAmount", m(p.totalAmount));
        if (currencyList != null) {
            r.add(currencyRef(currencyList.entry(p.currency).code())).add("ExchangeRate", decimal(p.exchangeRate))
                    .add("TotalAmountInHomeCurrency", m(CurrencyList.inHome(p.totalAmount, p.exchangeRate)));
        }
        if (p.paymentMethod != null) {
            r.add(ref("PaymentMethodRef", otherId("PaymentMethod", p.paymentMethod), p.paymentMethod));
        }
        r.add("Memo", p.memo).add(ref("DepositToAccountRef", otherId("Account", p.depositTo), p.depositTo))
                .add("UnusedPayment", m(unused(p))).add("UnusedCredits", "0.00").add("ExternalGUID", p.externalGuid);
        for (Map.Entry<String, BigDecimal> a : p.applied.entrySet()) {
            InvoiceRow inv = invoices.get(a.getKey());
            r.add(El.of("AppliedToTxnRet").add("TxnID", inv.txnId).add("TxnType", "Invoice").add("TxnDate", inv.txnDate)
                    .add("RefNumber", inv.refNumber).add("BalanceRemaining", m(balanceRemaining(inv)))
                    .add("Amount", m(a.getValue())));
        }
        return r;
    }

    /** The CurrencyRef of a currency (null: the home currency); named HomeCurrencyRef for null in preferences. */
    private El currencyRef(String currency) {
        CurrencyList.Entry e = currencyList.entry(currency);
        return ref(currency == null ? "HomeCurrencyRef" : "CurrencyRef", e.listId(), e.name());
    }

    /** CurrencyQueryRq: the whole list (filters by name or ListID honoured); refused while multicurrency is off. */
    private El currencyQuery(Element rq, String rsName) {
        String requestId = attr(rq, "requestID");
        if (currencyList == null) {
            throw new QbStatusException(3250, "This feature is not enabled or not available in this version of"
                    + " QuickBooks.");
        }
        Set<String> ids = new HashSet<>(childTexts(rq, "ListID"));
        Set<String> names = new HashSet<>(childTexts(rq, "FullName"));
        El rs = rs(rsName, requestId, 0, STATUS_OK);
        Instant created = Instant.ofEpochSecond(createdEpoch);
        for (CurrencyList.Entry e : currencyList.entries()) {
            if (!ids.isEmpty() && !ids.contains(e.listId()) || !names.isEmpty() && !names.contains(e.name())) {
                continue;
            }
            rs.add(El.of("CurrencyRet").add("ListID", e.listId()).add("TimeCreated", qbTime(created))
                    .add("TimeModified", qbTime(created)).add("EditSequence", Long.toString(createdEpoch))
                    .add("Name", e.name()).add("IsActive", true).add("CurrencyCode", e.code())
                    .add("IsUserDefinedCurrency", false)
                    .add("ExchangeRate", currencyList.isHome(e.code()) ? null : decimal(e.rate()))
                    .add("AsOfDate", e.asOf()));
        }
        if (rs.children.isEmpty()) {
            return rs(rsName, requestId, 1, NO_MATCH);
        }
        return rs;
    }

    private static El ref(String name, String listId, String fullName) {
        return El.of(name).add("ListID", listId).add("FullName", fullName);
    }

    private static El address(String name, QbAddress a) {
        if (a == null) {
            return null;
        }
        return El.of(name).add("Addr1", a.addr1()).add("Addr2", a.addr2()).add("Addr3", a.addr3()).add("Addr4", a.addr4())
                .add("Addr5", a.addr5()).add("City", a.city()).add("State", a.state()).add("PostalCode", a.postalCode())
                .add("Country", a.country()).add("Note", a.note());
    }

    /**
     * The address as QuickBooks prints it (the *AddressBlock it returns beside the address): the street lines,
     * then "City, State PostalCode", then the country, at most five lines.
     */
    private static El addressBlock(String name, QbAddress a) {
        if (a == null) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (String line : new String[] {a.addr1(), a.addr2(), a.addr3(), a.addr4(), a.addr5()}) {
            if (line != null) {
                lines.add(line);
            }
        }
        String place = (Objects.toString(a.city(), "") + (a.city() != null && a.state() != null ? ", " : "")
                + Objects.toString(a.state(), "") + " " + Objects.toString(a.postalCode(), "")).trim();
        if (!place.isEmpty()) {
            lines.add(place);
        }
        if (a.country() != null) {
            lines.add(a.country());
        }
        El block = El.of(name);
        for (int i = 0; i < Math.min(5, lines.size()); i++) {
            block.add("Addr" + (i + 1), lines.get(i));
        }
        return block;
    }

    private String otherId(String kind, String name) {
        return otherListIds.computeIfAbsent(kind + "|" + name,
                k -> String.format("%X0000-%d", ++otherListCounter, createdEpoch));
    }

    static String m(BigDecimal v) {
        return v.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String decimal(BigDecimal v) {
        if (v == null) {
            return null;
        }
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() < 2 ? v.setScale(2, RoundingMode.UNNECESSARY) : s).toPlainString();
    }

    private static String rate(BigDecimal v) {
        return decimal(v);
    }

    // =====================================================================================================
    // derived values
    // =====================================================================================================

    private static BigDecimal money(BigDecimal v) {
        if (v.scale() > 2 && v.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("money has at most two decimals: " + v);
        }
        return v.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static BigDecimal subtotal(InvoiceRow i) {
        BigDecimal s = BigDecimal.ZERO.setScale(2);
        for (QbLine l : i.lines) {
            if (l instanceof QbInvoiceLine line && line.amount() != null) {
                s = s.add(line.amount());
            } else if (l instanceof QbInvoiceLineGroup g) {
                s = s.add(g.totalAmount());
            }
        }
        return s;
    }

    private static BigDecimal salesTax(InvoiceRow i) {
        BigDecimal taxable = BigDecimal.ZERO;
        for (QbLine l : i.lines) {
            List<QbInvoiceLine> lines = l instanceof QbInvoiceLineGroup g ? g.lines() : List.of((QbInvoiceLine) l);
            for (QbInvoiceLine line : lines) {
                if (line.taxable() && line.amount() != null) {
                    taxable = taxable.add(line.amount());
                }
            }
        }
        return taxable.multiply(i.salesTaxPercentage).movePointLeft(2).setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal total(InvoiceRow i) {
        return subtotal(i).add(salesTax(i));
    }

    /** Sum of payments applied to the invoice (positive). */
    private BigDecimal applied(InvoiceRow i) {
        BigDecimal s = BigDecimal.ZERO.setScale(2);
        for (String payId : paymentsByInvoice.getOrDefault(i.txnId, List.of())) {
            s = s.add(payments.get(payId).applied.get(i.txnId));
        }
        for (String creditId : creditsByInvoice.getOrDefault(i.txnId, List.of())) {
            s = s.add(creditMemos.get(creditId).applied.get(i.txnId));
        }
        return s;
    }

    private BigDecimal balanceRemaining(InvoiceRow i) {
        return total(i).subtract(applied(i));
    }

    private static BigDecimal unused(PaymentRow p) {
        BigDecimal s = p.totalAmount;
        for (BigDecimal a : p.applied.values()) {
            s = s.subtract(a);
        }
        return s;
    }

    private List<QbLinkedTxn> linkedTxns(InvoiceRow i) {
        List<QbLinkedTxn> out = new ArrayList<>();
        for (String payId : paymentsByInvoice.getOrDefault(i.txnId, List.of())) {
            PaymentRow p = payments.get(payId);
            out.add(new QbLinkedTxn(p.txnId, "ReceivePayment", p.txnDate, p.refNumber, "AMTTYPE",
                    p.applied.get(i.txnId).negate()));
        }
        for (String creditId : creditsByInvoice.getOrDefault(i.txnId, List.of())) {
            CreditMemoRow c = creditMemos.get(creditId);
            out.add(new QbLinkedTxn(c.txnId, "CreditMemo", c.txnDate, c.refNumber, "AMTTYPE",
                    c.applied.get(i.txnId).negate()));
        }
        return out;
    }

    /** listId → [balance, totalBalance]. */
    private Map<String, BigDecimal[]> balances() {
        if (balanceCache == null) {
            Map<String, BigDecimal> own = new HashMap<>();
            for (InvoiceRow i : invoices.values()) {
                own.merge(i.customerId, balanceRemaining(i), BigDecimal::add);
            }
            for (PaymentRow p : payments.values()) {
                own.merge(p.customerId, unused(p).negate(), BigDecimal::add);
            }
            for (CreditMemoRow c : creditMemos.values()) {
                own.merge(c.customerId, creditRemaining(c).negate(), BigDecimal::add);
            }
            Map<String, BigDecimal> total = new HashMap<>();
            List<CustomerRow> deepestFirst = new ArrayList<>(customers.values());
            Map<String, Integer> levels = new HashMap<>();
            deepestFirst.forEach(c -> levels.put(c.listId, sublevel(c)));
            deepestFirst.sort(Comparator.comparing((CustomerRow c) -> levels.get(c.listId)).reversed());
            for (CustomerRow c : deepestFirst) {
                BigDecimal t = total.getOrDefault(c.listId, BigDecimal.ZERO).add(own.getOrDefault(c.listId, BigDecimal.ZERO));
                total.put(c.listId, t);
                if (c.parentId != null) {
                    total.merge(c.parentId, t, BigDecimal::add);
                }
            }
            Map<String, BigDecimal[]> cache = new HashMap<>();
            for (CustomerRow c : customers.values()) {
                cache.put(c.listId, new BigDecimal[] {
                        own.getOrDefault(c.listId, BigDecimal.ZERO).setScale(2, RoundingMode.UNNECESSARY),
                        total.get(c.listId).setScale(2, RoundingMode.UNNECESSARY)});
            }
            balanceCache = cache;
        }
        return balanceCache;
    }

    String fullName(CustomerRow c) {
        return c.parentId == null ? c.name : fullName(customers.get(c.parentId)) + ":" + c.name;
    }

    private int sublevel(CustomerRow c) {
        int level = 0;
        for (String p = c.parentId; p != null; p = customers.get(p).parentId) {
            level++;
        }
        return level;
    }

    private static String key(String fullName) {
        return fullName.toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private Instant stamp() {
        Instant t = now();
        if (!autoAdvance.isZero()) {
            advance(autoAdvance);
        }
        return t;
    }

    private long idSuffix(Instant t) {
        return idEpoch != null ? idEpoch : t.getEpochSecond();
    }

    private String nextEditSequence(Instant t) {
        lastEditSequence = Math.max(t.getEpochSecond(), lastEditSequence + 1);
        return Long.toString(lastEditSequence);
    }

    private void balanceChanged(String customerId, Instant t) {
        balanceCache = null;
        CustomerRow c = customers.get(customerId);
        if (balanceChangesTouchCustomers && c != null) {
            touch(c, t);
        }
    }

    /** An invoice a payment or credit was applied to or removed from, stamped only when QuickBooks is set to. */
    private void touchForPayment(InvoiceRow inv, Instant t) {
        if (paymentsTouchInvoices) {
            touch(inv, t);
        }
    }

    private void touch(Row r, Instant t) {
        if (stampChanges) {
            r.timeModified = t;
            r.editSequence = nextEditSequence(t);
        }
    }

    private CreditMemoRow requireCreditMemo(String txnId) {
        CreditMemoRow r = txnId == null ? null : creditMemos.get(txnId);
        if (r == null) {
            throw new IllegalArgumentException("no credit memo " + txnId);
        }
        return r;
    }

    /** Applies credit to an invoice (more credit on an invoice it was applied to already adds to it). */
    private void setCredit(CreditMemoRow c, String invoiceTxnId, BigDecimal amount, Instant t) {
        InvoiceRow inv = invoices.get(invoiceTxnId);
        if (inv == null || !inv.customerId.equals(c.customerId)) {
            throw new QbStatusException(3140, "There is an invalid reference to QuickBooks Transaction \""
                    + invoiceTxnId + "\" in the credit to apply.");
        }
        if (amount.signum() <= 0 || amount.compareTo(creditRemaining(c)) > 0
                || amount.compareTo(balanceRemaining(inv)) > 0) {
            throw new QbStatusException(3210, "The \"SetCredit AppliedAmount\" field has an invalid value \""
                    + amount.toPlainString() + "\".  QuickBooks error message: The credit applied is more than the"
                    + " credit available or the amount due.");
        }
        if (!c.applied.containsKey(invoiceTxnId)) {
            creditsByInvoice.computeIfAbsent(invoiceTxnId, k -> new ArrayList<>()).add(c.txnId);
        }
        c.applied.merge(invoiceTxnId, amount, BigDecimal::add);
        touch(c, t);
        touchForPayment(inv, t);
        balanceChanged(c.customerId, t);
    }

    private static BigDecimal creditTotal(CreditMemoRow c) {
        BigDecimal s = BigDecimal.ZERO.setScale(2);
        for (QbInvoiceLine l : c.lines) {
            if (l.amount() != null) {
                s = s.add(l.amount());
            }
        }
        return s;
    }

    private static BigDecimal creditRemaining(CreditMemoRow c) {
        BigDecimal s = creditTotal(c);
        for (BigDecimal a : c.applied.values()) {
            s = s.subtract(a);
        }
        for (BigDecimal a : c.refunded.values()) {
            s = s.subtract(a);
        }
        return s;
    }

    private QbCreditMemo snapshot(CreditMemoRow c) {
        return new QbCreditMemo(c.txnId, c.timeCreated, c.timeModified, c.editSequence, c.txnNumber, c.customerId,
                c.txnDate, c.refNumber, c.memo, creditTotal(c), creditRemaining(c),
                c.applied.entrySet().stream().map(e -> new QbAppliedTxn(e.getKey(), e.getValue())).toList(), c.lines,
                c.refunded.entrySet().stream().map(e -> new QbAppliedTxn(e.getKey(), e.getValue())).toList());
    }

    private Match matchCreditMemos(Element rq) {
        List<String> ids = childTexts(rq, "TxnID");
        if (!ids.isEmpty()) {
            return byKeys(ids, k -> creditMemos.containsKey(k) ? k : null, true);
        }
        Predicate<TxnView> filter = txnFilter(rq);
        List<CreditMemoRow> rows = new ArrayList<>();
        for (CreditMemoRow c : creditMemos.values()) {
            if (filter.test(c)) {
                rows.add(c);
            }
        }
        rows.sort(Comparator.comparing((CreditMemoRow r) -> r.timeModified).thenComparingLong(r -> r.seq));
        return Match.of(rows.stream().map(r -> r.txnId).toList());
    }

    private Function<String, El> creditMemoRenderer(Element rq) {
        boolean lines = "true".equals(childText(rq, "IncludeLineItems")) || "1".equals(childText(rq, "IncludeLineItems"));
        boolean linked = "true".equals(childText(rq, "IncludeLinkedTxns")) || "1".equals(childText(rq, "IncludeLinkedTxns"));
        if (!childTexts(rq, "OwnerID").isEmpty()) {
            throw new UnsupportedOperationException("the simulated QuickBooks models no data extensions on credit memos");
        }
        return id -> {
            CreditMemoRow c = creditMemos.get(id);
            return c == null ? null : creditMemoRet(c, lines, linked);
        };
    }

    private El creditMemoRet(CreditMemoRow c, boolean includeLines, boolean includeLinked) {
        CustomerRow cust = customers.get(c.customerId);
        BigDecimal total = creditTotal(c);
        El r = El.of("CreditMemoRet").add("TxnID", c.txnId).add("TimeCreated", qbTime(c.timeCreated))
                .add("TimeModified", qbTime(c.timeModified)).add("EditSequence", c.editSequence)
                .add("TxnNumber", c.txnNumber).add(ref("CustomerRef", cust.listId, fullName(cust)))
                .add(ref("ARAccountRef", otherId("Account", AR_ACCOUNT), AR_ACCOUNT))
                .add("TxnDate", c.txnDate).add("RefNumber", c.refNumber).add("IsPending", false)
                .add("Subtotal", m(total)).add("SalesTaxPercentage", "0.00").add("SalesTaxTotal", "0.00")
                .add("TotalAmount", m(total)).add("CreditRemaining", m(creditRemaining(c))).add("Memo", c.memo)
                .add("IsToBePrinted", false).add("IsToBeEmailed", false);
        if (includeLinked) {
            for (Map.Entry<String, BigDecimal> a : c.applied.entrySet()) {
                InvoiceRow inv = invoices.get(a.getKey());
                r.add(El.of("LinkedTxn").add("TxnID", inv.txnId).add("TxnType", "Invoice").add("TxnDate", inv.txnDate)
                        .add("RefNumber", inv.refNumber).add("LinkType", "AMTTYPE").add("Amount", m(a.getValue().negate())));
            }
            for (Map.Entry<String, BigDecimal> a : c.refunded.entrySet()) {
                RefundRow rf = refunds.get(a.getKey());
                r.add(El.of("LinkedTxn").add("TxnID", rf.txnId).add("TxnType", "ARRefundCreditCard")
                        .add("TxnDate", rf.txnDate).add("RefNumber", rf.refNumber).add("LinkType", "AMTTYPE")
                        .add("Amount", m(a.getValue().negate())));
            }
        }
        if (includeLines) {
            for (QbInvoiceLine l : c.lines) {
                r.add(lineRet("CreditMemoLineRet", l));
            }
        }
        return r;
    }

    private CustomerRow requireCustomer(String listId) {
        CustomerRow r = listId == null ? null : customers.get(listId);
        if (r == null) {
            throw new IllegalArgumentException("no customer " + listId);
        }
        return r;
    }

    private InvoiceRow requireInvoice(String txnId) {
        InvoiceRow r = txnId == null ? null : invoices.get(txnId);
        if (r == null) {
            throw new IllegalArgumentException("no invoice " + txnId);
        }
        return r;
    }

    // ---- snapshots ----

    private QbCustomer snapshot(CustomerRow c) {
        BigDecimal[] bal = balances().get(c.listId);
        return new QbCustomer(c.listId, c.timeCreated, c.timeModified, c.editSequence, c.name, fullName(c), c.parentId,
                sublevel(c), c.active, c.companyName, c.salutation, c.firstName, c.middleName, c.lastName, c.jobTitle,
                c.billAddress, c.shipAddress, c.phone, c.mobile, c.altPhone, c.fax, c.email, c.cc, c.contact,
                c.altContact, c.terms, c.accountNumber, c.notes, bal[0], bal[1], c.salesTaxCode, c.itemSalesTax,
                c.customFields);
    }

    private QbInvoice snapshot(InvoiceRow i) {
        BigDecimal subtotal = subtotal(i);
        BigDecimal tax = salesTax(i);
        BigDecimal applied = applied(i);
        BigDecimal balance = subtotal.add(tax).subtract(applied);
        return new QbInvoice(i.txnId, i.timeCreated, i.timeModified, i.editSequence, i.txnNumber, i.customerId,
                fullName(customers.get(i.customerId)), i.txnDate, i.refNumber, i.billAddress, i.poNumber, i.terms,
                i.dueDate, subtotal, i.salesTaxPercentage, tax, applied.negate(), balance, i.memo, balance.signum() == 0,
                linkedTxns(i), i.lines, i.shipAddress, i.shipDate, i.customFields);
    }

    private QbPayment snapshot(PaymentRow p) {
        List<QbAppliedTxn> applied = p.applied.entrySet().stream()
                .map(e -> new QbAppliedTxn(e.getKey(), e.getValue())).toList();
        return new QbPayment(p.txnId, p.timeCreated, p.timeModified, p.editSequence, p.txnNumber, p.customerId, p.txnDate,
                p.refNumber, p.totalAmount, p.paymentMethod, p.memo, p.depositTo, p.externalGuid, unused(p), applied);
    }

    // =====================================================================================================
    // rows
    // =====================================================================================================

    private abstract static class Row implements Cloneable {
        Instant timeCreated;
        Instant timeModified;
        String editSequence;

        /** A copy of the row; rows with maps copy those too. */
        Row copyRow() {
            try {
                return (Row) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** A transaction's row: what queries filter transactions by. */
    private abstract static class TxnRow extends Row implements TxnView {
        String customerId;
        LocalDate txnDate;
        String refNumber;

        @Override
        public Instant timeModified() {
            return timeModified;
        }

        @Override
        public LocalDate txnDate() {
            return txnDate;
        }

        @Override
        public String customerId() {
            return customerId;
        }

        @Override
        public String refNumber() {
            return refNumber;
        }
    }

    private static final class CustomerRow extends Row {
        final String listId;
        final long seq;
        String name;
        String parentId;
        boolean active = true;
        String companyName;
        String salutation;
        String firstName;
        String middleName;
        String lastName;
        String jobTitle;
        QbAddress billAddress;
        QbAddress shipAddress;
        String phone;
        String mobile;
        String altPhone;
        String fax;
        String email;
        String cc;
        String contact;
        String altContact;
        String terms;
        String accountNumber;
        String notes;
        String salesTaxCode;
        String itemSalesTax;
        /** Its currency's code; null for the home currency (and in a file without multicurrency). */
        String currency;
        Map<String, String> customFields = new LinkedHashMap<>();

        CustomerRow(String listId, long seq) {
            this.listId = listId;
            this.seq = seq;
        }

        @Override
        CustomerRow copyRow() {
            CustomerRow c = (CustomerRow) super.copyRow();
            c.customFields = new LinkedHashMap<>(customFields);
            return c;
        }
    }

    private static final class InvoiceRow extends TxnRow {
        final String txnId;
        final long seq;
        final int txnNumber;
        LocalDate dueDate;
        String terms;
        String poNumber;
        String memo;
        QbAddress billAddress;
        QbAddress shipAddress;
        LocalDate shipDate;
        String itemSalesTax;
        String customerSalesTaxCode;
        boolean toBeEmailed;
        BigDecimal salesTaxPercentage;
        List<QbLine> lines;
        /** The customer's currency when it was made (null: home) and the rate it was made with (null: no multicurrency). */
        String currency;
        BigDecimal exchangeRate;
        Map<String, String> customFields = new LinkedHashMap<>();

        InvoiceRow(String txnId, long seq, int txnNumber) {
            this.txnId = txnId;
            this.seq = seq;
            this.txnNumber = txnNumber;
        }

        @Override
        InvoiceRow copyRow() {
            return copy();
        }

        InvoiceRow copy() {
            InvoiceRow c = new InvoiceRow(txnId, seq, txnNumber);
            c.timeCreated = timeCreated;
            c.timeModified = timeModified;
            c.editSequence = editSequence;
            c.customerId = customerId;
            c.txnDate = txnDate;
            c.dueDate = dueDate;
            c.refNumber = refNumber;
            c.terms = terms;
            c.poNumber = poNumber;
            c.memo = memo;
            c.billAddress = billAddress;
            c.shipAddress = shipAddress;
            c.shipDate = shipDate;
            c.itemSalesTax = itemSalesTax;
            c.customerSalesTaxCode = customerSalesTaxCode;
            c.toBeEmailed = toBeEmailed;
            c.salesTaxPercentage = salesTaxPercentage;
            c.lines = lines;
            c.currency = currency;
            c.exchangeRate = exchangeRate;
            c.customFields = new LinkedHashMap<>(customFields);
            return c;
        }
    }

    private static final class CreditMemoRow extends TxnRow {
        final String txnId;
        final long seq;
        final int txnNumber;
        String memo;
        List<QbInvoiceLine> lines;
        LinkedHashMap<String, BigDecimal> applied = new LinkedHashMap<>();
        LinkedHashMap<String, BigDecimal> refunded = new LinkedHashMap<>();

        CreditMemoRow(String txnId, long seq, int txnNumber) {
            this.txnId = txnId;
            this.seq = seq;
            this.txnNumber = txnNumber;
        }

        @Override
        CreditMemoRow copyRow() {
            CreditMemoRow c = (CreditMemoRow) super.copyRow();
            c.applied = new LinkedHashMap<>(applied);
            c.refunded = new LinkedHashMap<>(refunded);
            return c;
        }
    }

    private static final class PaymentRow extends TxnRow {
        final String txnId;
        final long seq;
        final int txnNumber;
        BigDecimal totalAmount;
        String paymentMethod;
        String memo;
        String depositTo;
        String externalGuid;
        String currency;
        BigDecimal exchangeRate;
        LinkedHashMap<String, BigDecimal> applied = new LinkedHashMap<>();

        PaymentRow(String txnId, long seq, int txnNumber) {
            this.txnId = txnId;
            this.seq = seq;
            this.txnNumber = txnNumber;
        }

        @Override
        PaymentRow copyRow() {
            PaymentRow p = (PaymentRow) super.copyRow();
            p.applied = new LinkedHashMap<>(applied);
            return p;
        }
    }

    private static final class RefundRow extends TxnRow {
        final String txnId;
        final int txnNumber;
        String refundFrom;
        String paymentMethod;
        String memo;
        LinkedHashMap<String, BigDecimal> applied = new LinkedHashMap<>();

        RefundRow(String txnId, int txnNumber) {
            this.txnId = txnId;
            this.txnNumber = txnNumber;
        }

        BigDecimal total() {
            return applied.values().stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        }

        @Override
        RefundRow copyRow() {
            RefundRow r = (RefundRow) super.copyRow();
            r.applied = new LinkedHashMap<>(applied);
            return r;
        }
    }

    private record StatusFault(int code, String message) {
    }

    /** A qbXML business error raised while handling a request; becomes the *Rs status. */
    static final class QbStatusException extends IllegalArgumentException {
        final int code;

        QbStatusException(int code, String message) {
            super(message);
            this.code = code;
        }
    }
}
