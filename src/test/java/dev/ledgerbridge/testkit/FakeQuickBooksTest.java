package dev.ledgerbridge.testkit;

import static dev.ledgerbridge.testkit.QbxmlTestSupport.count;
import static dev.ledgerbridge.testkit.QbxmlTestSupport.rq;
import static dev.ledgerbridge.testkit.QbxmlTestSupport.rqOn;
import static dev.ledgerbridge.testkit.QbxmlTestSupport.xpath;
import static dev.ledgerbridge.testkit.QbxmlTestSupport.xpathAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FakeQuickBooksTest {

    private static final String ALL_CUSTOMERS_PAGE = "<CustomerQueryRq requestID=\"p\" iterator=\"Start\">"
            + "<MaxReturned>10</MaxReturned><ActiveStatus>All</ActiveStatus></CustomerQueryRq>";

    private FakeQuickBooks qb;

    @BeforeEach
    void setUp() {
        qb = new FakeQuickBooks("Test Co");
    }

    private static String cont(String iteratorId) {
        return "<CustomerQueryRq requestID=\"c\" iterator=\"Continue\" iteratorID=\"" + iteratorId + "\">"
                + "<MaxReturned>10</MaxReturned><ActiveStatus>All</ActiveStatus></CustomerQueryRq>";
    }

    @Nested
    class Iterators {

        @Test
        void pagesThroughASnapshotWithCorrectRemainingCounts() {
            qb.setAutoAdvance(Duration.ofSeconds(1));
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                ids.add(qb.addCustomer("Customer " + i).listId());
            }
            qb.beginSession();

            String first = qb.process(rq(ALL_CUSTOMERS_PAGE));
            String iteratorId = xpath(first, "//CustomerQueryRs/@iteratorID");
            assertThat(iteratorId).matches("\\{[0-9a-f-]{36}\\}");
            assertThat(xpath(first, "//CustomerQueryRs/@requestID")).isEqualTo("p");
            assertThat(xpath(first, "//CustomerQueryRs/@iteratorRemainingCount")).isEqualTo("15");
            assertThat(count(first, "//CustomerRet")).isEqualTo(10);

            qb.addCustomer("Added after Start");
            qb.editCustomer(ids.get(24), c -> c.email("changed@example.com"));
            qb.editCustomer(ids.get(0), c -> c.email("moved@example.com"));

            String second = qb.process(rq(cont(iteratorId)));
            assertThat(xpath(second, "//CustomerQueryRs/@iteratorRemainingCount")).isEqualTo("5");
            assertThat(xpath(second, "//CustomerQueryRs/@iteratorID")).isEqualTo(iteratorId);
            String third = qb.process(rq(cont(iteratorId)));
            assertThat(xpath(third, "//CustomerQueryRs/@iteratorRemainingCount")).isEqualTo("0");
            assertThat(count(third, "//CustomerRet")).isEqualTo(5);

            List<String> seen = new ArrayList<>();
            for (String page : List.of(first, second, third)) {
                seen.addAll(xpathAll(page, "//CustomerRet/ListID"));
            }
            assertThat(seen).containsExactlyElementsOf(ids);
            assertThat(xpath(third, "//CustomerRet[ListID='" + ids.get(24) + "']/Email")).isEqualTo("changed@example.com");

            String after = qb.process(rq(cont(iteratorId)));
            assertThat(xpath(after, "//CustomerQueryRs/@statusCode")).isEqualTo("3391");
        }

        @Test
        void iteratorIdsAreInvalidInAnotherSession() {
            qb.generateCustomers(30, 1);
            qb.beginSession();
            String first = qb.process(rq(ALL_CUSTOMERS_PAGE));
            String iteratorId = xpath(first, "//CustomerQueryRs/@iteratorID");
            qb.endSession();
            qb.beginSession();

            String stale = qb.process(rq(cont(iteratorId)));

            assertThat(xpath(stale, "//CustomerQueryRs/@statusCode")).isEqualTo("3391");
            assertThat(xpath(stale, "//CustomerQueryRs/@statusSeverity")).isEqualTo("Error");
            assertThat(xpath(stale, "//CustomerQueryRs/@statusMessage"))
                    .isEqualTo("The iteratorID \"" + iteratorId + "\" is not valid.");
            assertThat(count(stale, "//CustomerRet")).isZero();
        }

        @Test
        void expiredUnknownAndStoppedIteratorsAnswer3391() {
            qb.generateCustomers(30, 2);
            qb.beginSession();
            String a = xpath(qb.process(rq(ALL_CUSTOMERS_PAGE)), "//@iteratorID");
            qb.expireIterators();
            assertThat(xpath(qb.process(rq(cont(a))), "//@statusCode")).isEqualTo("3391");
            assertThat(xpath(qb.process(rq(cont("{00000000-0000-0000-0000-000000000000}"))), "//@statusCode"))
                    .isEqualTo("3391");

            String b = xpath(qb.process(rq(ALL_CUSTOMERS_PAGE)), "//@iteratorID");
            String stop = qb.process(rq("<CustomerQueryRq iterator=\"Stop\" iteratorID=\"" + b + "\"></CustomerQueryRq>"));
            assertThat(xpath(stop, "//@statusCode")).isEqualTo("0");
            assertThat(xpath(qb.process(rq(cont(b))), "//@statusCode")).isEqualTo("3391");
        }

        @Test
        void emptyStartAnswersStatusOneWithNothingRemaining() {
            qb.beginSession();
            String r = qb.process(rq(ALL_CUSTOMERS_PAGE));
            assertThat(xpath(r, "//CustomerQueryRs/@statusCode")).isEqualTo("1");
            assertThat(xpath(r, "//CustomerQueryRs/@iteratorRemainingCount")).isEqualTo("0");
        }

        @Test
        void maxReturnedWithoutIteratorCapsTheResult() {
            qb.generateCustomers(20, 3);
            String r = qb.process(rq("<CustomerQueryRq><MaxReturned>7</MaxReturned><ActiveStatus>All</ActiveStatus>"
                    + "</CustomerQueryRq>"));
            assertThat(count(r, "//CustomerRet")).isEqualTo(7);
            assertThat(xpath(r, "//CustomerQueryRs/@iteratorID")).isEmpty();
        }
    }

    @Nested
    class Queries {

        @Test
        void noMatchIsStatusOneNotZero() {
            qb.addCustomer("Alpha");
            String r = qb.process(rq("<CustomerQueryRq requestID=\"9\"><NameFilter><MatchCriterion>StartsWith</MatchCriterion>"
                    + "<Name>Zed</Name></NameFilter></CustomerQueryRq>"));
            assertThat(xpath(r, "//CustomerQueryRs/@statusCode")).isEqualTo("1");
            assertThat(xpath(r, "//CustomerQueryRs/@statusSeverity")).isEqualTo("Info");
            assertThat(xpath(r, "//CustomerQueryRs/@statusMessage"))
                    .isEqualTo("A query request did not find a matching object in QuickBooks");
            assertThat(count(r, "//CustomerRet")).isZero();

            String inv = qb.process(rq("<InvoiceQueryRq><MaxReturned>5</MaxReturned></InvoiceQueryRq>"));
            assertThat(xpath(inv, "//InvoiceQueryRs/@statusCode")).isEqualTo("1");
        }

        @Test
        void responsesHaveQuickBooksProlog() {
            qb.addCustomer("Alpha");
            String r = qb.process(rq("<CustomerQueryRq requestID=\"1\"/>"));
            assertThat(r).startsWith("<?xml version=\"1.0\" ?>\n<QBXML>\n<QBXMLMsgsRs>\n");
            assertThat(r).doesNotContain("<?qbxml");
            assertThat(r).contains("<CustomerQueryRs requestID=\"1\" statusCode=\"0\" statusSeverity=\"Info\" "
                    + "statusMessage=\"Status OK\">");
        }

        @Test
        void customerQueryDefaultsToActiveOnly() {
            qb.addCustomer("Active 1");
            qb.addCustomer("Active 2");
            String gone = qb.addCustomer("Gone").listId();
            qb.setActive(gone, false);

            assertThat(xpathAll(qb.process(rq("<CustomerQueryRq/>")), "//CustomerRet/Name"))
                    .containsExactly("Active 1", "Active 2");
            assertThat(count(qb.process(rq("<CustomerQueryRq><ActiveStatus>All</ActiveStatus></CustomerQueryRq>")),
                    "//CustomerRet")).isEqualTo(3);
            assertThat(xpathAll(qb.process(rq("<CustomerQueryRq><ActiveStatus>InactiveOnly</ActiveStatus></CustomerQueryRq>")),
                    "//CustomerRet/IsActive")).containsExactly("false");
            assertThat(count(qb.process(rq("<CustomerQueryRq><ListID>" + gone + "</ListID></CustomerQueryRq>")),
                    "//CustomerRet")).isEqualTo(1);
        }

        @Test
        void listIdQueriesReport3120WhenNothingIsFoundAnd500WhenSomethingIs() {
            String a = qb.addCustomer("A").listId();
            String none = qb.process(rq("<CustomerQueryRq><ListID>80000099-1</ListID></CustomerQueryRq>"));
            assertThat(xpath(none, "//@statusCode")).isEqualTo("3120");
            String some = qb.process(rq("<CustomerQueryRq><ListID>" + a + "</ListID><ListID>80000099-1</ListID></CustomerQueryRq>"));
            assertThat(xpath(some, "//@statusCode")).isEqualTo("500");
            assertThat(xpath(some, "//@statusSeverity")).isEqualTo("Warn");
            assertThat(count(some, "//CustomerRet")).isEqualTo(1);
        }

        @Test
        void jobsCarryFullNameParentSublevelAndTotalBalance() {
            QbCustomer parent = qb.addCustomer(CustomerSpec.named("Smith & Sons").email("a@b.c"));
            QbCustomer job = qb.addJob(parent.listId(), "Kitchen <East>");
            QbCustomer sub = qb.addJob(job.listId(), "Phase 2");
            qb.addInvoice(InvoiceSpec.forCustomer(parent.listId()).lines(LineSpec.amount("Labor", null, "10.00")));
            qb.addInvoice(InvoiceSpec.forCustomer(sub.listId()).lines(LineSpec.amount("Labor", null, "5.50")));

            assertThat(qb.customer(sub.listId()).orElseThrow().fullName()).isEqualTo("Smith & Sons:Kitchen <East>:Phase 2");
            String r = qb.process(rq("<CustomerQueryRq><ListID>" + sub.listId() + "</ListID><ListID>" + parent.listId()
                    + "</ListID></CustomerQueryRq>"));
            assertThat(xpath(r, "//CustomerRet[1]/FullName")).isEqualTo("Smith & Sons:Kitchen <East>:Phase 2");
            assertThat(xpath(r, "//CustomerRet[1]/ParentRef/ListID")).isEqualTo(job.listId());
            assertThat(xpath(r, "//CustomerRet[1]/Sublevel")).isEqualTo("2");
            assertThat(r).contains("<FullName>Smith &amp; Sons:Kitchen &lt;East&gt;:Phase 2</FullName>");
            QbCustomer p = qb.customer(parent.listId()).orElseThrow();
            assertThat(p.balance()).isEqualByComparingTo("10.00");
            assertThat(p.totalBalance()).isEqualTo(new BigDecimal("15.50"));
            assertThat(xpath(r, "//CustomerRet[2]/TotalBalance")).isEqualTo("15.50");
        }

        @Test
        void invoiceLinesAndLinkedTxnsOnlyWhenAsked() {
            QbCustomer c = qb.addCustomer("Lines");
            QbInvoice inv = qb.addInvoice(InvoiceSpec.forCustomer(c.listId()).salesTaxPercentage("8.875").lines(
                    LineSpec.item("Widget", "Blue & big", "3", "19.99").taxable(),
                    GroupSpec.of("Install Kit", "Kit", LineSpec.item("Labor", null, "1.5", "80.00"),
                            LineSpec.item("Parts", null, "2", "12.50").taxable()),
                    LineSpec.descriptionOnly("Thanks!")));
            qb.applyPayment(inv.txnId(), "50.00");

            String bare = qb.process(rq("<InvoiceQueryRq><TxnID>" + inv.txnId() + "</TxnID></InvoiceQueryRq>"));
            assertThat(count(bare, "//InvoiceLineRet") + count(bare, "//InvoiceLineGroupRet") + count(bare, "//LinkedTxn"))
                    .isZero();
            String full = qb.process(rq("<InvoiceQueryRq><TxnID>" + inv.txnId() + "</TxnID>"
                    + "<IncludeLineItems>true</IncludeLineItems><IncludeLinkedTxns>true</IncludeLinkedTxns></InvoiceQueryRq>"));
            assertThat(xpathAll(full, "/QBXML/QBXMLMsgsRs/InvoiceQueryRs/InvoiceRet/*[self::InvoiceLineRet or "
                    + "self::InvoiceLineGroupRet]/TxnLineID")).hasSize(3);
            assertThat(xpath(full, "//InvoiceLineGroupRet/TotalAmount")).isEqualTo("145.00");
            assertThat(count(full, "//InvoiceLineGroupRet/InvoiceLineRet")).isEqualTo(2);
            assertThat(xpath(full, "//InvoiceRet/Subtotal")).isEqualTo("204.97");
            // taxable: 59.97 + 25.00 = 84.97 × 8.875 % = 7.541... → 7.54
            assertThat(xpath(full, "//InvoiceRet/SalesTaxTotal")).isEqualTo("7.54");
            assertThat(xpath(full, "//InvoiceRet/AppliedAmount")).isEqualTo("-50.00");
            assertThat(xpath(full, "//InvoiceRet/BalanceRemaining")).isEqualTo("162.51");
            assertThat(xpath(full, "//InvoiceRet/IsPaid")).isEqualTo("false");
            assertThat(xpath(full, "//LinkedTxn/TxnType")).isEqualTo("ReceivePayment");
            assertThat(xpath(full, "//LinkedTxn/Amount")).isEqualTo("-50.00");
        }

        @Test
        void invoiceFiltersByCustomerTreeDatesAndPaidStatus() {
            QbCustomer parent = qb.addCustomer("Parent");
            QbCustomer job = qb.addJob(parent.listId(), "Job");
            QbCustomer other = qb.addCustomer("Other");
            QbInvoice a = qb.addInvoice(InvoiceSpec.forCustomer(job.listId()).txnDate(LocalDate.of(2024, 1, 2))
                    .lines(LineSpec.amount("X", null, "10.00")));
            QbInvoice b = qb.addInvoice(InvoiceSpec.forCustomer(other.listId()).txnDate(LocalDate.of(2024, 1, 9))
                    .lines(LineSpec.amount("X", null, "20.00")));
            qb.applyPayment(b.txnId(), "20.00");

            assertThat(xpathAll(qb.process(rq("<InvoiceQueryRq><EntityFilter><ListIDWithChildren>" + parent.listId()
                    + "</ListIDWithChildren></EntityFilter></InvoiceQueryRq>")), "//TxnID")).containsExactly(a.txnId());
            assertThat(xpathAll(qb.process(rq("<InvoiceQueryRq><TxnDateRangeFilter><FromTxnDate>2024-01-05</FromTxnDate>"
                    + "</TxnDateRangeFilter></InvoiceQueryRq>")), "//InvoiceRet/TxnID")).containsExactly(b.txnId());
            assertThat(xpathAll(qb.process(rq("<InvoiceQueryRq><PaidStatus>NotPaidOnly</PaidStatus></InvoiceQueryRq>")),
                    "//InvoiceRet/TxnID")).containsExactly(a.txnId());
            assertThat(xpathAll(qb.process(rq("<InvoiceQueryRq><RefNumber>" + b.refNumber() + "</RefNumber></InvoiceQueryRq>")),
                    "//InvoiceRet/TxnID")).containsExactly(b.txnId());
        }

        @Test
        void deletedObjectsAreReportedByTheDeletedQueries() {
            QbCustomer gone = qb.addCustomer("Gone & Forgotten");
            QbCustomer keep = qb.addCustomer("Keeper");
            QbInvoice inv = qb.addInvoice(InvoiceSpec.forCustomer(keep.listId()).refNumber("R-1")
                    .lines(LineSpec.amount("X", null, "1.00")));
            assertThatThrownBy(() -> qb.deleteCustomer(keep.listId())).isInstanceOf(IllegalStateException.class);
            qb.advance(Duration.ofMinutes(5));
            qb.deleteCustomer(gone.listId());
            qb.deleteInvoice(inv.txnId());

            String lists = qb.process(rq("<ListDeletedQueryRq requestID=\"d\"><ListDelType>Customer</ListDelType>"
                    + "</ListDeletedQueryRq>"));
            assertThat(xpath(lists, "//ListDeletedRet/ListID")).isEqualTo(gone.listId());
            assertThat(xpath(lists, "//ListDeletedRet/FullName")).isEqualTo("Gone & Forgotten");
            assertThat(xpath(lists, "//ListDeletedRet/TimeDeleted")).isEqualTo("2024-01-15T10:05:00-05:00");
            String txns = qb.process(rq("<TxnDeletedQueryRq><TxnDelType>Invoice</TxnDelType></TxnDeletedQueryRq>"));
            assertThat(xpath(txns, "//TxnDeletedRet/TxnID")).isEqualTo(inv.txnId());
            assertThat(xpath(txns, "//TxnDeletedRet/RefNumber")).isEqualTo("R-1");
            assertThat(qb.deletedCustomerIds()).containsExactly(gone.listId());
            assertThat(qb.customers()).extracting(QbCustomer::listId).containsExactly(keep.listId());

            String later = qb.process(rq("<ListDeletedQueryRq><ListDelType>Customer</ListDelType><DeletedDateRangeFilter>"
                    + "<FromDeletedDate>2024-01-15T10:06:00</FromDeletedDate></DeletedDateRangeFilter></ListDeletedQueryRq>"));
            assertThat(xpath(later, "//@statusCode")).isEqualTo("1");
        }
    }

    @Nested
    class Time {

        @Test
        void timeModifiedUsesTheOffsetInForceAcrossSpringForward() {
            qb.setNow(Instant.parse("2024-03-10T06:59:59Z"));
            QbCustomer c = qb.addCustomer("Spring");
            assertThat(qbTimeModified(c.listId())).isEqualTo("2024-03-10T01:59:59-05:00");
            qb.setNow(Instant.parse("2024-03-10T07:00:00Z"));
            qb.editCustomer(c.listId(), s -> s.phone("555"));
            assertThat(qbTimeModified(c.listId())).isEqualTo("2024-03-10T03:00:00-04:00");
            assertThat(xpath(qb.process(rq("<CustomerQueryRq/>")), "//TimeCreated")).isEqualTo("2024-03-10T01:59:59-05:00");
        }

        @Test
        void timeModifiedAndFiltersAreInstantsAcrossFallBack() {
            qb.setNow(Instant.parse("2024-11-03T05:30:00Z"));
            QbCustomer first = qb.addCustomer("First at 0130 EDT");
            qb.setNow(Instant.parse("2024-11-03T06:30:00Z"));
            QbCustomer second = qb.addCustomer("Second at 0130 EST");
            assertThat(qbTimeModified(first.listId())).isEqualTo("2024-11-03T01:30:00-04:00");
            assertThat(qbTimeModified(second.listId())).isEqualTo("2024-11-03T01:30:00-05:00");

            assertThat(modifiedFrom("2024-11-03T01:30:00-05:00")).containsExactly(second.listId());
            assertThat(modifiedFrom("2024-11-03T01:30:00-04:00")).containsExactly(first.listId(), second.listId());
            // a local time without offset is read in the company zone (the earlier of the two 01:45s)
            assertThat(modifiedFrom("2024-11-03T01:45:00")).containsExactly(second.listId());
            String to = qb.process(rq("<CustomerQueryRq><ToModifiedDate>2024-11-03T01:30:00-04:00</ToModifiedDate>"
                    + "</CustomerQueryRq>"));
            assertThat(xpathAll(to, "//ListID")).containsExactly(first.listId());
        }

        @Test
        void everyEditGetsANewEditSequenceEvenInTheSameSecond() {
            QbCustomer c = qb.addCustomer("Same second");
            String e1 = c.editSequence();
            String e2 = qb.editCustomer(c.listId(), s -> s.email("x@y.z")).editSequence();
            String e3 = qb.setActive(c.listId(), false).editSequence();
            assertThat(List.of(e1, e2, e3)).doesNotHaveDuplicates().allMatch(s -> s.matches("\\d+"));
            assertThat(Long.parseLong(e3)).isGreaterThan(Long.parseLong(e2));
        }

        private String qbTimeModified(String listId) {
            return xpath(qb.process(rq("<CustomerQueryRq><ListID>" + listId + "</ListID></CustomerQueryRq>")),
                    "//TimeModified");
        }

        private List<String> modifiedFrom(String from) {
            return xpathAll(qb.process(rq("<CustomerQueryRq><FromModifiedDate>" + from + "</FromModifiedDate>"
                    + "</CustomerQueryRq>")), "//ListID");
        }
    }

    @Nested
    class Writes {

        @Test
        void customerModWithAStaleEditSequenceAnswers3200WithTheCurrentRecord() {
            QbCustomer c = qb.addCustomer(CustomerSpec.named("Mod Me").email("old@example.com"));
            String stale = c.editSequence();
            qb.advance(Duration.ofMinutes(1));
            QbCustomer edited = qb.editCustomer(c.listId(), s -> s.phone("(555) 111-2222"));

            String r = qb.process(rq("<CustomerModRq requestID=\"m1\"><CustomerMod><ListID>" + c.listId() + "</ListID>"
                    + "<EditSequence>" + stale + "</EditSequence><Email>new@example.com</Email></CustomerMod></CustomerModRq>"));

            assertThat(xpath(r, "//CustomerModRs/@statusCode")).isEqualTo("3200");
            assertThat(xpath(r, "//CustomerModRs/@statusSeverity")).isEqualTo("Error");
            assertThat(xpath(r, "//CustomerModRs/@statusMessage")).contains("edit sequence \"" + stale + "\" is out-of-date");
            assertThat(xpath(r, "//CustomerModRs/CustomerRet/EditSequence")).isEqualTo(edited.editSequence());
            assertThat(qb.customer(c.listId()).orElseThrow().email()).isEqualTo("old@example.com");
        }

        @Test
        void customerModWithTheCurrentEditSequenceSucceeds() {
            QbCustomer c = qb.addCustomer(CustomerSpec.named("Mod Me").email("old@example.com")
                    .billAddress(QbAddress.of("1 Main St", "Springfield", "NY", "10001", "USA")));
            qb.advance(Duration.ofMinutes(1));
            String r = qb.process(rq("<CustomerModRq requestID=\"m2\"><CustomerMod><ListID>" + c.listId() + "</ListID>"
                    + "<EditSequence>" + c.editSequence() + "</EditSequence><BillAddress><City>Albany</City></BillAddress>"
                    + "<Email>new@example.com</Email><Cc></Cc></CustomerMod></CustomerModRq>"));

            assertThat(xpath(r, "//CustomerModRs/@statusCode")).isEqualTo("0");
            QbCustomer after = qb.customer(c.listId()).orElseThrow();
            assertThat(after.email()).isEqualTo("new@example.com");
            assertThat(after.billAddress()).isEqualTo(QbAddress.of("1 Main St", "Albany", "NY", "10001", "USA"));
            assertThat(after.editSequence()).isNotEqualTo(c.editSequence())
                    .isEqualTo(xpath(r, "//CustomerRet/EditSequence"));
            assertThat(after.timeModified()).isEqualTo(Instant.parse("2024-01-15T15:01:00Z"));
        }

        @Test
        void renamingToATakenNameAnswers3100() {
            qb.addCustomer("Taken");
            QbCustomer c = qb.addCustomer("Free");
            String r = qb.process(rq("<CustomerModRq><CustomerMod><ListID>" + c.listId() + "</ListID><EditSequence>"
                    + c.editSequence() + "</EditSequence><Name>taken</Name></CustomerMod></CustomerModRq>"));
            assertThat(xpath(r, "//@statusCode")).isEqualTo("3100");
        }

        @Test
        void overpaymentAnswers3210AndChangesNothing() {
            QbCustomer c = qb.addCustomer("Payer");
            QbInvoice inv = qb.addInvoice(InvoiceSpec.forCustomer(c.listId()).lines(LineSpec.amount("X", null, "100.00")));

            String r = qb.process(rq(payment(c.listId(), "129.43", inv.txnId(), "129.43")));

            assertThat(xpath(r, "//ReceivePaymentAddRs/@statusCode")).isEqualTo("3210");
            assertThat(xpath(r, "//ReceivePaymentAddRs/@statusMessage")).isEqualTo("The \"AppliedToTxnAdd payment amount\" "
                    + "field has an invalid value \"129.43\".  QuickBooks error message: You cannot pay more than the amount due.");
            assertThat(count(r, "//ReceivePaymentRet")).isZero();
            assertThat(qb.payments()).isEmpty();
            assertThat(qb.invoice(inv.txnId()).orElseThrow().balanceRemaining()).isEqualByComparingTo("100.00");
        }

        @Test
        void aGoodPaymentUpdatesInvoiceAndCustomerBalancesToTheCent() {
            QbCustomer parent = qb.addCustomer("Parent Co");
            QbCustomer job = qb.addJob(parent.listId(), "Job 1");
            QbInvoice inv = qb.addInvoice(InvoiceSpec.forCustomer(job.listId()).salesTaxPercentage("7")
                    .lines(LineSpec.item("Widget", null, "3", "33.33").taxable()));
            assertThat(inv.total()).isEqualByComparingTo("106.99");

            String r = qb.process(rq(payment(job.listId(), "40.01", inv.txnId(), "40.01")));

            assertThat(xpath(r, "//ReceivePaymentAddRs/@statusCode")).isEqualTo("0");
            assertThat(xpath(r, "//ReceivePaymentRet/AppliedToTxnRet/BalanceRemaining")).isEqualTo("66.98");
            assertThat(xpath(r, "//ReceivePaymentRet/UnusedPayment")).isEqualTo("0.00");
            QbInvoice after = qb.invoice(inv.txnId()).orElseThrow();
            assertThat(after.appliedAmount()).isEqualTo(new BigDecimal("-40.01"));
            assertThat(after.balanceRemaining()).isEqualTo(new BigDecimal("66.98"));
            assertThat(after.paid()).isFalse();
            assertThat(after.linkedTxns()).singleElement()
                    .satisfies(l -> assertThat(l.txnId()).isEqualTo(xpath(r, "//ReceivePaymentRet/TxnID")));
            assertThat(after.editSequence()).isNotEqualTo(inv.editSequence());
            assertThat(qb.customer(job.listId()).orElseThrow().balance()).isEqualTo(new BigDecimal("66.98"));
            assertThat(qb.customer(parent.listId()).orElseThrow().totalBalance()).isEqualTo(new BigDecimal("66.98"));
            assertThat(qb.customer(parent.listId()).orElseThrow().balance()).isEqualTo(new BigDecimal("0.00"));

            qb.process(rq(payment(job.listId(), "66.98", inv.txnId(), "66.98")));
            assertThat(qb.invoice(inv.txnId()).orElseThrow().paid()).isTrue();
            assertThat(qb.customer(parent.listId()).orElseThrow().totalBalance()).isEqualByComparingTo("0");
        }

        @Test
        void unknownCustomerOrInvoiceAnswers3140() {
            QbCustomer c = qb.addCustomer("Payer");
            assertThat(xpath(qb.process(rq(payment("80000999-1", "1.00", null, null))), "//@statusCode")).isEqualTo("3140");
            assertThat(xpath(qb.process(rq(payment(c.listId(), "1.00", "FFFF-1", "1.00"))), "//@statusCode"))
                    .isEqualTo("3140");
        }

        @Test
        void receivedPaymentsCanBeQueriedByIdRefNumberAndFilters() {
            QbCustomer c = qb.addCustomer("Payer");
            QbInvoice inv = qb.addInvoice(InvoiceSpec.forCustomer(c.listId()).lines(LineSpec.amount("X", null, "80.00")));
            String add = qb.process(rq(payment(c.listId(), "30.00", inv.txnId(), "30.00")));
            String txnId = xpath(add, "//ReceivePaymentRet/TxnID");
            qb.advance(Duration.ofHours(1));
            QbPayment second = qb.applyPayment(inv.txnId(), "50.00");

            String byId = qb.process(rq("<ReceivePaymentQueryRq><TxnID>" + txnId + "</TxnID></ReceivePaymentQueryRq>"));
            assertThat(xpath(byId, "//ReceivePaymentRet/RefNumber")).isEqualTo("CHK-1");
            assertThat(xpath(byId, "//ReceivePaymentRet/Memo")).isEqualTo("Ledgerbridge & co");
            assertThat(xpath(byId, "//AppliedToTxnRet/TxnID")).isEqualTo(inv.txnId());
            assertThat(xpath(byId, "//AppliedToTxnRet/BalanceRemaining")).isEqualTo("0.00");
            assertThat(xpathAll(qb.process(rq("<ReceivePaymentQueryRq><RefNumber>chk-1</RefNumber></ReceivePaymentQueryRq>")),
                    "//ReceivePaymentRet/TxnID")).containsExactly(txnId);
            assertThat(xpathAll(qb.process(rq("<ReceivePaymentQueryRq><ModifiedDateRangeFilter><FromModifiedDate>"
                    + "2024-01-15T10:30:00</FromModifiedDate></ModifiedDateRangeFilter></ReceivePaymentQueryRq>")),
                    "//ReceivePaymentRet/TxnID")).containsExactly(second.txnId());
            String page = qb.process(rq("<ReceivePaymentQueryRq iterator=\"Start\"><MaxReturned>1</MaxReturned>"
                    + "<EntityFilter><ListID>" + c.listId() + "</ListID></EntityFilter></ReceivePaymentQueryRq>"));
            assertThat(xpath(page, "//ReceivePaymentQueryRs/@iteratorRemainingCount")).isEqualTo("1");
            assertThat(xpath(page, "//ReceivePaymentRet/TxnID")).isEqualTo(txnId);
            assertThat(qb.invoice(inv.txnId()).orElseThrow().paid()).isTrue();
        }

        @Test
        void deletingAnInvoiceLeavesItsPaymentAsACredit() {
            QbCustomer c = qb.addCustomer("Credit");
            QbInvoice inv = qb.addInvoice(InvoiceSpec.forCustomer(c.listId()).lines(LineSpec.amount("X", null, "80.00")));
            QbPayment p = qb.applyPayment(inv.txnId(), "30.00");
            qb.deleteInvoice(inv.txnId());
            assertThat(qb.payment(p.txnId()).orElseThrow().unusedPayment()).isEqualByComparingTo("30.00");
            assertThat(qb.customer(c.listId()).orElseThrow().balance()).isEqualByComparingTo("-30.00");
            qb.deletePayment(p.txnId());
            assertThat(qb.customer(c.listId()).orElseThrow().balance()).isEqualByComparingTo("0.00");
            assertThat(qb.deletedObjects()).extracting(QbDeletedObject::type).containsExactly("Invoice", "ReceivePayment");
        }

        @Test
        void balanceChangesLeaveTheCustomerRecordAloneUnlessAskedTo() {
            QbCustomer c = qb.addCustomer("Untouched");
            qb.advance(Duration.ofMinutes(1));
            QbInvoice inv = qb.addInvoice(InvoiceSpec.forCustomer(c.listId()).lines(LineSpec.amount("X", null, "9.99")));
            QbCustomer after = qb.customer(c.listId()).orElseThrow();
            assertThat(after.balance()).isEqualByComparingTo("9.99");
            assertThat(after.editSequence()).isEqualTo(c.editSequence());
            assertThat(after.timeModified()).isEqualTo(c.timeModified());

            qb.setBalanceChangesTouchCustomers(true);
            qb.advance(Duration.ofMinutes(1));
            qb.applyPayment(inv.txnId(), "9.99");
            QbCustomer touched = qb.customer(c.listId()).orElseThrow();
            assertThat(touched.editSequence()).isNotEqualTo(c.editSequence());
            assertThat(touched.timeModified()).isEqualTo(Instant.parse("2024-01-15T15:02:00Z"));
        }

        @Test
        void unappliedPaymentIsACreditOnTheCustomer() {
            QbCustomer c = qb.addCustomer("Deposit");
            String r = qb.process(rq("<ReceivePaymentAddRq><ReceivePaymentAdd><CustomerRef><ListID>" + c.listId()
                    + "</ListID></CustomerRef><TotalAmount>25.00</TotalAmount><PaymentMethodRef><FullName>Visa</FullName>"
                    + "</PaymentMethodRef><IsAutoApply>false</IsAutoApply></ReceivePaymentAdd></ReceivePaymentAddRq>"));
            assertThat(xpath(r, "//UnusedPayment")).isEqualTo("25.00");
            assertThat(qb.customer(c.listId()).orElseThrow().balance()).isEqualByComparingTo("-25.00");
        }

        @Test
        void stopOnErrorStopsAtTheFirstErrorAndContinueOnErrorGoesOn() {
            QbCustomer c = qb.addCustomer("Batch");
            String stale = "<CustomerModRq requestID=\"2\"><CustomerMod><ListID>" + c.listId()
                    + "</ListID><EditSequence>1</EditSequence><Email>a@b.c</Email></CustomerMod></CustomerModRq>";
            String query = "<CustomerQueryRq requestID=\"%s\"><ListID>" + c.listId() + "</ListID></CustomerQueryRq>";

            String stop = qb.process(rqOn("stopOnError", String.format(query, "1"), stale, String.format(query, "3")));
            assertThat(xpathAll(stop, "/QBXML/QBXMLMsgsRs/*/@requestID")).containsExactly("1", "2");
            String go = qb.process(rqOn("continueOnError", String.format(query, "1"), stale, String.format(query, "3")));
            assertThat(xpathAll(go, "/QBXML/QBXMLMsgsRs/*/@requestID")).containsExactly("1", "2", "3");
            assertThat(xpathAll(go, "/QBXML/QBXMLMsgsRs/*/@statusCode")).containsExactly("0", "3200", "0");
        }

        @Test
        void failNextInjectsAStatusOnceForThatRequestType() {
            qb.addCustomer("Busy");
            qb.failNext("CustomerQueryRq", 3175, "Object in use");
            qb.failNext("CustomerQuery", 500, "The query request has not been fully completed.");

            String err = qb.process(rq("<CustomerQueryRq requestID=\"1\"/>"));
            assertThat(xpath(err, "//@statusCode")).isEqualTo("3175");
            assertThat(xpath(err, "//@statusSeverity")).isEqualTo("Error");
            assertThat(count(err, "//CustomerRet")).isZero();
            String warn = qb.process(rq("<CustomerQueryRq requestID=\"2\"/>"));
            assertThat(xpath(warn, "//@statusCode")).isEqualTo("500");
            assertThat(xpath(warn, "//@statusSeverity")).isEqualTo("Warn");
            assertThat(count(warn, "//CustomerRet")).isEqualTo(1);
            assertThat(xpath(qb.process(rq("<CustomerQueryRq/>")), "//@statusCode")).isEqualTo("0");
        }

        private String payment(String customer, String total, String invoice, String amount) {
            return "<ReceivePaymentAddRq requestID=\"pay\"><ReceivePaymentAdd><CustomerRef><ListID>" + customer
                    + "</ListID></CustomerRef><TxnDate>2024-01-15</TxnDate><RefNumber>CHK-1</RefNumber>"
                    + "<TotalAmount>" + total + "</TotalAmount><PaymentMethodRef><FullName>Check</FullName>"
                    + "</PaymentMethodRef><Memo>Ledgerbridge &amp; co</Memo>"
                    + (invoice == null ? "<IsAutoApply>true</IsAutoApply>"
                            : "<AppliedToTxnAdd><TxnID>" + invoice + "</TxnID><PaymentAmount>" + amount
                                    + "</PaymentAmount></AppliedToTxnAdd>")
                    + "</ReceivePaymentAdd></ReceivePaymentAddRq>";
        }
    }

    @Nested
    class Parsing {

        @Test
        void aRequestWithoutTheQbxmlPiIsAParseError() {
            assertThatThrownBy(() -> qb.process("<?xml version=\"1.0\"?><QBXML><QBXMLMsgsRq onError=\"stopOnError\">"
                    + "<CustomerQueryRq/></QBXMLMsgsRq></QBXML>"))
                    .isInstanceOfSatisfying(QuickBooksParseError.class, e -> {
                        assertThat(e.hresult()).isEqualTo("0x80040400");
                        assertThat(e.getMessage())
                                .isEqualTo("QuickBooks found an error when parsing the provided XML text stream.");
                    });
        }

        @Test
        void versionsAbove13AreRejected() {
            assertThatThrownBy(() -> qb.process(rq("<CustomerQueryRq/>").replace("13.0", "14.0")))
                    .isInstanceOf(QuickBooksParseError.class);
            assertThat(qb.process(rq("<CustomerQueryRq/>").replace("13.0", "8.0"))).contains("CustomerQueryRs");
        }

        @Test
        void malformedXmlAndDoctypesAreParseErrors() {
            assertThatThrownBy(() -> qb.process(rq("<CustomerQueryRq>"))).isInstanceOf(QuickBooksParseError.class);
            assertThatThrownBy(() -> qb.process("<?xml version=\"1.0\"?><!DOCTYPE QBXML [<!ENTITY x \"y\">]>"
                    + "<?qbxml version=\"13.0\"?><QBXML><QBXMLMsgsRq onError=\"stopOnError\"/></QBXML>"))
                    .isInstanceOf(QuickBooksParseError.class);
        }

        @Test
        void charactersOutsideLatin1AreRejectedUnlessDeclaredThenStoredAsQuestionMarks() {
            QbCustomer c = qb.addCustomer("Ivan");
            String mod = "<CustomerModRq><CustomerMod><ListID>" + c.listId() + "</ListID><EditSequence>"
                    + c.editSequence() + "</EditSequence><CompanyName>Иван Café</CompanyName></CustomerMod></CustomerModRq>";
            assertThatThrownBy(() -> qb.process(rq(mod))).isInstanceOf(QuickBooksParseError.class);

            qb.process(rq(mod).replace("encoding=\"utf-8\"", "encoding=\"ISO-8859-1\""));
            assertThat(qb.customer(c.listId()).orElseThrow().companyName()).isEqualTo("???? Café");
        }

        @Test
        void unmodelledFeaturesFailLoudly() {
            assertThatThrownBy(() -> qb.process(rq("<VendorQueryRq/>"))).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class CompanyAndGenerators {

        @Test
        void hcpResponseCarriesHostCompanyAndPreferences() {
            qb.setFileId("{11111111-2222-3333-4444-555555555555}");
            String hcp = qb.hcpResponse();
            assertThat(hcp).startsWith("<?xml version=\"1.0\" ?><QBXML><QBXMLMsgsRs><HostQueryRs requestID=\"0\"");
            assertThat(xpath(hcp, "//HostRet/ProductName")).isEqualTo("QuickBooks Pro 2014");
            assertThat(xpath(hcp, "//HostRet/MajorVersion")).isEqualTo("24");
            assertThat(xpathAll(hcp, "//SupportedQBXMLVersion")).hasSize(16).endsWith("13.0");
            assertThat(xpath(hcp, "//CompanyRet/CompanyName")).isEqualTo("Test Co");
            assertThat(xpath(hcp, "//DataExtRet[DataExtName='FileID']/DataExtValue"))
                    .isEqualTo("{11111111-2222-3333-4444-555555555555}");
            assertThat(xpath(hcp, "//DataExtRet[DataExtName='FileID']/OwnerID")).isEqualTo(qb.ownerId());
            assertThat(xpath(hcp, "//DataExtRet[DataExtName='AppLock']/DataExtValue")).startsWith("LOCKED:");
            assertThat(xpath(hcp, "//PreferencesQueryRs/@requestID")).isEqualTo("2");

            qb.setFileId(null);
            assertThat(count(qb.hcpResponse(), "//DataExtRet[DataExtName='FileID']")).isZero();
            qb.setSupportedVersions(List.of("1.0", "2.0"));
            assertThat(xpathAll(qb.hcpResponse(), "//SupportedQBXMLVersion")).containsExactly("1.0", "2.0");
        }

        @Test
        void generatorsAreDeterministicAndUseCharactersThatNeedEscaping() {
            FakeQuickBooks other = new FakeQuickBooks("Test Co");
            List<QbCustomer> a = qb.generateCustomers(500, 42);
            List<QbCustomer> b = other.generateCustomers(500, 42);
            assertThat(a).extracting(QbCustomer::fullName).containsExactlyElementsOf(b.stream().map(QbCustomer::fullName).toList());
            assertThat(a).anyMatch(QbCustomer::isJob).anyMatch(c -> c.sublevel() == 2).anyMatch(c -> !c.active());
            String names = String.join("|", a.stream().map(QbCustomer::fullName).toList());
            assertThat(names).contains("&", "<", "\"", "'", "é");
            assertThat(a).extracting(QbCustomer::fullName).doesNotHaveDuplicates();

            List<QbInvoice> inv = qb.generateInvoices(300, 7);
            assertThat(inv).anyMatch(i -> i.lines().stream().anyMatch(l -> l instanceof QbInvoiceLineGroup));
            assertThat(inv).anyMatch(i -> i.salesTaxTotal().signum() > 0);
            assertThat(inv).allMatch(i -> i.subtotal().scale() == 2 && i.balanceRemaining().equals(i.total()));
            List<QbPayment> pays = qb.generatePayments(100, 9);
            assertThat(pays).hasSize(100);
            assertThat(qb.invoices()).anyMatch(QbInvoice::paid).anyMatch(i -> !i.paid() && i.appliedAmount().signum() < 0);
            BigDecimal open = qb.invoices().stream().map(QbInvoice::balanceRemaining).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal totals = qb.customers().stream().filter(c -> !c.isJob()).map(QbCustomer::totalBalance)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(totals).isEqualTo(open);
        }

        @Test
        void thousandsOfRecordsAreQuick() {
            long start = System.nanoTime();
            qb.generateCustomers(5_000, 1);
            qb.generateInvoices(5_000, 2);
            qb.generatePayments(500, 3);
            String r = qb.process(rq("<InvoiceQueryRq iterator=\"Start\"><MaxReturned>500</MaxReturned>"
                    + "<IncludeLineItems>true</IncludeLineItems></InvoiceQueryRq>"));
            assertThat(count(r, "//InvoiceRet")).isEqualTo(500);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        }
    }
}
