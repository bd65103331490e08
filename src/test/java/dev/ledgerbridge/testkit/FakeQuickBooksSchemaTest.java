package dev.ledgerbridge.testkit;

import static dev.ledgerbridge.testkit.QbxmlTestSupport.count;
import static dev.ledgerbridge.testkit.QbxmlTestSupport.rq;
import static dev.ledgerbridge.testkit.QbxmlTestSupport.rqOn;
import static dev.ledgerbridge.testkit.QbxmlTestSupport.xpath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake's requests and responses against Intuit's qbXML 13.0 schema (skipped when ../shared is absent). */
class FakeQuickBooksSchemaTest {

    private QbxmlSchema schema;
    private FakeQuickBooks qb;

    @BeforeEach
    void setUp() {
        assumeTrue(QbxmlSchema.locate().isPresent(),
                "../shared/qbxml-schema not found (set -Dledgerbridge.shared.dir); schema checks skipped");
        schema = QbxmlSchema.find().orElseThrow();
        qb = new FakeQuickBooks("Schema & Sons <Test>");
    }

    @Test
    void anOutOfOrderRequestIsAParseError() {
        qb.addCustomer("Anyone");
        String outOfOrder = rq("<CustomerQueryRq><ActiveStatus>All</ActiveStatus><MaxReturned>10</MaxReturned>"
                + "</CustomerQueryRq>");
        assertThat(schema.errors(outOfOrder)).isNotEmpty();

        assertThatThrownBy(() -> qb.process(outOfOrder)).isInstanceOfSatisfying(QuickBooksParseError.class, e -> {
            assertThat(e.hresult()).isEqualTo("0x80040400");
            assertThat(e.getMessage()).isEqualTo("QuickBooks found an error when parsing the provided XML text stream.");
            assertThat(e.detail()).contains("MaxReturned");
        });
        assertThat(count(qb.process(rq("<CustomerQueryRq><MaxReturned>10</MaxReturned><ActiveStatus>All</ActiveStatus>"
                + "</CustomerQueryRq>")), "//CustomerRet")).isEqualTo(1);
    }

    @Test
    void aMissingOnErrorOrUnknownElementIsAParseError() {
        assertThatThrownBy(() -> qb.process("<?xml version=\"1.0\"?><?qbxml version=\"13.0\"?><QBXML><QBXMLMsgsRq>"
                + "<CustomerQueryRq/></QBXMLMsgsRq></QBXML>")).isInstanceOf(QuickBooksParseError.class);
        assertThatThrownBy(() -> qb.process(rq("<CustomerQueryRq><Colour>red</Colour></CustomerQueryRq>")))
                .isInstanceOf(QuickBooksParseError.class);
    }

    @Test
    void theSharedExampleRequestIsAccepted() throws Exception {
        Path example = schema.file().resolveSibling("example-CustomerQueryRq.xml");
        assumeTrue(Files.exists(example), "example request not present");
        qb.generateCustomers(5, 1);
        String response = qb.process(Files.readString(example));
        assertThat(xpath(response, "//CustomerQueryRs/@requestID")).isEqualTo("cust-1");
    }

