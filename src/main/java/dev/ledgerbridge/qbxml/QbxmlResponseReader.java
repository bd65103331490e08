package dev.ledgerbridge.qbxml;

import java.io.Reader;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import dev.ledgerbridge.company.CurrencyRecord;
import dev.ledgerbridge.customer.Address;
import dev.ledgerbridge.customer.Customer;
import dev.ledgerbridge.invoice.Invoice;
import dev.ledgerbridge.invoice.InvoiceLine;
import dev.ledgerbridge.invoice.LinkedTxn;
import dev.ledgerbridge.receivable.CreditMemo;
import dev.ledgerbridge.receivable.ReceivedPayment;

/**
 * Streams a qbXML response document ({@code QBXML/QBXMLMsgsRs/*Rs}) into a {@link Handler}, one record at a
 * time: memory stays flat whatever the size of the response. Thread-safe; one instance may serve all.
 *
 * <p>For each {@code *Rs} element the handler first gets its {@link RsStatus}, then one call per
 * {@code CustomerRet}, {@code InvoiceRet}, {@code ReceivePaymentRet}, {@code CreditMemoRet}, {@code CurrencyRet},
 * {@code ListDeletedRet} or {@code TxnDeletedRet} inside it, in
 * document order, whatever the status (a 3200 error may carry the current CustomerRet). Other Rets and
 * unknown elements are skipped. DTDs and external entities are refused.
 */
public final class QbxmlResponseReader {

    /** Receives what the reader finds. Exceptions it throws end the reading and reach the caller unchanged. */
    public interface Handler {
        void onStatus(RsStatus s);

        default void onCustomer(Customer c) {
        }

        default void onInvoice(Invoice i) {
        }

        default void onDeleted(DeletedRecord d) {
        }

        default void onPayment(ReceivedPayment p) {
        }

        default void onCreditMemo(CreditMemo c) {
        }

        default void onCurrency(CurrencyRecord c) {
        }

        default void onCardRefund(CardRefund r) {
        }
    }

    private static final List<String> ADDRESS_PARTS =
            List.of("Addr1", "Addr2", "Addr3", "Addr4", "Addr5", "City", "State", "PostalCode", "Country", "Note");

