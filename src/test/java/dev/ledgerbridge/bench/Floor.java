package dev.ledgerbridge.bench;

import dev.ledgerbridge.simulate.CompanyFile;
import dev.ledgerbridge.simulate.SimulatedQuickBooks;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The floor a first sync is measured against: a program that only parses the same qbXML pages the server is
 * given (the simulated company of the same size and seed, asked as the server asks on a first sync) with StAX,
 * straight into JDBC batches, and upserts them into the same tables, one transaction per page. No SOAP, no
 * planner, no reads before writes; it shares no code with the server's parser or stores, so it stays the same
 * yardstick while those change. Run as its own process (the company must not weigh on the heap measured):
 * {@code Floor CUSTOMERS INVOICES SEED COMPANY_ID MAX_RETURNED}, with the JDBC URL, user and password on three
 * lines of standard input; prints {@code floor: ...} with the nanoseconds spent parsing and writing.
 */
public final class Floor {
    private static final Pattern ITERATOR = Pattern.compile("iteratorRemainingCount=\"(\\d+)\" iteratorID=\"([^\"]+)\"");
    private static final XMLInputFactory STAX = XMLInputFactory.newFactory();

    static {
        STAX.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        STAX.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        STAX.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    private static final String CUSTOMER_SQL = "INSERT INTO customer (company_id, list_id, edit_sequence, time_created,"
            + " time_modified, name, full_name, is_active, parent_list_id, sublevel, company_name, salutation, first_name,"
            + " middle_name, last_name, job_title, bill_addr1, bill_addr2, bill_addr3, bill_addr4, bill_addr5, bill_city,"
            + " bill_state, bill_postal_code, bill_country, bill_note, ship_addr1, ship_addr2, ship_addr3, ship_addr4,"
            + " ship_addr5, ship_city, ship_state, ship_postal_code, ship_country, ship_note, phone, mobile, alt_phone, fax,"
            + " email, cc, contact, alt_contact, customer_type, terms, balance, total_balance, account_number,"
            + " credit_limit, job_status, notes, is_deleted, deleted_at, seen_run_id, synced_at) VALUES (?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, NULL, NULL, ?) ON DUPLICATE KEY UPDATE edit_sequence ="
            + " VALUES(edit_sequence), time_created = VALUES(time_created), time_modified = VALUES(time_modified), name ="
            + " VALUES(name), full_name = VALUES(full_name), is_active = VALUES(is_active), parent_list_id ="
            + " VALUES(parent_list_id), sublevel = VALUES(sublevel), company_name = VALUES(company_name), salutation ="
            + " VALUES(salutation), first_name = VALUES(first_name), middle_name = VALUES(middle_name), last_name ="
            + " VALUES(last_name), job_title = VALUES(job_title), bill_addr1 = VALUES(bill_addr1), bill_addr2 ="
            + " VALUES(bill_addr2), bill_addr3 = VALUES(bill_addr3), bill_addr4 = VALUES(bill_addr4), bill_addr5 ="
            + " VALUES(bill_addr5), bill_city = VALUES(bill_city), bill_state = VALUES(bill_state), bill_postal_code ="
            + " VALUES(bill_postal_code), bill_country = VALUES(bill_country), bill_note = VALUES(bill_note), ship_addr1 ="
            + " VALUES(ship_addr1), ship_addr2 = VALUES(ship_addr2), ship_addr3 = VALUES(ship_addr3), ship_addr4 ="
            + " VALUES(ship_addr4), ship_addr5 = VALUES(ship_addr5), ship_city = VALUES(ship_city), ship_state ="
            + " VALUES(ship_state), ship_postal_code = VALUES(ship_postal_code), ship_country = VALUES(ship_country),"
            + " ship_note = VALUES(ship_note), phone = VALUES(phone), mobile = VALUES(mobile), alt_phone ="
            + " VALUES(alt_phone), fax = VALUES(fax), email = VALUES(email), cc = VALUES(cc), contact = VALUES(contact),"
            + " alt_contact = VALUES(alt_contact), customer_type = VALUES(customer_type), terms = VALUES(terms), balance ="
            + " VALUES(balance), total_balance = VALUES(total_balance), account_number = VALUES(account_number),"
            + " credit_limit = VALUES(credit_limit), job_status = VALUES(job_status), notes = VALUES(notes), is_deleted ="
            + " FALSE, deleted_at = NULL, synced_at = VALUES(synced_at)";
    private static final String[] CUSTOMER_FIELDS = {"ListID", "EditSequence", "TimeCreated", "TimeModified", "Name",
        "FullName", "IsActive", "ParentRef/ListID", "Sublevel", "CompanyName", "Salutation", "FirstName", "MiddleName",
        "LastName", "JobTitle", "BillAddress/Addr1", "BillAddress/Addr2", "BillAddress/Addr3", "BillAddress/Addr4",
        "BillAddress/Addr5", "BillAddress/City", "BillAddress/State", "BillAddress/PostalCode", "BillAddress/Country",
        "BillAddress/Note", "ShipAddress/Addr1", "ShipAddress/Addr2", "ShipAddress/Addr3", "ShipAddress/Addr4",
        "ShipAddress/Addr5", "ShipAddress/City", "ShipAddress/State", "ShipAddress/PostalCode", "ShipAddress/Country",
        "ShipAddress/Note", "Phone", "Mobile", "AltPhone", "Fax", "Email", "Cc", "Contact", "AltContact",
        "CustomerTypeRef/FullName", "TermsRef/FullName", "Balance", "TotalBalance", "AccountNumber", "CreditLimit",
        "JobStatus", "Notes"};
    private static final String INVOICE_SQL = "INSERT INTO invoice (company_id, txn_id, edit_sequence, txn_number,"
            + " time_created, time_modified, customer_list_id, customer_full_name, txn_date, ref_number, po_number, terms,"
            + " due_date, subtotal, sales_tax_percentage, sales_tax_total, applied_amount, balance_remaining, is_paid,"
            + " is_pending, memo, is_deleted, deleted_at, seen_run_id, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, NULL, NULL, ?) ON DUPLICATE KEY UPDATE edit_sequence ="
            + " VALUES(edit_sequence), txn_number = VALUES(txn_number), time_created = VALUES(time_created), time_modified"
            + " = VALUES(time_modified), customer_list_id = VALUES(customer_list_id), customer_full_name ="
            + " VALUES(customer_full_name), txn_date = VALUES(txn_date), ref_number = VALUES(ref_number), po_number ="
            + " VALUES(po_number), terms = VALUES(terms), due_date = VALUES(due_date), subtotal = VALUES(subtotal),"
            + " sales_tax_percentage = VALUES(sales_tax_percentage), sales_tax_total = VALUES(sales_tax_total),"
            + " applied_amount = VALUES(applied_amount), balance_remaining = VALUES(balance_remaining), is_paid ="
            + " VALUES(is_paid), is_pending = VALUES(is_pending), memo = VALUES(memo), is_deleted = FALSE, deleted_at ="
            + " NULL, synced_at = VALUES(synced_at)";
    private static final String[] INVOICE_FIELDS = {"TxnID", "EditSequence", "TxnNumber", "TimeCreated", "TimeModified",
        "CustomerRef/ListID", "CustomerRef/FullName", "TxnDate", "RefNumber", "PONumber", "TermsRef/FullName", "DueDate",
        "Subtotal", "SalesTaxPercentage", "SalesTaxTotal", "AppliedAmount", "BalanceRemaining", "IsPaid", "IsPending",
        "Memo"};
    private static final String LINE_SQL = "INSERT INTO invoice_line (company_id, txn_id, position, txn_line_id, is_group,"
            + " group_txn_line_id, item_list_id, item_full_name, description, quantity, rate, rate_percent, amount,"
            + " service_date, sales_tax_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String LINK_SQL = "INSERT INTO invoice_linked_txn (company_id, txn_id, position, linked_txn_id,"
            + " txn_type, txn_date, ref_number, link_type, amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String PAYMENT_SQL = "INSERT INTO received_payment (company_id, txn_id, edit_sequence,"
            + " txn_number, time_created, time_modified, customer_list_id, customer_full_name, txn_date, ref_number,"
            + " total_amount, payment_method, deposit_to_account, memo, unused_payment, unused_credits, is_deleted,"
            + " deleted_at, seen_run_id, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, NULL,"
            + " NULL, ?) ON DUPLICATE KEY UPDATE edit_sequence = VALUES(edit_sequence), txn_number = VALUES(txn_number),"
            + " time_created = VALUES(time_created), time_modified = VALUES(time_modified), customer_list_id ="
            + " VALUES(customer_list_id), customer_full_name = VALUES(customer_full_name), txn_date = VALUES(txn_date),"
            + " ref_number = VALUES(ref_number), total_amount = VALUES(total_amount), payment_method ="
            + " VALUES(payment_method), deposit_to_account = VALUES(deposit_to_account), memo = VALUES(memo),"
            + " unused_payment = VALUES(unused_payment), unused_credits = VALUES(unused_credits), is_deleted = FALSE,"
            + " deleted_at = NULL, synced_at = VALUES(synced_at)";
    private static final String[] PAYMENT_FIELDS = {"TxnID", "EditSequence", "TxnNumber", "TimeCreated", "TimeModified",
        "CustomerRef/ListID", "CustomerRef/FullName", "TxnDate", "RefNumber", "TotalAmount", "PaymentMethodRef/FullName",
        "DepositToAccountRef/FullName", "Memo", "UnusedPayment", "UnusedCredits"};
    private static final String APPLIED_SQL = "INSERT INTO received_payment_applied (company_id, txn_id, position,"
            + " applied_txn_id, txn_type, txn_date, ref_number, amount, discount_amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Connection db;
    private final long companyId;
    private final LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    long nanos;
    long databaseNanos;
    long customers;
    long invoices;
    long lines;
    long links;
    long payments;

    Floor(Connection db, long companyId) {
        this.db = db;
        this.companyId = companyId;
    }

    public static void main(String[] args) throws Exception {
        int customers = Integer.parseInt(args[0]);
        int invoices = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        long companyId = Long.parseLong(args[3]);
        int maxReturned = Integer.parseInt(args[4]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String url = in.readLine();
        String user = in.readLine();
        String password = in.readLine();
        SimulatedQuickBooks qb = CompanyFile.generate(customers, invoices, seed, Clock.systemUTC());
        qb.beginSession();
        try (Connection db = user == null || user.isEmpty() ? DriverManager.getConnection(url)
                : DriverManager.getConnection(url, user, password)) {
            db.setAutoCommit(false);
            Floor floor = new Floor(db, companyId);
            long nanos = floor.pull(qb, "<CustomerQueryRq requestID=\"1\" iterator=\"%s\"%s><MaxReturned>" + maxReturned
                    + "</MaxReturned><ActiveStatus>All</ActiveStatus></CustomerQueryRq>", "CustomerQueryRs")
                    + floor.pull(qb, "<InvoiceQueryRq requestID=\"2\" iterator=\"%s\"%s><MaxReturned>" + maxReturned
                    + "</MaxReturned><IncludeLineItems>true</IncludeLineItems><IncludeLinkedTxns>true</IncludeLinkedTxns>"
                    + "</InvoiceQueryRq>", "InvoiceQueryRs")
                    + floor.pull(qb, "<ReceivePaymentQueryRq requestID=\"3\" iterator=\"%s\"%s><MaxReturned>"
                    + maxReturned + "</MaxReturned><IncludeLineItems>true</IncludeLineItems></ReceivePaymentQueryRq>",
                    "ReceivePaymentQueryRs");
            System.out.printf(Locale.ROOT, "floor: nanos=%d database=%d customers=%d invoices=%d lines=%d links=%d"
                    + " payments=%d%n", nanos, floor.databaseNanos, floor.customers, floor.invoices, floor.lines,
                    floor.links, floor.payments);
        }
    }

    /** Asks for every page of one query, as the server's first sync does; returns the time spent storing them. */
    long pull(SimulatedQuickBooks qb, String query, String rs) throws Exception {
        long nanos = 0;
        String iterator = "Start";
        String iteratorId = "";
        while (true) {
            String page = qb.process("<?xml version=\"1.0\" encoding=\"utf-8\"?><?qbxml version=\"13.0\"?><QBXML>"
                    + "<QBXMLMsgsRq onError=\"stopOnError\">" + String.format(query, iterator, iteratorId)
                    + "</QBXMLMsgsRq></QBXML>");
            long t0 = System.nanoTime();
            store(page);
            nanos += System.nanoTime() - t0;
            Matcher m = ITERATOR.matcher(page);
            if (!m.find() || m.group(1).equals("0")) {
                return nanos;
            }
            iterator = "Continue";
            iteratorId = " iteratorID=\"" + m.group(2) + "\"";
        }
    }

    /** Parses one page straight into batches and writes them in one transaction. */
    void store(String page) throws XMLStreamException, SQLException {
        try (PreparedStatement customer = db.prepareStatement(CUSTOMER_SQL);
             PreparedStatement invoice = db.prepareStatement(INVOICE_SQL);
             PreparedStatement line = db.prepareStatement(LINE_SQL);
             PreparedStatement link = db.prepareStatement(LINK_SQL);
             PreparedStatement payment = db.prepareStatement(PAYMENT_SQL);
             PreparedStatement applied = db.prepareStatement(APPLIED_SQL)) {
            List<String> txnIds = new ArrayList<>();
            List<String> paymentIds = new ArrayList<>();
            XMLStreamReader r = STAX.createXMLStreamReader(new StringReader(page));
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (r.getLocalName().equals("CustomerRet")) {
                    Map<String, String> c = fields(r, "CustomerRet", false);
                    bind(customer, c, CUSTOMER_FIELDS);
                    customer.addBatch();
                    customers++;
                } else if (r.getLocalName().equals("InvoiceRet")) {
                    txnIds.add(invoice(r, invoice, line, link));
                } else if (r.getLocalName().equals("ReceivePaymentRet")) {
                    paymentIds.add(payment(r, payment, applied));
                }
            }
            deleteChildren(paymentIds, "received_payment_applied");
            deleteChildren(txnIds, "invoice_line");
            deleteChildren(txnIds, "invoice_linked_txn");
            long t0 = System.nanoTime();
            customer.executeBatch();
            invoice.executeBatch();
            line.executeBatch();
            link.executeBatch();
            payment.executeBatch();
            applied.executeBatch();
            db.commit();
            databaseNanos += System.nanoTime() - t0;
        }
    }

    /** Deletes what a page's transactions held before in one child table, as an update must. */
    private void deleteChildren(List<String> txnIds, String table) throws SQLException {
        if (txnIds.isEmpty()) {
            return;
        }
        String in = "(" + "?,".repeat(txnIds.size() - 1) + "?)";
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM " + table
                + " WHERE company_id = ? AND txn_id IN " + in)) {
            delete.setLong(1, companyId);
            for (int i = 0; i < txnIds.size(); i++) {
                delete.setString(i + 2, txnIds.get(i));
            }
            delete.executeUpdate();
        }
    }

    /** One ReceivePaymentRet: its header and what it was applied to into the batches. */
    private String payment(XMLStreamReader r, PreparedStatement payment, PreparedStatement applied)
            throws XMLStreamException, SQLException {
        Map<String, String> header = new HashMap<>();
        int position = 0;
        String txnId = null;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("ReceivePaymentRet")) {
                break;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = r.getLocalName();
            if (name.equals("AppliedToTxnRet")) {
                Map<String, String> a = fields(r, name, false);
                applied.setLong(1, companyId);
                applied.setString(2, txnId);
                applied.setInt(3, position++);
                set(applied, 4, a.get("TxnID"));
                set(applied, 5, a.get("TxnType"));
                set(applied, 6, date(a.get("TxnDate")));
                set(applied, 7, a.get("RefNumber"));
                set(applied, 8, money(a.get("Amount")));
                set(applied, 9, money(a.get("DiscountAmount")));
                applied.addBatch();
            } else {
                child(r, name, header);
                if (name.equals("TxnID")) {
                    txnId = header.get("TxnID");
                }
            }
        }
        bind(payment, header, PAYMENT_FIELDS);
        payment.addBatch();
        payments++;
        return txnId;
    }

