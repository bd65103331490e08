package dev.ledgerbridge.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A QuickBooks company of any size that holds nothing in memory: customer i and invoice j are computed from
 * their number, and each query page is generated when asked for (customers, invoices with about three lines
 * each, one group in five invoices; balances by ListID). Deletion and payment queries find nothing. For
 * benchmarks, where the company must not weigh on the heap being measured.
 */
final class SyntheticCompany {
    private static final DateTimeFormatter QB = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final Pattern REQUEST_ID = Pattern.compile("requestID=\"([^\"]*)\"");
    private static final Pattern ITERATOR = Pattern.compile("iterator=\"(Start|Continue)\"");
    private static final Pattern MAX = Pattern.compile("<MaxReturned>(\\d+)</MaxReturned>");
    private final int customers;
    private final int invoices;
    private final String name;
    private final String ownerId;
    private final String fileId;
    private String iteratorId;
    private int position;
    private long bytesServed;

    SyntheticCompany(int customers, String name, String ownerId, String fileId) {
        this(customers, 0, name, ownerId, fileId);
    }

    SyntheticCompany(int customers, int invoices, String name, String ownerId, String fileId) {
        this.customers = customers;
        this.invoices = invoices;
        this.name = name;
        this.ownerId = ownerId;
        this.fileId = fileId;
    }

    long bytesServed() {
        return bytesServed;
    }