    @Test
    void everyResponseTheFakeProducesIsSchemaValid() {
        qb.setFileId("{0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0}");
        List<QbCustomer> customers = qb.generateCustomers(400, 11);
        List<QbInvoice> invoices = qb.generateInvoices(600, 12);
        qb.generatePayments(200, 13);
        qb.receiveUnappliedPayment(customers.get(0).listId(), new java.math.BigDecimal("12.34"));
        QbCustomer lonely = qb.addCustomer("Lonely \"Quoted\" <Name> & Co");
        qb.deleteCustomer(lonely.listId());
        qb.deleteInvoice(invoices.get(0).txnId());
        qb.beginSession();

        List<String> responses = new ArrayList<>();
        responses.add(qb.hcpResponse());
        responses.add(qb.process(rq("<HostQueryRq requestID=\"h\"/>", "<CompanyQueryRq requestID=\"c\"><OwnerID>"
                + qb.ownerId() + "</OwnerID></CompanyQueryRq>", "<PreferencesQueryRq/>")));
        responses.addAll(pages("<CustomerQueryRq requestID=\"cq\" iterator=\"%s\"%s><MaxReturned>150</MaxReturned>"
                + "<ActiveStatus>All</ActiveStatus></CustomerQueryRq>", "CustomerQueryRs"));
        responses.addAll(pages("<InvoiceQueryRq requestID=\"iq\" iterator=\"%s\"%s><MaxReturned>200</MaxReturned>"
                + "<IncludeLineItems>true</IncludeLineItems><IncludeLinkedTxns>true</IncludeLinkedTxns></InvoiceQueryRq>",
                "InvoiceQueryRs"));
        responses.add(qb.process(rq("<ReceivePaymentQueryRq requestID=\"pq\"/>")));
        responses.add(qb.process(rq("<ListDeletedQueryRq><ListDelType>Customer</ListDelType></ListDeletedQueryRq>",
                "<TxnDeletedQueryRq><TxnDelType>Invoice</TxnDelType><TxnDelType>ReceivePayment</TxnDelType>"
                        + "</TxnDeletedQueryRq>")));
        responses.add(qb.process(rq("<CustomerQueryRq><NameFilter><MatchCriterion>Contains</MatchCriterion>"
                + "<Name>no such name</Name></NameFilter></CustomerQueryRq>")));
        responses.add(qb.process(rq("<CustomerQueryRq><ListID>80000FFF-1</ListID></CustomerQueryRq>")));

        QbCustomer target = qb.customers().get(3);
        responses.add(qb.process(rqOn("continueOnError",
                "<CustomerModRq requestID=\"stale\"><CustomerMod><ListID>" + target.listId() + "</ListID><EditSequence>1"
                        + "</EditSequence><Phone>1</Phone></CustomerMod></CustomerModRq>",
                "<CustomerModRq requestID=\"ok\"><CustomerMod><ListID>" + target.listId() + "</ListID><EditSequence>"
                        + target.editSequence() + "</EditSequence><Name>Renamed &amp; &lt;fine&gt;</Name><Email>"
                        + "x@example.com</Email></CustomerMod></CustomerModRq>")));
        QbInvoice open = qb.invoices().stream().filter(i -> !i.paid() && i.balanceRemaining().signum() > 0).findFirst()
                .orElseThrow();
        responses.add(qb.process(rqOn("continueOnError",
                "<ReceivePaymentAddRq requestID=\"over\"><ReceivePaymentAdd><CustomerRef><ListID>" + open.customerListId()
                        + "</ListID></CustomerRef><TotalAmount>999999.00</TotalAmount><AppliedToTxnAdd><TxnID>"
                        + open.txnId() + "</TxnID><PaymentAmount>999999.00</PaymentAmount></AppliedToTxnAdd>"
                        + "</ReceivePaymentAdd></ReceivePaymentAddRq>",
                "<ReceivePaymentAddRq requestID=\"good\"><ReceivePaymentAdd><CustomerRef><ListID>" + open.customerListId()
                        + "</ListID></CustomerRef><RefNumber>LB-1</RefNumber><TotalAmount>0.01</TotalAmount>"
                        + "<PaymentMethodRef><FullName>Visa</FullName></PaymentMethodRef><Memo>auto &amp; co</Memo>"
                        + "<ExternalGUID>{6F9619FF-8B86-D011-B42D-00C04FC964FF}</ExternalGUID><AppliedToTxnAdd><TxnID>"
                        + open.txnId() + "</TxnID><PaymentAmount>0.01</PaymentAmount></AppliedToTxnAdd>"
                        + "</ReceivePaymentAdd></ReceivePaymentAddRq>")));

        assertThat(count(responses.get(responses.size() - 1), "//ReceivePaymentRet")).isEqualTo(1);
        for (String response : responses) {
            assertThat(schema.errors(response)).as("schema errors in\n%s", abbreviate(response)).isEmpty();
        }
    }