    private static final RetFields.Shape CUSTOMER = new RetFields.Shape(customerPaths());
    private static final RetFields.Shape INVOICE = new RetFields.Shape(Set.of(
            "TxnID", "TimeCreated", "TimeModified", "EditSequence", "TxnNumber", "CustomerRef/ListID",
            "CustomerRef/FullName", "TxnDate", "RefNumber", "PONumber", "TermsRef/FullName", "DueDate", "Subtotal",
            "SalesTaxPercentage", "SalesTaxTotal", "AppliedAmount", "BalanceRemaining", "IsPaid", "IsPending",
            "Memo", "CurrencyRef/FullName", "ExchangeRate", "BalanceRemainingInHomeCurrency"));
    private static final RetFields.Shape LINE = new RetFields.Shape(Set.of(
            "TxnLineID", "ItemRef/ListID", "ItemRef/FullName", "Desc", "Quantity", "Rate", "RatePercent", "Amount",
            "ServiceDate", "SalesTaxCodeRef/FullName"));
    private static final RetFields.Shape GROUP = new RetFields.Shape(Set.of(
            "TxnLineID", "ItemGroupRef/ListID", "ItemGroupRef/FullName", "Desc", "Quantity", "TotalAmount",
            "ServiceDate"));
    private static final RetFields.Shape LINKED_TXN = new RetFields.Shape(Set.of(
            "TxnID", "TxnType", "TxnDate", "RefNumber", "LinkType", "Amount"));
    private static final RetFields.Shape PAYMENT = new RetFields.Shape(Set.of(
            "TxnID", "TimeCreated", "TimeModified", "EditSequence", "TxnNumber", "CustomerRef/ListID",
            "CustomerRef/FullName", "TxnDate", "RefNumber", "TotalAmount", "PaymentMethodRef/FullName",
            "DepositToAccountRef/FullName", "Memo", "UnusedPayment", "UnusedCredits", "CurrencyRef/FullName",
            "ExchangeRate", "TotalAmountInHomeCurrency"));
    private static final RetFields.Shape APPLIED = new RetFields.Shape(Set.of(
            "TxnID", "TxnType", "TxnDate", "RefNumber", "Amount", "DiscountAmount"));
    private static final RetFields.Shape CREDIT_MEMO = new RetFields.Shape(Set.of(
            "TxnID", "TimeCreated", "TimeModified", "EditSequence", "TxnNumber", "CustomerRef/ListID",
            "CustomerRef/FullName", "TxnDate", "RefNumber", "IsPending", "Subtotal", "SalesTaxTotal", "TotalAmount",
            "CreditRemaining", "Memo"));
    private static final RetFields.Shape CURRENCY = new RetFields.Shape(Set.of(
            "ListID", "TimeModified", "Name", "IsActive", "CurrencyCode", "ExchangeRate", "AsOfDate"));
    private static final RetFields.Shape CARD_REFUND = new RetFields.Shape(Set.of(
            "TxnID", "CustomerRef/ListID", "TxnDate", "TotalAmount", "Memo"));
    private static final RetFields.Shape LIST_DELETED = new RetFields.Shape(Set.of(
            "ListDelType", "ListID", "TimeCreated", "TimeDeleted", "FullName"));
    private static final RetFields.Shape TXN_DELETED = new RetFields.Shape(Set.of(
            "TxnDelType", "TxnID", "TimeCreated", "TimeDeleted", "RefNumber"));

    private final ZoneId defaultZone;

    /** A reader that takes date-times without an offset as UTC. */
    public QbxmlResponseReader() {
        this(ZoneOffset.UTC);
    }

    /**
     * @param defaultZone the zone of date-times that come without an offset (QuickBooks normally sends one,
     *                    e.g. {@code 2008-05-19T18:37:02-05:00}); usually the zone of the QuickBooks computer
     */
    public QbxmlResponseReader(ZoneId defaultZone) {
        this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
    }