    String hcpResponse() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" ?><QBXML><QBXMLMsgsRs>"
                + "<HostQueryRs requestID=\"0\" statusCode=\"0\" statusSeverity=\"Info\" statusMessage=\"Status OK\">"
                + "<HostRet><ProductName>QuickBooks Pro 2014</ProductName><MajorVersion>24</MajorVersion>"
                + "<MinorVersion>0</MinorVersion><Country>US</Country>");
        for (String v : new String[] {"11.0", "12.0", "13.0"}) {
            b.append("<SupportedQBXMLVersion>").append(v).append("</SupportedQBXMLVersion>");
        }
        b.append("<IsAutomaticLogin>false</IsAutomaticLogin><QBFileMode>SingleUser</QBFileMode></HostRet></HostQueryRs>"
                + "<CompanyQueryRs requestID=\"1\" statusCode=\"0\" statusSeverity=\"Info\" statusMessage=\"Status OK\">"
                + "<CompanyRet><IsSampleCompany>false</IsSampleCompany><CompanyName>").append(name)
                .append("</CompanyName><DataExtRet><OwnerID>").append(ownerId).append("</OwnerID>"
                + "<DataExtName>FileID</DataExtName><DataExtType>STR255TYPE</DataExtType><DataExtValue>")
                .append(fileId).append("</DataExtValue></DataExtRet></CompanyRet></CompanyQueryRs>"
                + "</QBXMLMsgsRs></QBXML>");
        return b.toString();
    }

    /** The response to one qbXML request. */
    String process(String request) {
        String requestId = find(REQUEST_ID, request, "0");
        String response;
        if (request.contains("<CustomerQueryRq") && request.contains("<ListID>")) {
            response = balances(requestId, request);
        } else if (request.contains("<CustomerQueryRq")) {
            response = page(requestId, request, "CustomerQueryRs", customers, SyntheticCompany::customer);
        } else if (request.contains("<InvoiceQueryRq") && invoices > 0) {
            response = page(requestId, request, "InvoiceQueryRs", invoices, this::invoice);
        } else {
            String rs = request.contains("<ListDeletedQueryRq") ? "ListDeletedQueryRs"
                    : request.contains("<TxnDeletedQueryRq") ? "TxnDeletedQueryRs"
                    : request.contains("<ReceivePaymentQueryRq") ? "ReceivePaymentQueryRs" : "InvoiceQueryRs";
            response = "<?xml version=\"1.0\" ?><QBXML><QBXMLMsgsRs><" + rs + " requestID=\"" + requestId
                    + "\" statusCode=\"1\" statusSeverity=\"Info\" statusMessage=\"A query request did not find a"
                    + " matching object in QuickBooks\" /></QBXMLMsgsRs></QBXML>";
        }
        bytesServed += response.length();
        return response;
    }

    /** Writes record i into the builder. */
    private interface Record {
        void write(StringBuilder b, int i);
    }

    private String page(String requestId, String request, String rs, int count, Record record) {
        int max = Integer.parseInt(find(MAX, request, "500"));
        if ("Start".equals(find(ITERATOR, request, "Start"))) {
            iteratorId = "{" + UUID.randomUUID() + "}";
            position = 0;
        }
        int end = Math.min(count, position + max);
        StringBuilder b = new StringBuilder(64 + (end - position) * 1500);
        b.append("<?xml version=\"1.0\" ?><QBXML><QBXMLMsgsRs><").append(rs).append(" requestID=\"").append(requestId)
                .append("\" statusCode=\"0\" statusSeverity=\"Info\" statusMessage=\"Status OK\" iteratorRemainingCount=\"")
                .append(count - end).append("\" iteratorID=\"").append(iteratorId).append("\">");
        for (int i = position; i < end; i++) {
            record.write(b, i);
        }
        b.append("</").append(rs).append("></QBXMLMsgsRs></QBXML>");
        position = end;
        return b.toString();
    }

    private static final Pattern LIST_ID = Pattern.compile("<ListID>([^<]+)</ListID>");

    private static String balances(String requestId, String request) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" ?><QBXML><QBXMLMsgsRs><CustomerQueryRs requestID=\"")
                .append(requestId).append("\" statusCode=\"0\" statusSeverity=\"Info\" statusMessage=\"Status OK\">");
        Matcher m = LIST_ID.matcher(request);
        while (m.find()) {
            int i = Integer.parseUnsignedInt(m.group(1).substring(0, m.group(1).indexOf('-')), 16) - 0x80000000;
            b.append("<CustomerRet><ListID>").append(m.group(1)).append("</ListID><Balance>").append(i % 1000)
                    .append(".25</Balance><TotalBalance>").append(i % 1000).append(".25</TotalBalance></CustomerRet>");
        }
        return b.append("</CustomerQueryRs></QBXMLMsgsRs></QBXML>").toString();
    }

    static String listId(int i) {
        return Integer.toHexString(0x80000000 + i).toUpperCase() + "-1700000000";
    }

    private void invoice(StringBuilder b, int j) {
        String time = QB.format(Instant.ofEpochSecond(1_710_000_000L + j).atOffset(ZoneOffset.ofHours(-5)));
        int customer = j % customers;
        String date = "2025-" + String.format("%02d-%02d", 1 + j % 12, 1 + j % 28);
        b.append("<InvoiceRet><TxnID>").append(Integer.toHexString(0x10000 + j).toUpperCase()).append("-1710000000")
                .append("</TxnID><TimeCreated>").append(time).append("</TimeCreated><TimeModified>").append(time)
                .append("</TimeModified><EditSequence>").append(1_710_000_000L + j).append("</EditSequence><TxnNumber>")
                .append(j + 1).append("</TxnNumber><CustomerRef><ListID>").append(listId(customer))
                .append("</ListID><FullName>Customer ").append(customer).append(" &amp; Sons</FullName></CustomerRef>")
                .append("<ARAccountRef><FullName>Accounts Receivable</FullName></ARAccountRef><TxnDate>").append(date)
                .append("</TxnDate><RefNumber>").append(j + 1).append("</RefNumber><IsPending>false</IsPending>")
                .append("<TermsRef><FullName>Net 30</FullName></TermsRef><DueDate>").append(date).append("</DueDate>")
                .append("<Subtotal>150.00</Subtotal><SalesTaxPercentage>0.00</SalesTaxPercentage>")
                .append("<SalesTaxTotal>0.00</SalesTaxTotal><AppliedAmount>0.00</AppliedAmount>")
                .append("<BalanceRemaining>150.00</BalanceRemaining><Memo>Invoice ").append(j)
                .append("</Memo><IsPaid>false</IsPaid>");
        if (j % 5 == 0) {
            b.append("<InvoiceLineGroupRet><TxnLineID>").append(j).append("-G</TxnLineID><ItemGroupRef><FullName>Kit")
                    .append("</FullName></ItemGroupRef><Desc>Kit</Desc><Quantity>1</Quantity><IsPrintItemsInGroup>true")
                    .append("</IsPrintItemsInGroup><TotalAmount>100.00</TotalAmount>");
            line(b, j + "-1", "50.00");
            line(b, j + "-2", "50.00");
            b.append("</InvoiceLineGroupRet>");
        } else {
            line(b, j + "-1", "50.00");
            line(b, j + "-2", "50.00");
        }
        line(b, j + "-3", "50.00");
        b.append("</InvoiceRet>");
    }

    private static void line(StringBuilder b, String id, String amount) {
        b.append("<InvoiceLineRet><TxnLineID>").append(id).append("</TxnLineID><ItemRef><FullName>Service</FullName>")
                .append("</ItemRef><Desc>Consulting work, café &amp; more</Desc><Quantity>2</Quantity><Rate>25.00</Rate>")
                .append("<Amount>").append(amount).append("</Amount><SalesTaxCodeRef><FullName>Non</FullName>")
                .append("</SalesTaxCodeRef></InvoiceLineRet>");
    }

    private static void customer(StringBuilder b, int i) {
        String time = QB.format(Instant.ofEpochSecond(1_700_000_000L + i).atOffset(ZoneOffset.ofHours(-5)));
        String listId = listId(i);
        b.append("<CustomerRet><ListID>").append(listId).append("</ListID><TimeCreated>").append(time)
                .append("</TimeCreated><TimeModified>").append(time).append("</TimeModified><EditSequence>")
                .append(1_700_000_000L + i).append("</EditSequence><Name>Customer ").append(i)
                .append(" &amp; Sons</Name><FullName>Customer ").append(i).append(" &amp; Sons</FullName>")
                .append("<IsActive>true</IsActive><Sublevel>0</Sublevel><CompanyName>Company ").append(i)
                .append("</CompanyName><FirstName>Renée</FirstName><LastName>Müller</LastName><BillAddress><Addr1>")
                .append(i).append(" Main Street</Addr1><City>Springfield</City><State>IL</State><PostalCode>62701")
                .append("</PostalCode><Country>US</Country></BillAddress><Phone>555-010-").append(i % 10_000)
                .append("</Phone><Email>customer").append(i).append("@example.com</Email><Balance>")
                .append(i % 1000).append(".25</Balance><TotalBalance>").append(i % 1000).append(".25</TotalBalance>")
                .append("<JobStatus>None</JobStatus></CustomerRet>");
    }

    private static String find(Pattern p, String s, String dflt) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : dflt;
    }
}