    @Test
    void customFieldsComeOnlyWhenOwnerIdZeroIsAskedForAndRecordsAsRichAsTheSamplesAreSchemaValid() {
        // given
        qb.generateCustomers(60, 21);
        qb.generateInvoices(120, 22);
        qb.generatePayments(80, 23);
        qb.beginSession();

        // when
        String plainCustomers = qb.process(rq("<CustomerQueryRq requestID=\"c\"><ActiveStatus>All</ActiveStatus>"
                + "</CustomerQueryRq>"));
        String customers = qb.process(rq("<CustomerQueryRq requestID=\"c0\"><ActiveStatus>All</ActiveStatus>"
                + "<OwnerID>0</OwnerID></CustomerQueryRq>"));
        String plainInvoices = qb.process(rq("<InvoiceQueryRq requestID=\"i\"><IncludeLineItems>true</IncludeLineItems>"
                + "<IncludeLinkedTxns>true</IncludeLinkedTxns></InvoiceQueryRq>"));
        String invoices = qb.process(rq("<InvoiceQueryRq requestID=\"i0\"><IncludeLineItems>true</IncludeLineItems>"
                + "<IncludeLinkedTxns>true</IncludeLinkedTxns><OwnerID>0</OwnerID></InvoiceQueryRq>"));

        // then
        assertThat(count(plainCustomers, "//DataExtRet")).isZero();
        assertThat(count(plainInvoices, "//DataExtRet")).isZero();
        assertThat(count(customers, "//CustomerRet/DataExtRet[DataExtName='Account manager']")).isEqualTo(60);
        assertThat(count(invoices, "//InvoiceRet/DataExtRet[OwnerID='0']")).isPositive();
        assertThat(count(customers, "//CustomerRet/ShipAddressBlock")).isPositive();
        assertThat(count(customers, "//CustomerRet/SalesTaxCodeRef")).isEqualTo(60);
        assertThat(count(invoices, "//InvoiceRet/BillAddressBlock")).isPositive();
        assertThat(count(invoices, "//InvoiceRet/ShipAddress")).isPositive();
        assertThat(count(invoices, "//InvoiceLineGroupRet")).isPositive();
        assertThat(count(invoices, "//InvoiceLineRet/ServiceDate")).isPositive();
        assertThat(count(invoices, "//InvoiceLineRet[contains(Quantity, '.') and not(substring-after(Quantity, '.') = '00')]"))
                .as("fractional quantities").isPositive();
        assertThat(count(invoices, "//InvoiceRet/LinkedTxn[TxnType='ReceivePayment']")).isPositive();
        for (String response : List.of(plainCustomers, customers, plainInvoices, invoices)) {
            assertThat(schema.errors(response)).as("schema errors in\n%s", abbreviate(response)).isEmpty();
        }
    }

