package dev.ledgerbridge.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A QuickBooks company of any size that holds nothing in memory: customer i is computed from i, and each
 * CustomerQueryRs page is generated when asked for. Deletion and invoice queries find nothing. For benchmarks,
 * where the company must not weigh on the heap being measured.
 */
final class SyntheticCompany {
    private static final DateTimeFormatter QB = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final Pattern REQUEST_ID = Pattern.compile("requestID=\"([^\"]*)\"");
    private static final Pattern ITERATOR = Pattern.compile("iterator=\"(Start|Continue)\"");
    private static final Pattern MAX = Pattern.compile("<MaxReturned>(\\d+)</MaxReturned>");
    private final int customers;
    private final String name;
    private final String ownerId;
    private final String fileId;
    private String iteratorId;
    private int position;
    private long bytesServed;

    SyntheticCompany(int customers, String name, String ownerId, String fileId) {
        this.customers = customers;
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
        if (request.contains("<CustomerQueryRq")) {
            response = customerPage(requestId, request);
        } else {
            String rs = request.contains("<ListDeletedQueryRq") ? "ListDeletedQueryRs"
                    : request.contains("<TxnDeletedQueryRq") ? "TxnDeletedQueryRs" : "InvoiceQueryRs";
            response = "<?xml version=\"1.0\" ?><QBXML><QBXMLMsgsRs><" + rs + " requestID=\"" + requestId
                    + "\" statusCode=\"1\" statusSeverity=\"Info\" statusMessage=\"A query request did not find a"
                    + " matching object in QuickBooks\" /></QBXMLMsgsRs></QBXML>";
        }
        bytesServed += response.length();
        return response;
    }

    private String customerPage(String requestId, String request) {
        int max = Integer.parseInt(find(MAX, request, "500"));
        if ("Start".equals(find(ITERATOR, request, "Start"))) {
            iteratorId = "{" + UUID.randomUUID() + "}";
            position = 0;
        }
        int end = Math.min(customers, position + max);
        StringBuilder b = new StringBuilder(64 + (end - position) * 700);
        b.append("<?xml version=\"1.0\" ?><QBXML><QBXMLMsgsRs><CustomerQueryRs requestID=\"").append(requestId)
                .append("\" statusCode=\"0\" statusSeverity=\"Info\" statusMessage=\"Status OK\" iteratorRemainingCount=\"")
                .append(customers - end).append("\" iteratorID=\"").append(iteratorId).append("\">");
        for (int i = position; i < end; i++) {
            customer(b, i);
        }
        b.append("</CustomerQueryRs></QBXMLMsgsRs></QBXML>");
        position = end;
        return b.toString();
    }

    private static void customer(StringBuilder b, int i) {
        String time = QB.format(Instant.ofEpochSecond(1_700_000_000L + i).atOffset(ZoneOffset.ofHours(-5)));
        String listId = Integer.toHexString(0x80000000 + i).toUpperCase() + "-1700000000";
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
