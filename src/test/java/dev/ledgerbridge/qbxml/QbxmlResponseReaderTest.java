package dev.ledgerbridge.qbxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ledgerbridge.customer.Address;
import dev.ledgerbridge.customer.Customer;
import dev.ledgerbridge.invoice.Invoice;
import dev.ledgerbridge.invoice.InvoiceLine;
import dev.ledgerbridge.invoice.LinkedTxn;

class QbxmlResponseReaderTest {

    // ---- customers -------------------------------------------------------------------------------------

    @Test
    void readsEveryCustomerFieldFromItsElementOrReference() {
        // when
        Customer c = Recorder.readResource("customers-names-and-nesting.xml").customers.get(0);

        // then
        assertThat(c.listId()).isEqualTo("80000011-1700000001");
        assertThat(c.timeCreated()).isEqualTo(OffsetDateTime.parse("2024-03-01T09:15:00-05:00"));
        assertThat(c.timeModified()).isEqualTo(OffsetDateTime.parse("2024-06-30T17:45:10-04:00"));
        assertThat(c.editSequence()).isEqualTo("1719783910");
        assertThat(c.active()).isTrue();
        assertThat(c.parentListId()).isNull();
        assertThat(c.sublevel()).isZero();
        assertThat(c.salutation()).isEqualTo("Mr.");
        assertThat(c.middleName()).isEqualTo("Q");
        assertThat(c.jobTitle()).isEqualTo("Owner");
        assertThat(List.of(c.phone(), c.mobile(), c.altPhone(), c.fax())).containsExactly(
                "(514) 555-0100", "(514) 555-0101", "(514) 555-0103", "(514) 555-0104");
        assertThat(c.email()).isEqualTo("rene@smith-sons.example");
        assertThat(c.cc()).isEqualTo("accounts@smith-sons.example");
        assertThat(c.altContact()).isEqualTo("Marie");
        assertThat(c.customerType()).isEqualTo("Wholesale:Quebec");
        assertThat(c.terms()).isEqualTo("Net 30");
        assertThat(c.totalBalance()).isEqualByComparingTo("99999999.99");
        assertThat(c.accountNumber()).isEqualTo("ACC-0042");
        assertThat(c.creditLimit()).isEqualTo(new BigDecimal("5000.00"));
        assertThat(c.jobStatus()).isEqualTo("None");
        assertThat(c.notes()).isEqualTo("Prefers e-mail.\nSecond line & more.");
        assertThat(c.billAddress()).isEqualTo(new Address("12 Rue de l'Église", "Bâtiment C", null, null, null,
                "Montréal", "QC", "H2X 1Y4", "Canada", "Back door"));
    }

    @Test
    void decodesEntitiesAndNumericEntitiesThatArriveEscapedTwice() {
        // when
        Customer c = Recorder.readResource("customers-names-and-nesting.xml").customers.get(0);

        // then
        assertThat(c.name()).isEqualTo("Smith & Sons <Wholesale>");
        assertThat(c.fullName()).isEqualTo("Smith & Sons <Wholesale>");
        assertThat(c.companyName()).isEqualTo("Smith & Sons \"Wholesale\" Ltd");
        assertThat(c.firstName()).isEqualTo("René");
        assertThat(c.lastName()).as("Aug&amp;#233; in the XML").isEqualTo("Augé");
        assertThat(c.contact()).isEqualTo("René Augé");
        assertThat(c.billAddress().city()).as("Montr&amp;#233;al in the XML").isEqualTo("Montréal");
    }

    @Test
    void skipsUnknownElementsHoweverDeepWithoutTakingTheirValues() {
        // given: ShipToAddress, ContactsRet (with FirstName, LastName ...), AdditionalNotesRet, DataExtRet,
        // CurrencyRef and ClassRef all hold elements named like customer fields

        // when
        Recorder r = Recorder.readResource("customers-names-and-nesting.xml");

        // then
        Customer c = r.customers.get(0);
        assertThat(c.shipAddress()).as("ShipToAddress is not ShipAddress").isNull();
        assertThat(c.firstName()).isEqualTo("René");
        assertThat(c.lastName()).isEqualTo("Augé");
        assertThat(c.salutation()).isEqualTo("Mr.");
        assertThat(c.contact()).isEqualTo("René Augé");
        assertThat(c.notes()).doesNotContain("Not the customer's notes");
        assertThat(c.balance()).as("the Balance after the skipped elements").isNotNull();
        assertThat(r.customers).hasSize(3);
    }