    @Test
    void aMultiCurrencyFileAnswersWithCurrenciesRatesAndHomeAmountsThatAreSchemaValid() {
        // given a CAD company with a US customer whose invoice was made at 1.25 CAD per USD
        qb.turnOnMultiCurrency("CAD");
        qb.setExchangeRate("USD", new java.math.BigDecimal("1.25"));
        QbCustomer maple = qb.addCustomer("Maple Ltd");
        QbCustomer yankee = qb.setCustomerCurrency(qb.addCustomer("Yankee Inc").listId(), "USD");
        QbInvoice usd = qb.addInvoice(InvoiceSpec.forCustomer(yankee.listId()).line(LineSpec.item("Work", "Work", "1", "100.00")));
        qb.addInvoice(InvoiceSpec.forCustomer(maple.listId()).line(LineSpec.item("Work", "Work", "1", "40.00")));
        qb.beginSession();

        // when QuickBooks is asked, and a payment of 60.00 USD at 1.30 is added
        String prefs = qb.hcpResponse();
        String currencies = qb.process(rq("<CurrencyQueryRq requestID=\"cu\"><ActiveStatus>All</ActiveStatus>"
                + "</CurrencyQueryRq>"));
        String customers = qb.process(rq("<CustomerQueryRq requestID=\"c\"><ActiveStatus>All</ActiveStatus>"
                + "</CustomerQueryRq>"));
        String paid = qb.process(rq("<ReceivePaymentAddRq requestID=\"p\"><ReceivePaymentAdd><CustomerRef><ListID>"
                + yankee.listId() + "</ListID></CustomerRef><TotalAmount>60.00</TotalAmount>"
                + "<ExchangeRate>1.3</ExchangeRate><AppliedToTxnAdd><TxnID>" + usd.txnId() + "</TxnID>"
                + "<PaymentAmount>60.00</PaymentAmount></AppliedToTxnAdd></ReceivePaymentAdd></ReceivePaymentAddRq>"));
        String invoices = qb.process(rq("<InvoiceQueryRq requestID=\"i\"><IncludeLinkedTxns>true</IncludeLinkedTxns>"
                + "</InvoiceQueryRq>"));
        String wrongRate = qb.process(rq("<ReceivePaymentAddRq requestID=\"w\"><ReceivePaymentAdd><CustomerRef><ListID>"
                + maple.listId() + "</ListID></CustomerRef><TotalAmount>1.00</TotalAmount>"
                + "<ExchangeRate>1.3</ExchangeRate><IsAutoApply>false</IsAutoApply></ReceivePaymentAdd>"
                + "</ReceivePaymentAddRq>"));

        // then
        assertThat(xpath(prefs, "//MultiCurrencyPreferences/IsMultiCurrencyOn")).isEqualTo("true");
        assertThat(xpath(prefs, "//MultiCurrencyPreferences/HomeCurrencyRef/FullName")).isEqualTo("Canadian Dollar");
        assertThat(xpath(currencies, "//CurrencyRet[Name='US Dollar']/CurrencyCode")).isEqualTo("USD");
        assertThat(xpath(currencies, "//CurrencyRet[Name='US Dollar']/ExchangeRate")).isEqualTo("1.25");
        assertThat(xpath(customers, "//CustomerRet[Name='Yankee Inc']/CurrencyRef/FullName")).isEqualTo("US Dollar");
        assertThat(xpath(customers, "//CustomerRet[Name='Maple Ltd']/CurrencyRef/FullName"))
                .isEqualTo("Canadian Dollar");
        assertThat(xpath(paid, "//ReceivePaymentRet/ExchangeRate")).isEqualTo("1.30");
        assertThat(xpath(paid, "//ReceivePaymentRet/TotalAmountInHomeCurrency")).isEqualTo("78.00");
        String usdInvoice = "//InvoiceRet[TxnID='" + usd.txnId() + "']/";
        assertThat(xpath(invoices, usdInvoice + "BalanceRemaining")).isEqualTo("40.00");
        assertThat(xpath(invoices, usdInvoice + "ExchangeRate")).isEqualTo("1.25");
        assertThat(xpath(invoices, usdInvoice + "BalanceRemainingInHomeCurrency")).isEqualTo("50.00");
        assertThat(xpath(wrongRate, "//ReceivePaymentAddRs/@statusCode")).isEqualTo("3210");
        for (String response : List.of(prefs, currencies, customers, paid, invoices)) {
            assertThat(schema.errors(response)).as("schema errors in\n%s", abbreviate(response)).isEmpty();
        }
    }

    private List<String> pages(String template, String rsName) {
        List<String> out = new ArrayList<>();
        String page = qb.process(rq(String.format(template, "Start", "")));
        out.add(page);
        while (!"0".equals(xpath(page, "//" + rsName + "/@iteratorRemainingCount"))) {
            page = qb.process(rq(String.format(template, "Continue",
                    " iteratorID=\"" + xpath(page, "//" + rsName + "/@iteratorID") + "\"")));
            out.add(page);
        }
        assertThat(out).hasSizeGreaterThan(1);
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() < 4000 ? s : s.substring(0, 4000) + "…";
    }
}