    /** One InvoiceRet: its header, lines (groups, then their lines, in document order) and links into the batches. */
    private String invoice(XMLStreamReader r, PreparedStatement invoice, PreparedStatement line,
                           PreparedStatement link) throws XMLStreamException, SQLException {
        Map<String, String> header = new HashMap<>();
        String txnId = null;
        int position = 0;
        int linkPosition = 0;
        String group = null;
        Map<String, String> groupFields = null;
        int groupPosition = 0;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                if (r.getLocalName().equals("InvoiceRet")) {
                    break;
                }
                if (r.getLocalName().equals("InvoiceLineGroupRet")) {
                    addLine(line, txnId, groupPosition, groupFields, true, null);
                    group = null;
                }
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = r.getLocalName();
            switch (name) {
                case "InvoiceLineRet" -> addLine(line, txnId, position++, fields(r, name, false), false, group);
                case "InvoiceLineGroupRet" -> {
                    groupFields = new HashMap<>();
                    groupPosition = position++;
                    group = "";
                }
                case "LinkedTxn" -> {
                    Map<String, String> l = fields(r, name, false);
                    link.setLong(1, companyId);
                    link.setString(2, txnId);
                    link.setInt(3, linkPosition++);
                    set(link, 4, l.get("TxnID"));
                    set(link, 5, l.get("TxnType"));
                    set(link, 6, date(l.get("TxnDate")));
                    set(link, 7, l.get("RefNumber"));
                    set(link, 8, l.get("LinkType"));
                    set(link, 9, money(l.get("Amount")));
                    link.addBatch();
                    links++;
                }
                default -> {
                    if (group != null) {
                        child(r, name, groupFields);
                        if (name.equals("TxnLineID")) {
                            group = groupFields.get("TxnLineID");
                        }
                    } else {
                        child(r, name, header);
                        if (name.equals("TxnID")) {
                            txnId = header.get("TxnID");
                        }
                    }
                }
            }
        }
        bind(invoice, header, INVOICE_FIELDS);
        invoice.addBatch();
        invoices++;
        return txnId;
    }

    private void addLine(PreparedStatement line, String txnId, int position, Map<String, String> f, boolean isGroup,
                         String group) throws SQLException {
        line.setLong(1, companyId);
        line.setString(2, txnId);
        line.setInt(3, position);
        set(line, 4, f.get("TxnLineID"));
        line.setBoolean(5, isGroup);
        set(line, 6, group == null || group.isEmpty() ? null : group);
        set(line, 7, f.get(isGroup ? "ItemGroupRef/ListID" : "ItemRef/ListID"));
        set(line, 8, f.get(isGroup ? "ItemGroupRef/FullName" : "ItemRef/FullName"));
        set(line, 9, f.get("Desc"));
        set(line, 10, decimal(f.get("Quantity")));
        set(line, 11, decimal(f.get("Rate")));
        set(line, 12, decimal(f.get("RatePercent")));
        set(line, 13, money(f.get(isGroup ? "TotalAmount" : "Amount")));
        set(line, 14, date(f.get("ServiceDate")));
        set(line, 15, f.get("SalesTaxCodeRef/FullName"));
        line.addBatch();
        lines++;
    }

    /** A child element of the current one: its text, or its leaves, under its name ("BillAddress/City"). */
    private static void child(XMLStreamReader r, String name, Map<String, String> into) throws XMLStreamException {
        fields(r, name, true).forEach((k, v) -> into.put(k.isEmpty() ? name : name + "/" + k, v));
    }

    /**
     * The leaf values under the current element, by path below it ("BillAddress/City"); with {@code ownText}, the
     * element's own text (when it is a leaf) under "". Leaves the cursor on the element's end.
     */
    private static Map<String, String> fields(XMLStreamReader r, String element, boolean ownText)
            throws XMLStreamException {
        Map<String, String> out = new HashMap<>();
        List<String> path = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        boolean leaf = true;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                path.add(r.getLocalName());
                text.setLength(0);
                leaf = true;
            } else if (event == XMLStreamConstants.CHARACTERS) {
                text.append(r.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (leaf) {
                    if (!path.isEmpty()) {
                        out.put(String.join("/", path), text.toString());
                    } else if (ownText) {
                        out.put("", text.toString());
                    }
                }
                text.setLength(0);
                leaf = false;
                if (path.isEmpty()) {
                    return out;
                }
                path.remove(path.size() - 1);
            }
        }
        throw new XMLStreamException("unexpected end of " + element);
    }

    private void bind(PreparedStatement ps, Map<String, String> f, String[] fields) throws SQLException {
        ps.setLong(1, companyId);
        for (int i = 0; i < fields.length; i++) {
            String name = fields[i];
            String v = f.get(name);
            Object value = switch (name) {
                case "TimeCreated", "TimeModified" -> v == null ? null
                        : OffsetDateTime.parse(v).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
                case "TxnDate", "DueDate" -> date(v);
                case "IsActive", "IsPaid", "IsPending" -> v == null ? null : Boolean.valueOf(v);
                case "Sublevel" -> v == null ? 0 : Integer.valueOf(v);
                case "Balance", "TotalBalance", "CreditLimit", "Subtotal", "SalesTaxTotal", "AppliedAmount",
                     "BalanceRemaining", "TotalAmount", "UnusedPayment", "UnusedCredits" -> money(v);
                case "SalesTaxPercentage" -> decimal(v);
                default -> v;
            };
            set(ps, i + 2, value);
        }
        ps.setObject(fields.length + 2, now);
    }

    private static void set(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else {
            ps.setObject(index, value);
        }
    }

    private static LocalDate date(String v) {
        return v == null ? null : LocalDate.parse(v);
    }

    private static BigDecimal money(String v) {
        return v == null ? null : new BigDecimal(v);
    }

    private static BigDecimal decimal(String v) {
        return v == null ? null : new BigDecimal(v);
    }
}