    @Test
    void keepsAmountsExactlyAsQuickBooksWroteThem() {
        // when
        Customer c = Recorder.readResource("customers-names-and-nesting.xml").customers.get(0);

        // then
        assertThat(c.balance()).isEqualTo(new BigDecimal("1234.5")).extracting(BigDecimal::scale).isEqualTo(1);
        assertThat(c.creditLimit().scale()).isEqualTo(2);
    }

    @Test
    void readsAJobWithItsParentAndKeepsCharactersOutsideLatin1() {
        // when
        Customer job = Recorder.readResource("customers-names-and-nesting.xml").customers.get(1);

        // then
        assertThat(job.name()).isEqualTo("Job 1 — Łódź ☃");
        assertThat(job.fullName()).isEqualTo("Smith & Sons <Wholesale>:Job 1 — Łódź ☃");
        assertThat(job.active()).isFalse();
        assertThat(job.parentListId()).isEqualTo("80000011-1700000001");
        assertThat(job.sublevel()).isEqualTo(1);
        assertThat(job.billAddress()).isNull();
        assertThat(job.shipAddress()).isEqualTo(new Address("Unit 5 & 6", null, null, null, null, null, null,
                null, null, null));
        assertThat(job.email()).as("<Email/>").isNull();
        assertThat(job.jobStatus()).isEqualTo("InProgress");
    }

    @Test
    void takesDateTimesWithoutOffsetInTheReadersZone() {
        // given
        QbxmlResponseReader utc = new QbxmlResponseReader();
        QbxmlResponseReader newYork = new QbxmlResponseReader(ZoneId.of("America/New_York"));

        // when
        Customer inUtc = Recorder.readResource(utc, "customers-names-and-nesting.xml").customers.get(1);
        Customer inNewYork = Recorder.readResource(newYork, "customers-names-and-nesting.xml").customers.get(1);

        // then: <TimeCreated>2024-04-01T10:00:00</TimeCreated>
        assertThat(inUtc.timeCreated()).isEqualTo(OffsetDateTime.parse("2024-04-01T10:00:00Z"));
        assertThat(inNewYork.timeCreated()).isEqualTo(OffsetDateTime.parse("2024-04-01T10:00:00-04:00"));
    }