    /**
     * Reads the whole document from {@code in} (the caller closes it).
     *
     * @throws QbxmlParseException when the text is not well-formed XML, holds a DOCTYPE or an entity, is not
     *                             a QBXML document, or a value cannot be converted (e.g. a non-numeric amount)
     */
    public void read(Reader in, Handler handler) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(handler, "handler");
        XMLStreamReader r = null;
        try {
            r = Stax.open(in);
            Stax.toRoot(r);
            if (!"QBXML".equals(r.getLocalName())) {
                throw new QbxmlParseException("not a qbXML response: the root element is <" + r.getLocalName()
                        + ">, not <QBXML>");
            }
            while (Stax.nextChild(r)) {
                if ("QBXMLMsgsRs".equals(r.getLocalName())) {
                    readMessages(r, handler);
                } else {
                    Stax.skip(r);
                }
            }
            Stax.toEnd(r);
        } catch (XMLStreamException e) {
            throw new QbxmlParseException("malformed qbXML response: " + e.getMessage(), e);
        } finally {
            close(r);
        }
    }

    private void readMessages(XMLStreamReader r, Handler handler) throws XMLStreamException {
        while (Stax.nextChild(r)) {
            String name = r.getLocalName();
            if (!name.endsWith("Rs")) {
                Stax.skip(r);
                continue;
            }
            handler.onStatus(status(r, name));
            while (Stax.nextChild(r)) {
                switch (r.getLocalName()) {
                    case "CustomerRet" -> handler.onCustomer(customer(RetFields.read(r, CUSTOMER, defaultZone, null)));
                    case "InvoiceRet" -> handler.onInvoice(invoice(r));
                    case "ReceivePaymentRet" -> handler.onPayment(payment(r));
                    case "CreditMemoRet" -> handler.onCreditMemo(creditMemo(r));
                    case "CurrencyRet" -> {
                        RetFields f = RetFields.read(r, CURRENCY, defaultZone, null);
                        handler.onCurrency(new CurrencyRecord(f.str("ListID"), f.str("Name"), f.str("CurrencyCode"),
                                f.bool("IsActive", true), f.decimal("ExchangeRate"), f.date("AsOfDate")));
                    }
                    case "ARRefundCreditCardRet" -> {
                        RetFields f = RetFields.read(r, CARD_REFUND, defaultZone, null);
                        handler.onCardRefund(new CardRefund(f.str("TxnID"), f.str("CustomerRef/ListID"),
                                f.date("TxnDate"), f.decimal("TotalAmount"), f.str("Memo")));
                    }
                    case "ListDeletedRet" -> {
                        RetFields f = RetFields.read(r, LIST_DELETED, defaultZone, null);
                        handler.onDeleted(new DeletedRecord(f.str("ListDelType"), f.str("ListID"),
                                f.dateTime("TimeCreated"), f.dateTime("TimeDeleted"), f.str("FullName")));
                    }
                    case "TxnDeletedRet" -> {
                        RetFields f = RetFields.read(r, TXN_DELETED, defaultZone, null);
                        handler.onDeleted(new DeletedRecord(f.str("TxnDelType"), f.str("TxnID"),
                                f.dateTime("TimeCreated"), f.dateTime("TimeDeleted"), f.str("RefNumber")));
                    }
                    default -> Stax.skip(r);
                }
            }
        }
    }

    private static RsStatus status(XMLStreamReader r, String name) {
        String code = r.getAttributeValue(null, "statusCode");
        int statusCode;
        try {
            statusCode = Integer.parseInt(code == null ? "" : code.strip());
        } catch (NumberFormatException e) {
            throw new QbxmlParseException(name + Stax.where(r) + " has no numeric statusCode: '" + code + "'");
        }
        return new RsStatus(name, r.getAttributeValue(null, "requestID"), statusCode,
                r.getAttributeValue(null, "statusSeverity"), r.getAttributeValue(null, "statusMessage"),
                r.getAttributeValue(null, "iteratorID"), optionalInt(r, name, "iteratorRemainingCount"),
                optionalInt(r, name, "retCount"));
    }

    private static Integer optionalInt(XMLStreamReader r, String element, String attribute) {
        String v = r.getAttributeValue(null, attribute);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(v.strip());
        } catch (NumberFormatException e) {
            throw new QbxmlParseException(element + Stax.where(r) + ": " + attribute + " '" + v
                    + "' is not an integer");
        }
    }

    private static Customer customer(RetFields f) {
        return new Customer(
                f.str("ListID"), f.dateTime("TimeCreated"), f.dateTime("TimeModified"), f.str("EditSequence"),
                f.str("Name"), f.str("FullName"), f.bool("IsActive", true), f.str("ParentRef/ListID"),
                f.integer("Sublevel", 0), f.str("CompanyName"),
                f.str("Salutation"), f.str("FirstName"), f.str("MiddleName"), f.str("LastName"), f.str("JobTitle"),
                address(f, "BillAddress"), address(f, "ShipAddress"),
                f.str("Phone"), f.str("Mobile"), f.str("AltPhone"), f.str("Fax"), f.str("Email"), f.str("Cc"),
                f.str("Contact"), f.str("AltContact"),
                f.str("CustomerTypeRef/FullName"), f.str("TermsRef/FullName"),
                f.decimal("Balance"), f.decimal("TotalBalance"), f.str("AccountNumber"), f.decimal("CreditLimit"),
                f.str("JobStatus"), f.str("Notes"), f.str("CurrencyRef/FullName"));
    }

    private static Address address(RetFields f, String aggregate) {
        if (!f.has(aggregate)) {
            return null;
        }
        String p = aggregate + "/";
        return new Address(f.str(p + "Addr1"), f.str(p + "Addr2"), f.str(p + "Addr3"), f.str(p + "Addr4"),
                f.str(p + "Addr5"), f.str(p + "City"), f.str(p + "State"), f.str(p + "PostalCode"),
                f.str(p + "Country"), f.str(p + "Note"));
    }

    private static Set<String> customerPaths() {
        List<String> paths = new ArrayList<>(List.of(
                "ListID", "TimeCreated", "TimeModified", "EditSequence", "Name", "FullName", "IsActive",
                "ParentRef/ListID", "Sublevel", "CompanyName", "Salutation", "FirstName", "MiddleName", "LastName",
                "JobTitle", "Phone", "Mobile", "AltPhone", "Fax", "Email", "Cc", "Contact", "AltContact",
                "CustomerTypeRef/FullName", "TermsRef/FullName", "Balance", "TotalBalance", "AccountNumber",
                "CreditLimit", "JobStatus", "Notes", "CurrencyRef/FullName"));
        for (String part : ADDRESS_PARTS) {
            paths.add("BillAddress/" + part);
            paths.add("ShipAddress/" + part);
        }
        return Set.copyOf(paths);
    }

    /** A ReceivePaymentRet with what it was applied to, in document order. */
    private ReceivedPayment payment(XMLStreamReader r) throws XMLStreamException {
        List<ReceivedPayment.Applied> applied = new ArrayList<>();
        RetFields f = RetFields.read(r, PAYMENT, defaultZone, (name, child) -> {
            if (!"AppliedToTxnRet".equals(name)) {
                return false;
            }
            RetFields a = RetFields.read(child, APPLIED, defaultZone, null);
            applied.add(new ReceivedPayment.Applied(a.str("TxnID"), a.str("TxnType"), a.date("TxnDate"),
                    a.str("RefNumber"), a.decimal("Amount"), a.decimal("DiscountAmount")));
            return true;
        });
        return new ReceivedPayment(f.str("TxnID"), f.dateTime("TimeCreated"), f.dateTime("TimeModified"),
                f.str("EditSequence"), f.str("TxnNumber"), f.str("CustomerRef/ListID"), f.str("CustomerRef/FullName"),
                f.date("TxnDate"), f.str("RefNumber"), f.decimal("TotalAmount"), f.str("PaymentMethodRef/FullName"),
                f.str("DepositToAccountRef/FullName"), f.str("Memo"), f.decimal("UnusedPayment"),
                f.decimal("UnusedCredits"), applied, f.str("CurrencyRef/FullName"), f.decimal("ExchangeRate"),
                f.decimal("TotalAmountInHomeCurrency"));
    }

    /** A CreditMemoRet; its lines and groups are read as an invoice's. */
    private CreditMemo creditMemo(XMLStreamReader r) throws XMLStreamException {
        List<InvoiceLine> lines = new ArrayList<>();
        List<LinkedTxn> linked = new ArrayList<>();
        RetFields f = RetFields.read(r, CREDIT_MEMO, defaultZone, linesAndLinks("CreditMemo", lines, linked));
        return new CreditMemo(f.str("TxnID"), f.dateTime("TimeCreated"), f.dateTime("TimeModified"),
                f.str("EditSequence"), f.str("TxnNumber"), f.str("CustomerRef/ListID"), f.str("CustomerRef/FullName"),
                f.date("TxnDate"), f.str("RefNumber"), f.bool("IsPending", false), f.decimal("Subtotal"),
                f.decimal("SalesTaxTotal"), f.decimal("TotalAmount"), f.decimal("CreditRemaining"), f.str("Memo"),
                lines, linked);
    }

    /** Reads the {@code <kind>LineRet}, {@code <kind>LineGroupRet} and {@code LinkedTxn} children of a Ret. */
    private RetFields.ChildReader linesAndLinks(String kind, List<InvoiceLine> lines, List<LinkedTxn> linked) {
        String lineRet = kind + "LineRet";
        String groupRet = kind + "LineGroupRet";
        return (name, child) -> {
            if (name.equals(lineRet)) {
                lines.add(line(RetFields.read(child, LINE, defaultZone, null), lines.size(), null));
            } else if (name.equals(groupRet)) {
                group(child, lineRet, lines);
            } else if (name.equals("LinkedTxn")) {
                RetFields t = RetFields.read(child, LINKED_TXN, defaultZone, null);
                linked.add(new LinkedTxn(t.str("TxnID"), t.str("TxnType"), t.date("TxnDate"),
                        t.str("RefNumber"), t.str("LinkType"), t.decimal("Amount")));
            } else {
                return false;
            }
            return true;
        };
    }

    /** An InvoiceRet; lines are numbered in document order across the invoice, a group before its lines. */
    private Invoice invoice(XMLStreamReader r) throws XMLStreamException {
        List<InvoiceLine> lines = new ArrayList<>();
        List<LinkedTxn> linked = new ArrayList<>();
        RetFields f = RetFields.read(r, INVOICE, defaultZone, linesAndLinks("Invoice", lines, linked));
        return new Invoice(f.str("TxnID"), f.dateTime("TimeCreated"), f.dateTime("TimeModified"),
                f.str("EditSequence"), f.str("TxnNumber"), f.str("CustomerRef/ListID"), f.str("CustomerRef/FullName"),
                f.date("TxnDate"), f.str("RefNumber"), f.str("PONumber"), f.str("TermsRef/FullName"),
                f.date("DueDate"), f.decimal("Subtotal"), f.decimal("SalesTaxPercentage"), f.decimal("SalesTaxTotal"),
                f.decimal("AppliedAmount"), f.decimal("BalanceRemaining"), f.bool("IsPaid", false),
                f.bool("IsPending", false), f.str("Memo"), List.copyOf(lines), List.copyOf(linked),
                f.str("CurrencyRef/FullName"), f.decimal("ExchangeRate"), f.decimal("BalanceRemainingInHomeCurrency"));
    }

    /** Adds the group line, then its nested lines ({@code lineRet} elements), to {@code lines}. */
    private void group(XMLStreamReader r, String lineRet, List<InvoiceLine> lines) throws XMLStreamException {
        int groupPosition = lines.size();
        lines.add(null); // the group's place, filled in once its fields are known
        List<RetFields> nested = new ArrayList<>();
        RetFields g = RetFields.read(r, GROUP, defaultZone, (name, child) -> {
            if (!lineRet.equals(name)) {
                return false;
            }
            nested.add(RetFields.read(child, LINE, defaultZone, null));
            return true;
        });
        String groupId = g.str("TxnLineID");
        lines.set(groupPosition, new InvoiceLine(groupPosition, groupId, true, null, g.str("ItemGroupRef/ListID"),
                g.str("ItemGroupRef/FullName"), g.str("Desc"), g.decimal("Quantity"), null, null,
                g.decimal("TotalAmount"), g.date("ServiceDate"), null));
        for (RetFields line : nested) {
            lines.add(line(line, lines.size(), groupId));
        }
    }

    private static InvoiceLine line(RetFields f, int position, String groupTxnLineId) {
        return new InvoiceLine(position, f.str("TxnLineID"), false, groupTxnLineId, f.str("ItemRef/ListID"),
                f.str("ItemRef/FullName"), f.str("Desc"), f.decimal("Quantity"), f.decimal("Rate"),
                f.decimal("RatePercent"), f.decimal("Amount"), f.date("ServiceDate"),
                f.str("SalesTaxCodeRef/FullName"));
    }

    private static void close(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // nothing left to release: the caller owns the Reader
            }
        }
    }
}
