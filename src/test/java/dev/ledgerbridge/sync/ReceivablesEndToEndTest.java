package dev.ledgerbridge.sync;

import static dev.ledgerbridge.sync.SyncChecks.assertCompleted;
import static dev.ledgerbridge.sync.SyncChecks.assertExactMirror;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.receivable.ReceivableMapper;
import dev.ledgerbridge.testkit.CustomerSpec;
import dev.ledgerbridge.testkit.CycleResult;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import dev.ledgerbridge.testkit.FakeWebConnector;
import dev.ledgerbridge.testkit.InvoiceSpec;
import dev.ledgerbridge.testkit.LineSpec;
import dev.ledgerbridge.testkit.QbCustomer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Payments received and credit memos, whoever entered them, stored with what they were applied to; and a mirror that
 * stays exact without two QuickBooks behaviours nobody confirmed: that applying or removing a payment or credit stamps
 * the invoice, and that renaming or moving a customer stamps the jobs under it.
 */
class ReceivablesEndToEndTest {
    static final String PASSWORD = "correct horse battery";
    RunningServer server;
    FakeWebConnector wc;
    QbwcLogin login;
    FakeQuickBooks qb;

    @BeforeEach
    void start() {
        server = new RunningServer(TestDb.freshConfig());
        wc = new FakeWebConnector(server.endpoint());
        login = server.app().companies.addLogin("acme", "Acme", PASSWORD);
        qb = SyncChecks.company(login, "Acme Corp", Instant.parse("2026-05-04T14:00:00Z"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CycleResult sync() {
        CycleResult r = wc.runCycle(qb, "acme", PASSWORD);
        assertCompleted(r);
        return r;
    }

    @Test
    void paymentsAndCreditsReachTheirInvoicesWhenQuickBooksDoesNotStampTheInvoices() throws Exception {
        // given a QuickBooks that leaves an invoice's TimeModified and EditSequence alone when a payment or credit is
        // applied to it or removed from it, and a synced company
        qb.setPaymentsTouchInvoices(false);
        QbCustomer harbor = qb.addCustomer("Harbor Holdings");
        String a = invoice(harbor, "400.00");
        String b = invoice(harbor, "250.00");
        String c = invoice(harbor, "99.99");
        String earlier = qb.applyPayment(c, "50.00").txnId();
        sync();
        // (a later invoice moves the invoice pull's watermark on, so the next pull's window no longer holds these)
        qb.advance(Duration.ofHours(3));
        invoice(qb.addCustomer("Oak Partners"), "10.00");
        sync();

        // when, hours later (beyond the pulls' overlap windows), the office pays one invoice in full and another in
        // part, deletes the earlier payment, applies part of a credit memo to an invoice and keeps another credit open
        qb.advance(Duration.ofHours(3));
        qb.applyPayment(a, "400.00");
        qb.applyPayment(b, "100.00");
        qb.deletePayment(earlier);
        String credit = qb.addCreditMemo(harbor.listId(), "Returned glass", new BigDecimal("80.00")).txnId();
        qb.applyCredit(credit, b, new BigDecimal("30.00"));
        qb.addCreditMemo(harbor.listId(), "Goodwill", new BigDecimal("15.00"));
        CycleResult r = sync();

        // then every invoice, payment, credit memo and balance is as QuickBooks has it, the invoices read again by
        // TxnID (none of them came with the invoice pull)
        assertExactMirror(server.app(), login.companyId(), qb);
        assertThat(r.requests()).anyMatch(q -> q.contains("<InvoiceQueryRq") && q.contains("<TxnID>" + b + "</TxnID>"));
        assertThat(storedBalance(harbor.listId())).isEqualByComparingTo(qb.customer(harbor.listId()).orElseThrow()
                .totalBalance()).isEqualByComparingTo("154.99"); // 120.00 + 99.99 open, less 50.00 + 15.00 credit left

        // and when the credit memo is deleted too, its invoice owes the 30.00 again and its 50.00 credit is gone
        qb.advance(Duration.ofHours(3));
        qb.deleteCreditMemo(credit);
        sync();
        assertExactMirror(server.app(), login.companyId(), qb);
        assertThat(storedBalance(harbor.listId())).isEqualByComparingTo("234.99");
    }

    @Test
    void aFirstSyncReadsNoInvoiceTwiceForItsPayments() {
        // given a company whose invoices are partly paid and credited, synced for the first time
        qb.setPaymentsTouchInvoices(false);
        qb.generateCustomers(60, 1);
        qb.generateInvoices(200, 2);
        qb.generatePayments(80, 3);
        CycleResult r = sync();

        // then the invoices the payments name were pulled with those payments already applied: none is read again
        assertThat(r.requests()).noneMatch(q -> q.contains("<InvoiceQueryRq") && q.contains("<TxnID>"));
    }

    @Test
    void renamingOrMovingACustomerGivesItsJobsTheirNewFullNamesWhenQuickBooksDoesNotStampTheJobs() throws Exception {
        // given a QuickBooks that does not stamp the jobs under a customer renamed or moved, and a customer with a job
        // and a sub-job, synced
        qb.setParentChangesTouchJobs(false);
        QbCustomer parent = qb.addCustomer("Harbor Holdings");
        QbCustomer other = qb.addCustomer("Oak Partners");
        QbCustomer job = qb.addJob(parent.listId(), "Kitchen remodel");
        QbCustomer phase = qb.addJob(job.listId(), "Phase 2");
        invoice(phase, "75.00");
        sync();

        // when the customer is renamed, and the next run comes
        qb.advance(Duration.ofMinutes(90));
        qb.editCustomer(parent.listId(), CustomerSpec.changes().name("Harbor & Sons"));
        sync();

        // then its jobs' full names follow it
        assertExactMirror(server.app(), login.companyId(), qb);
        assertThat(qb.customer(phase.listId()).orElseThrow().fullName())
                .isEqualTo("Harbor & Sons:Kitchen remodel:Phase 2");

        // and when the job is moved under another customer, the sub-job's full name and level follow it too
        qb.advance(Duration.ofMinutes(90));
        qb.editCustomer(job.listId(), CustomerSpec.changes().parent(other.listId()));
        sync();
        assertExactMirror(server.app(), login.companyId(), qb);
    }

    @Test
    void theCompanysPaymentsAndCreditMemosAreListedWithWhatTheyWereAppliedTo() throws Exception {
        // given payments and a credit memo entered in QuickBooks
        QbCustomer harbor = qb.addCustomer("Harbor Holdings");
        String a = invoice(harbor, "400.00");
        String paid = qb.applyPayment(a, "150.00").txnId();
        qb.receiveUnappliedPayment(harbor.listId(), new BigDecimal("20.00"));
        String credit = qb.addCreditMemo(harbor.listId(), "Returned glass", new BigDecimal("80.00")).txnId();
        qb.applyCredit(credit, a, new BigDecimal("30.00"));

        // when synced
        sync();

        // then the store lists them for the customer, the payment with the invoice it paid
        try (SqlSession s = server.app().db.session()) {
            var payments = server.app().receivables.payments(s, login.companyId(), harbor.listId(), 1, 50);
            assertThat(payments.total()).isEqualTo(2);
            assertThat(payments.items()).extracting(ReceivableMapper.PaymentRow::totalAmount)
                    .usingElementComparator(BigDecimal::compareTo)
                    .containsExactlyInAnyOrder(new BigDecimal("150.00"), new BigDecimal("20.00"));
            assertThat(server.app().receivables.applications(s, login.companyId(), List.of(paid)).get(paid))
                    .singleElement().satisfies(l -> {
                        assertThat(l.linkedTxnId()).isEqualTo(a);
                        assertThat(l.amount()).isEqualByComparingTo("150.00");
                    });
            var credits = server.app().receivables.creditMemos(s, login.companyId(), harbor.listId(), 1, 50);
            assertThat(credits.items()).singleElement().satisfies(m -> {
                assertThat(m.totalAmount()).isEqualByComparingTo("80.00");
                assertThat(m.creditRemaining()).isEqualByComparingTo("50.00");
            });
        }
        assertExactMirror(server.app(), login.companyId(), qb);

        // and the JSON API lists them the same way
        server.app().staff.add("clerk", "clerk password 1", dev.ledgerbridge.auth.StaffService.ROLE_STAFF);
        var payments = api("/api/v1/companies/" + login.companyId() + "/received-payments?customer=" + harbor.listId());
        assertThat(payments.get("total").asInt()).isEqualTo(2);
        var paidJson = java.util.stream.StreamSupport.stream(payments.get("items").spliterator(), false)
                .filter(i -> i.get("txnId").asText().equals(paid)).findFirst().orElseThrow();
        assertThat(paidJson.get("totalAmount").asText()).isEqualTo("150.00");
        assertThat(paidJson.get("applied").get(0).get("txnId").asText()).isEqualTo(a);
        assertThat(paidJson.get("applied").get(0).get("amount").asText()).isEqualTo("150.00");
        assertThat(paidJson.get("isDeleted").asBoolean()).isFalse();
        var credits = api("/api/v1/companies/" + login.companyId() + "/credit-memos");
        assertThat(credits.get("items").get(0).get("creditRemaining").asText()).isEqualTo("50.00");
        assertThat(credits.get("items").get(0).get("txnId").asText()).isEqualTo(credit);
    }

    private com.fasterxml.jackson.databind.JsonNode api(String path) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + path))
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                                "clerk:clerk password 1".getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
    }

    private String invoice(QbCustomer c, String amount) {
        return qb.addInvoice(InvoiceSpec.forCustomer(c.listId()).lines(LineSpec.amount("Labor", "Work", amount))).txnId();
    }

    private BigDecimal storedBalance(String listId) {
        try (SqlSession s = server.app().db.session()) {
            return server.app().customers.find(s, login.companyId(), listId).orElseThrow().totalBalance();
        }
    }
}