    @ParameterizedTest
    @CsvSource({
            "2024-04-01T10:00:00-04:00, 2024-04-01T10:00:00-04:00",
            "2024-04-01T10:00:00+05:30, 2024-04-01T10:00:00+05:30",
            "' 2024-04-01T10:00:00-04:00 ', 2024-04-01T10:00:00-04:00",
            "2024-04-01T10:00:00Z, 2024-04-01T10:00:00Z",
            "2024-04-01T10:00:00.250-04:00, 2024-04-01T10:00:00.250-04:00",
            "2024-04-01T10:00, 2024-04-01T10:00:00Z",
            "2024-02-29T23:59:59-05:00, 2024-02-29T23:59:59-05:00",
            "2024-01-31T10:00:00-18:00, 2024-01-31T10:00:00-18:00"})
    void readsEveryFormOfDateTime(String written, String meant) {
        Customer c = Recorder.readText(customerResponse("<ListID>1</ListID><TimeCreated>" + written
                + "</TimeCreated>")).customers.get(0);
        assertThat(c.timeCreated()).isEqualTo(OffsetDateTime.parse(meant));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-13-01T10:00:00-04:00", "2024-00-10T10:00:00", "2024-04-01T25:00:00-04:00",
            "2024-04-01T10:60:00-04:00", "2024-04-01T10:00:00-19:00", "2024-04-01T10:00:00+05:75",
            "2024-04-01T10:00:00 04:00", "2024-o4-01T10:00:00-04:00"})
    void refusesADateTimeThatIsNone(String written) {
        assertThatThrownBy(() -> Recorder.readText(customerResponse("<ListID>1</ListID><TimeCreated>" + written
                + "</TimeCreated>"))).isInstanceOf(QbxmlParseException.class).hasMessageContaining("TimeCreated");
    }

    @Test
    void usesDefaultsForMissingOrEmptyValues() {
        // when
        Customer bare = Recorder.readResource("customers-names-and-nesting.xml").customers.get(2);

        // then
        assertThat(bare.active()).as("<IsActive></IsActive>").isTrue();
        assertThat(bare.sublevel()).isZero();
        assertThat(bare.balance()).as("<Balance></Balance>").isNull();
        assertThat(bare.timeCreated()).isNull();
        assertThat(bare.billAddress()).isNull();
        assertThat(bare.shipAddress()).isNull();
        assertThat(bare.terms()).isNull();
    }

    // ---- statuses --------------------------------------------------------------------------------------

    @Test
    void reportsEachStatusBeforeTheRetsOfItsResponse() {
        // when
        Recorder r = Recorder.readResource("mixed-statuses.xml");

        // then
        assertThat(r.events).hasSize(5);
        assertThat(r.events.get(0)).isInstanceOfSatisfying(RsStatus.class, s -> {
            assertThat(s.element()).isEqualTo("CustomerModRs");
            assertThat(s.statusCode()).isEqualTo(3200);
            assertThat(s.message()).isEqualTo("The provided edit sequence \"1711965600\" is out-of-date. ");
            assertThat(s.error()).isTrue();
        });
        assertThat(r.events.get(1)).isInstanceOfSatisfying(Customer.class,
                c -> assertThat(c.editSequence()).isEqualTo("1714663800"));
        assertThat(r.statuses).extracting(RsStatus::element, RsStatus::requestId, RsStatus::statusCode)
                .containsExactly(tuple("CustomerModRs", "mod-1", 3200), tuple("ItemQueryRs", "items-1", 0),
                        tuple("InvoiceQueryRs", "inv-2", 500), tuple("CustomerQueryRs", "cust-3", 3175));
    }

    @Test
    void classifiesStatusesByCodeAlone() {
        // when
        List<RsStatus> s = Recorder.readResource("mixed-statuses.xml").statuses;

        // then
        assertThat(s).extracting(RsStatus::ok, RsStatus::warning, RsStatus::error).containsExactly(
                tuple(false, false, true), tuple(true, false, false), tuple(false, true, false),
                tuple(false, false, true));
        assertThat(new RsStatus("XRs", null, 1, "Info", null, null, null, null).ok()).isTrue();
        assertThat(new RsStatus("XRs", null, 499, "Error", null, null, null, null).ok()).isTrue();
        assertThat(new RsStatus("XRs", null, 999, "Info", null, null, null, null).warning()).isTrue();
        assertThat(new RsStatus("XRs", null, 1000, "Info", null, null, null, null).error()).isTrue();
        assertThat(new RsStatus("XRs", null, -1, "Info", null, null, null, null).error()).isTrue();
    }

    @Test
    void reportsAnEmptyQueryAsStatusOneWithNoRecords() {
        // when
        Recorder r = Recorder.readResource("customer-query-empty.xml");

        // then
        assertThat(r.events).hasSize(1);
        RsStatus s = r.statuses.get(0);
        assertThat(s.statusCode()).isEqualTo(1);
        assertThat(s.ok()).isTrue();
        assertThat(s.iteratorRemainingCount()).isZero();
        assertThat(s.iteratorId()).isEqualTo("{5d1f3f8e-0f55-4a44-9a1c-6b7e0b0f0c01}");
        assertThat(s.retCount()).isNull();
    }

    @Test
    void readsTheIteratorAndCountAttributes() {
        // when
        RsStatus customers = Recorder.readResource("customers-names-and-nesting.xml").statuses.get(0);
        RsStatus invoices = Recorder.readResource("invoices-with-group-lines.xml").statuses.get(0);

        // then
        assertThat(customers.retCount()).isEqualTo(3);
        assertThat(customers.iteratorRemainingCount()).isZero();
        assertThat(invoices).isEqualTo(new RsStatus("InvoiceQueryRs", "inv-1", 0, "Info", "Status OK",
                "{a3c1b2d4-1111-4c2e-9f00-7e6d5c4b3a21}", 12, null));
    }

    // ---- invoices --------------------------------------------------------------------------------------

    @Test
    void readsTheInvoiceHeader() {
        // when
        Invoice i = Recorder.readResource("invoices-with-group-lines.xml").invoices.get(0);

        // then
        assertThat(i.txnId()).isEqualTo("1A2B-1700000100");
        assertThat(i.timeCreated()).isEqualTo(OffsetDateTime.parse("2024-06-01T08:00:00-04:00"));
        assertThat(i.timeModified()).isEqualTo(OffsetDateTime.parse("2024-06-20T16:05:30-04:00"));
        assertThat(i.editSequence()).isEqualTo("1718913930");
        assertThat(i.txnNumber()).isEqualTo("117");
        assertThat(i.customerListId()).isEqualTo("80000011-1700000001");
        assertThat(i.customerFullName()).isEqualTo("Smith & Sons <Wholesale>");
        assertThat(i.txnDate()).isEqualTo(LocalDate.of(2024, 6, 1));
        assertThat(i.refNumber()).isEqualTo("INV-1001");
        assertThat(i.poNumber()).isEqualTo("PO-77");
        assertThat(i.terms()).isEqualTo("Net 30");
        assertThat(i.dueDate()).isEqualTo(LocalDate.of(2024, 7, 1));
        assertThat(i.subtotal()).isEqualTo(new BigDecimal("404.97"));
        assertThat(i.salesTaxPercentage()).isEqualTo(new BigDecimal("7.25"));
        assertThat(i.salesTaxTotal()).isEqualTo(new BigDecimal("6.52"));
        assertThat(i.appliedAmount()).isEqualTo(new BigDecimal("-100.00"));
        assertThat(i.balanceRemaining()).isEqualTo(new BigDecimal("311.49"));
        assertThat(i.paid()).isFalse();
        assertThat(i.pending()).isFalse();
        assertThat(i.memo()).isEqualTo("Thanks & see you");
    }

    @Test
    void numbersLinesInDocumentOrderWithEachGroupBeforeItsLines() {
        // when
        List<InvoiceLine> lines = Recorder.readResource("invoices-with-group-lines.xml").invoices.get(0).lines();

        // then
        assertThat(lines).extracting(InvoiceLine::position, InvoiceLine::txnLineId, InvoiceLine::group,
                InvoiceLine::groupTxnLineId).containsExactly(
                tuple(0, "1A2C-1700000100", false, null),
                tuple(1, "1A2D-1700000100", true, null),
                tuple(2, "1A2E-1700000100", false, "1A2D-1700000100"),
                tuple(3, "1A2F-1700000100", false, "1A2D-1700000100"),
                tuple(4, "1A30-1700000100", false, null));
    }

    @Test
    void readsLineAndGroupFields() {
        // when
        List<InvoiceLine> lines = Recorder.readResource("invoices-with-group-lines.xml").invoices.get(0).lines();

        // then
        assertThat(lines.get(0)).isEqualTo(new InvoiceLine(0, "1A2C-1700000100", false, null,
                "90000-1700000000", "Services:Consulting", "Café fit-out consulting", new BigDecimal("2.5"),
                new BigDecimal("120.00"), null, new BigDecimal("300.00"), LocalDate.of(2024, 5, 30), "Non"));
        assertThat(lines.get(1)).isEqualTo(new InvoiceLine(1, "1A2D-1700000100", true, null, "91000-1700000000",
                "Starter Kit", "Starter kit: widgets and cables", new BigDecimal("1"), null, null,
                new BigDecimal("149.97"), null, null));
        assertThat(lines.get(3).rate()).isEqualTo(new BigDecimal("30.00000"));
        assertThat(lines.get(4).rate()).isNull();
        assertThat(lines.get(4).ratePercent()).isEqualTo(new BigDecimal("-10.0"));
        assertThat(lines.get(4).quantity()).isNull();
    }

    @Test
    void groupTotalsEqualTheirLinesAndLinesOutsideGroupsSumToTheSubtotal() {
        // given
        Invoice i = Recorder.readResource("invoices-with-group-lines.xml").invoices.get(0);

        // when
        BigDecimal nonGroupLines = sum(i.lines().stream().filter(l -> !l.group()).toList());
        BigDecimal groupsAndUngroupedLines = sum(i.lines().stream()
                .filter(l -> l.group() || l.groupTxnLineId() == null).toList());
        BigDecimal everyLine = sum(i.lines());
        InvoiceLine group = i.lines().get(1);
        BigDecimal groupChildren = sum(i.lines().stream()
                .filter(l -> group.txnLineId().equals(l.groupTxnLineId())).toList());

        // then
        assertThat(nonGroupLines).isEqualByComparingTo(i.subtotal());
        assertThat(groupsAndUngroupedLines).isEqualByComparingTo(i.subtotal());
        assertThat(groupChildren).isEqualByComparingTo(group.amount());
        assertThat(everyLine).as("groups and their lines together count twice")
                .isEqualByComparingTo(i.subtotal().add(group.amount()));
    }

    @Test
    void readsLinkedTransactions() {
        // when
        Invoice i = Recorder.readResource("invoices-with-group-lines.xml").invoices.get(0);

        // then
        assertThat(i.linkedTxns()).containsExactly(
                new LinkedTxn("1B00-1700000200", "ReceivePayment", LocalDate.of(2024, 6, 15), "4521", "AMTTYPE",
                        new BigDecimal("-75.00")),
                new LinkedTxn("1B01-1700000201", "CreditMemo", LocalDate.of(2024, 6, 20), "CM-3", "AMTTYPE",
                        new BigDecimal("-25.00")));
    }

    @Test
    void readsBooleansWrittenAsOneAndEmptyValuesAsDefaults() {
        // when
        Invoice i = Recorder.readResource("invoices-with-group-lines.xml").invoices.get(1);

        // then
        assertThat(i.paid()).as("<IsPaid>1</IsPaid>").isTrue();
        assertThat(i.pending()).as("<IsPending></IsPending>").isFalse();
        assertThat(i.memo()).isNull();
        assertThat(i.dueDate()).isNull();
        assertThat(i.terms()).isNull();
        assertThat(i.linkedTxns()).isEmpty();
        assertThat(i.timeCreated()).isEqualTo(OffsetDateTime.parse("2024-06-02T09:00:00Z"));
        assertThat(i.lines()).containsExactly(new InvoiceLine(0, "1C01-1700000300", false, null, null, null,
                "Description-only line", null, null, null, new BigDecimal("50.00"), null, null));
    }

    // ---- deletions -------------------------------------------------------------------------------------

    @Test
    void readsDeletedListElementsAndTransactions() {
        // when
        Recorder r = Recorder.readResource("deleted-customers-and-invoices.xml");

        // then
        assertThat(r.deleted).containsExactly(
                new DeletedRecord("Customer", "80000030-1203622308", OffsetDateTime.parse("2008-02-21T14:31:48-05:00"),
                        OffsetDateTime.parse("2008-03-18T17:31:12-05:00"), "Old Customer & Co:Job A"),
                new DeletedRecord("Customer", "80000031-1203622309", OffsetDateTime.parse("2008-02-21T14:35:00-05:00"),
                        OffsetDateTime.parse("2008-03-19T08:00:00-05:00"), "José"),
                new DeletedRecord("Invoice", "1D00-1700000400", OffsetDateTime.parse("2024-06-05T12:00:00-04:00"),
                        OffsetDateTime.parse("2024-06-06T12:00:00-04:00"), "INV-1003"));
        assertThat(r.statuses).extracting(RsStatus::element).containsExactly("ListDeletedQueryRs", "TxnDeletedQueryRs");
        assertThat(r.events.get(0)).isInstanceOf(RsStatus.class);
        assertThat(r.events.get(3)).isInstanceOf(RsStatus.class);
    }

    // ---- hostile and broken input ----------------------------------------------------------------------

    @Test
    void refusesADoctypeWithoutExpandingItsEntities() {
        // given: "billion laughs"
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE QBXML [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
                + "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">]>"
                + customerResponse("<Name>&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;</Name>");
        Recorder recorder = new Recorder();

        // when / then
        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> new QbxmlResponseReader().read(new StringReader(xml), recorder))
                        .isInstanceOf(QbxmlParseException.class).hasMessageContaining("DOCTYPE"));
        assertThat(recorder.events).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<!DOCTYPE QBXML [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
            "<!DOCTYPE QBXML SYSTEM \"http://192.0.2.1/qbxml.dtd\">",
            "<!DOCTYPE QBXML [<!ENTITY % p SYSTEM \"http://192.0.2.1/p.dtd\"> %p;]>"})
    void refusesExternalEntitiesAndDtdsWithoutFetchingThem(String doctype) {
        // given
        String xml = "<?xml version=\"1.0\"?>" + doctype + customerResponse("<Name>&xxe;</Name>");
        Recorder recorder = new Recorder();

        // when / then
        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> new QbxmlResponseReader().read(new StringReader(xml), recorder))
                        .isInstanceOf(QbxmlParseException.class));
        assertThat(recorder.customers).isEmpty();
    }

    @Test
    void refusesAnEntityThatIsNotDeclared() {
        // given
        String xml = customerResponse("<Name>A&nbsp;B</Name>");

        // when / then
        assertThatThrownBy(() -> Recorder.readText(xml)).isInstanceOf(QbxmlParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not xml at all",
            "<QBXML><QBXMLMsgsRs><CustomerQueryRs statusCode=\"0\" statusSeverity=\"Info\">",
            "<QBXML><QBXMLMsgsRs></QBXML>",
            "<QBXML><QBXMLMsgsRs/></QBXML><QBXML/>",
            "<QBXML><QBXMLMsgsRs><CustomerQueryRs statusCode=\"0\" statusSeverity=\"Info\"><CustomerRet>"
                    + "<Name>A & B</Name></CustomerRet></CustomerQueryRs></QBXMLMsgsRs></QBXML>"})
    void refusesMalformedXml(String xml) {
        assertThatThrownBy(() -> Recorder.readText(xml)).isInstanceOf(QbxmlParseException.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void refusesADocumentThatIsNotQbxml() {
        assertThatThrownBy(() -> Recorder.readText("<html><body/></html>"))
                .isInstanceOf(QbxmlParseException.class).hasMessageContaining("<html>").hasMessageContaining("QBXML");
    }

    @Test
    void refusesAResponseWithoutANumericStatusCode() {
        // given
        String xml = "<QBXML><QBXMLMsgsRs><CustomerQueryRs statusCode=\"OK\" statusSeverity=\"Info\"/>"
                + "</QBXMLMsgsRs></QBXML>";

        // when / then
        assertThatThrownBy(() -> Recorder.readText(xml)).isInstanceOf(QbxmlParseException.class)
                .hasMessageContaining("CustomerQueryRs").hasMessageContaining("statusCode").hasMessageContaining("OK");
    }

    @Test
    void namesTheRecordAndFieldOfAValueThatIsNotANumber() {
        // given
        String xml = customerResponse("<ListID>8000-1</ListID><Name>X</Name><Balance>12,00</Balance>");

        // when / then
        assertThatThrownBy(() -> Recorder.readText(xml)).isInstanceOf(QbxmlParseException.class)
                .hasMessageContaining("CustomerRet 8000-1").hasMessageContaining("Balance")
                .hasMessageContaining("'12,00'");
    }

    @Test
    void passesHandlerExceptionsThroughUnchanged() {
        // given
        IllegalStateException failure = new IllegalStateException("database down");
        QbxmlResponseReader.Handler handler = new QbxmlResponseReader.Handler() {
            @Override
            public void onStatus(RsStatus s) {
            }

            @Override
            public void onCustomer(Customer c) {
                throw failure;
            }
        };

        // when / then
        assertThatThrownBy(() -> new QbxmlResponseReader().read(new StringReader(customerResponse("<Name>X</Name>")),
                handler)).isSameAs(failure);
    }

    // ---- size ------------------------------------------------------------------------------------------

    @Test
    void streamsA20MegabyteResponseOneCustomerAtATime() {
        // given: a response generated while it is read, never held in memory as a whole
        GeneratedCustomerResponse response = new GeneratedCustomerResponse(20L * 1024 * 1024);
        long[] servedAtFirstCustomer = {-1};
        int[] count = {0};
        QbxmlResponseReader.Handler counting = new QbxmlResponseReader.Handler() {
            @Override
            public void onStatus(RsStatus s) {
                assertThat(s.ok()).isTrue();
            }

            @Override
            public void onCustomer(Customer c) {
                if (count[0]++ == 0) {
                    servedAtFirstCustomer[0] = response.served;
                }
                assertThat(c.listId()).isNotNull();
            }
        };

        // when
        new QbxmlResponseReader().read(response, counting);

        // then
        assertThat(response.served).isGreaterThanOrEqualTo(20L * 1024 * 1024);
        assertThat(count[0]).isEqualTo(response.customers);
        assertThat(servedAtFirstCustomer[0]).as("characters read before the first customer was handed over")
                .isLessThan(1024 * 1024);
    }

    /** A CustomerQueryRs with as many CustomerRets as it takes to reach a size; made up as it is read. */
    private static final class GeneratedCustomerResponse extends Reader {
        private static final String HEAD = "<?xml version=\"1.0\" ?>\n<QBXML>\n<QBXMLMsgsRs>\n"
                + "<CustomerQueryRs requestID=\"big\" statusCode=\"0\" statusSeverity=\"Info\""
                + " statusMessage=\"Status OK\">\n";
        private static final String TAIL = "</CustomerQueryRs>\n</QBXMLMsgsRs>\n</QBXML>\n";

        private final long target;
        int customers;
        long served;
        private String chunk = HEAD;
        private int pos;
        private boolean tailServed;

        GeneratedCustomerResponse(long target) {
            this.target = target;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            Objects.checkFromIndexSize(off, len, buf.length);
            while (pos == chunk.length()) {
                if (served < target) {
                    chunk = customer(++customers);
                } else if (!tailServed) {
                    chunk = TAIL;
                    tailServed = true;
                } else {
                    return -1;
                }
                pos = 0;
            }
            int n = Math.min(len, chunk.length() - pos);
            chunk.getChars(pos, pos + n, buf, off);
            pos += n;
            served += n;
            return n;
        }

        @Override
        public void close() {
        }

        private static String customer(int n) {
            String id = Integer.toHexString(0x80000000 + n).toUpperCase() + "-1700000000";
            return "<CustomerRet><ListID>" + id + "</ListID><TimeCreated>2024-01-01T10:00:00-05:00</TimeCreated>"
                    + "<TimeModified>2024-01-02T10:00:00-05:00</TimeModified><EditSequence>1704207600</EditSequence>"
                    + "<Name>Customer " + n + " &amp; Co</Name><FullName>Customer " + n + " &amp; Co</FullName>"
                    + "<IsActive>true</IsActive><Sublevel>0</Sublevel><CompanyName>Company " + n + "</CompanyName>"
                    + "<FirstName>First</FirstName><LastName>Last" + n + "</LastName>"
                    + "<BillAddress><Addr1>" + n + " Main Street</Addr1><City>Springfield</City><State>IL</State>"
                    + "<PostalCode>62701</PostalCode><Country>US</Country></BillAddress>"
                    + "<Phone>(217) 555-0100</Phone><Email>c" + n + "@example.com</Email>"
                    + "<Balance>" + n % 1000 + ".25</Balance><TotalBalance>" + n % 1000 + ".25</TotalBalance>"
                    + "<JobStatus>None</JobStatus><DataExtRet><OwnerID>0</OwnerID><DataExtName>Region</DataExtName>"
                    + "<DataExtType>STR255TYPE</DataExtType><DataExtValue>North</DataExtValue></DataExtRet>"
                    + "</CustomerRet>\n";
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private static String customerResponse(String customerContent) {
        return "<QBXML><QBXMLMsgsRs><CustomerQueryRs statusCode=\"0\" statusSeverity=\"Info\"><CustomerRet>"
                + customerContent + "</CustomerRet></CustomerQueryRs></QBXMLMsgsRs></QBXML>";
    }

    private static BigDecimal sum(List<InvoiceLine> lines) {
        return lines.stream().map(InvoiceLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
