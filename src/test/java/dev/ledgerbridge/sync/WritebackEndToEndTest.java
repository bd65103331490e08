package dev.ledgerbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.MutableClock;
import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.action.ActionAttempt;
import dev.ledgerbridge.action.ActionQueue;
import dev.ledgerbridge.action.ActionRequest;
import dev.ledgerbridge.action.PaymentPost;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.testkit.CustomerSpec;
import dev.ledgerbridge.testkit.CycleResult;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import dev.ledgerbridge.testkit.FakeWebConnector;
import dev.ledgerbridge.testkit.Faults;
import dev.ledgerbridge.testkit.InvoiceSpec;
import dev.ledgerbridge.testkit.LineSpec;
import dev.ledgerbridge.testkit.QbCustomer;
import dev.ledgerbridge.testkit.QbInvoice;
import dev.ledgerbridge.testkit.QbPayment;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Write-backs to QuickBooks over real HTTP with the fake Web Connector and the fake company: payments posted once
 * and only once whatever happens to the answers, emails written with the stored EditSequence, QuickBooks' refusals
 * turned into a clear state.
 */
class WritebackEndToEndTest {
    static final String PASSWORD = "correct horse battery";
    static final AtomicLong PAYMENT_IDS = new AtomicLong(1000);
    RunningServer server;
    FakeWebConnector wc;
    QbwcLogin login;
    FakeQuickBooks qb;
    QbCustomer acme;
    QbCustomer birch;
    QbInvoice first;
    QbInvoice second;
    QbInvoice birchInvoice;
    /** Exchanges of a run with nothing to write: the write of a run that has one is the next. */
    int pullExchanges;

    Config config;
    /** The server's clock, moved on with QuickBooks' between runs. */
    MutableClock clock = new MutableClock(Instant.parse("2026-05-04T14:00:00Z"));

    @BeforeEach
    void start() {
        config = TestDb.freshConfig();
        server = new RunningServer(config, clock);
        wc = new FakeWebConnector(server.endpoint());
        login = server.app().companies.addLogin("acme", "Acme", PASSWORD);
        qb = SyncChecks.company(login, "Acme Corp", Instant.parse("2026-05-04T14:00:00Z"));
        acme = qb.addCustomer(CustomerSpec.named("Acme Supplies").email("ap@acme.example"));
        birch = qb.addCustomer(CustomerSpec.named("Birch & Co").email("office@birch.example"));
        first = qb.addInvoice(InvoiceSpec.forCustomer(acme.listId()).lines(LineSpec.amount("Labor", "May", "100.00")));
        second = qb.addInvoice(InvoiceSpec.forCustomer(acme.listId()).lines(LineSpec.amount("Labor", "June", "250.50")));
        birchInvoice = qb.addInvoice(InvoiceSpec.forCustomer(birch.listId())
                .lines(LineSpec.amount("Parts", "Valves", "80.00")));
        sync();
        later();
        pullExchanges = sync().exchangeCount();
    }

    /** A quarter of an hour later, here and in QuickBooks: the next scheduled run. */
    private void later() {
        qb.advance(Duration.ofMinutes(15));
        clock.advance(Duration.ofMinutes(15));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CycleResult sync() {
        return sync(Faults.none());
    }

    private CycleResult sync(Faults faults) {
        CycleResult r = wc.runCycle(qb, "acme", PASSWORD, faults);
        if (faults == Faults.none()) {
            SyncChecks.assertCompleted(r);
        }
        return r;
    }

    private long post(String customer, BigDecimal amount, List<PaymentPost.Applied> applied, String key) {
        long paymentId = PAYMENT_IDS.incrementAndGet();
        try (SqlSession s = server.app().db.session()) {
            ActionRequest a = server.app().actions.queuePaymentPost(s, new PaymentPost(login.companyId(), paymentId,
                    customer, amount, applied, qb.today(), "Visa", "Undeposited Funds", "LB" + paymentId, key,
                    "clerk"));
            s.commit();
            return a.id();
        }
    }

    private long postBoth(String key) {
        return post(acme.listId(), new BigDecimal("350.50"), List.of(new PaymentPost.Applied(first.txnId(),
                new BigDecimal("100.00")), new PaymentPost.Applied(second.txnId(), new BigDecimal("250.50"))), key);
    }

    private ActionRequest action(long id) {
        return server.app().actions.find(id).orElseThrow();
    }

    private List<QbPayment> paymentsWithKey(String key) {
        return qb.payments().stream().filter(p -> p.memo() != null && p.memo().contains(key)).toList();
    }

    private boolean storedPaid(String txnId) throws SQLException {
        try (Connection c = server.app().db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT is_paid FROM invoice WHERE company_id = ? AND txn_id = ?")) {
            ps.setLong(1, login.companyId());
            ps.setString(2, txnId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("invoice %s stored", txnId).isTrue();
                return rs.getBoolean(1);
            }
        }
    }

    private String storedEmail(String listId) {
        try (SqlSession s = server.app().db.session()) {
            return server.app().customers.find(s, login.companyId(), listId).orElseThrow().email();
        }
    }

    @Test
    void paymentsArePostedOnceAppliedToTheirInvoicesAndShowAsPaidAfterTheNextPull() throws Exception {
        // given a payment of two invoices and a deposit, approved in Ledgerbridge
        long both = postBoth("key-both-1");
        long deposit = post(birch.listId(), new BigDecimal("40.00"), List.of(), "key-deposit-1");
        assertThat(action(both).state()).isEqualTo(ActionQueue.QUEUED);

        // when the next Web Connector run comes
        CycleResult r = sync();

        // then each is in QuickBooks once, as asked, and its action is done with QuickBooks' TxnID
        assertThat(r.requests()).anyMatch(q -> q.contains("<ReceivePaymentAddRq"));
        assertThat(r.closeConnectionResult()).hasValueSatisfying(t -> assertThat(t)
                .endsWith("; 2 payments posted to QuickBooks"));
        List<QbPayment> posted = paymentsWithKey("key-both-1");
        assertThat(posted).hasSize(1);
        assertThat(posted.get(0).totalAmount()).isEqualByComparingTo("350.50");
        assertThat(posted.get(0).paymentMethod()).isEqualTo("Visa");
        assertThat(posted.get(0).depositToAccount()).isEqualTo("Undeposited Funds");
        assertThat(posted.get(0).applied()).hasSize(2);
        assertThat(qb.invoice(first.txnId()).orElseThrow().paid()).isTrue();
        assertThat(qb.invoice(second.txnId()).orElseThrow().paid()).isTrue();
        List<QbPayment> deposits = paymentsWithKey("key-deposit-1");
        assertThat(deposits).hasSize(1);
        assertThat(deposits.get(0).applied()).isEmpty();
        assertThat(deposits.get(0).unusedPayment()).isEqualByComparingTo("40.00");
        assertThat(qb.invoice(birchInvoice.txnId()).orElseThrow().paid()).isFalse();
        ActionRequest done = action(both);
        assertThat(done.state()).isEqualTo(ActionQueue.DONE);
        assertThat(done.qbRef()).isEqualTo(posted.get(0).txnId());
        assertThat(done.message()).contains("Posted to QuickBooks");
        assertThat(action(deposit).state()).isEqualTo(ActionQueue.DONE);
        assertThat(server.app().actions.browse(login.companyId(), null, ActionQueue.POST_PAYMENT, acme.listId(), false,
                10)).extracting(ActionRequest::id).containsExactly(both);
        List<ActionAttempt> attempts = server.app().actions.attempts(both);
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).requestXml()).contains("<ReceivePaymentAddRq", "key-both-1");
        assertThat(attempts.get(0).responseXml()).contains(posted.get(0).txnId());

        // and after the next pull the invoices show as paid here, and nothing is sent again
        later();
        CycleResult next = sync();
        assertThat(next.requests()).noneMatch(q -> q.contains("<ReceivePaymentAddRq"));
        assertThat(storedPaid(first.txnId())).isTrue();
        assertThat(storedPaid(second.txnId())).isTrue();
        assertThat(storedPaid(birchInvoice.txnId())).isFalse();
        assertThat(paymentsWithKey("key-both-1")).hasSize(1);
    }

    @Test
    void aPaymentWhoseAnswerWasLostIsFoundInQuickBooksAndNotPostedAgain() throws Exception {
        // given a payment approved here
        long id = postBoth("key-lost-1");

        // when QuickBooks applies it but its answer never reaches the server
        CycleResult lost = sync(Faults.none().loseResponseAfter(pullExchanges + 1));
        assertThat(lost.requests().get(pullExchanges)).contains("<ReceivePaymentAddRq");
        assertThat(paymentsWithKey("key-lost-1")).hasSize(1);
        assertThat(action(id).state()).isEqualTo(ActionQueue.SENT);

        // then the next run asks QuickBooks for it first, finds it, and marks it done without posting it again
        later();
        CycleResult next = sync();
        assertThat(next.requests()).anyMatch(q -> q.contains("<ReceivePaymentQueryRq") && q.contains("<EntityFilter>"));
        assertThat(next.requests()).noneMatch(q -> q.contains("<ReceivePaymentAddRq"));
        assertThat(paymentsWithKey("key-lost-1")).hasSize(1);
        ActionRequest a = action(id);
        assertThat(a.state()).isEqualTo(ActionQueue.DONE);
        assertThat(a.qbRef()).isEqualTo(paymentsWithKey("key-lost-1").get(0).txnId());
        assertThat(a.message()).contains("already has this payment");
        assertThat(a.attempts()).isEqualTo(1);
    }

    @Test
    void aPaymentSentWhileTheServerCrashedIsCheckedAfterTheRestartAndExistsOnce() throws Exception {
        // given a payment approved here
        long id = postBoth("key-crash-1");

        // when the server dies after the request went out and before the answer came back
        CycleResult lost = sync(Faults.none().loseResponseAfter(pullExchanges + 1));
        assertThat(lost.outcome()).isNotEqualTo(CycleResult.Outcome.COMPLETED);
        server.restart();

        // then the restarted server checks QuickBooks and the payment exists once, its action done
        later();
        sync();
        assertThat(paymentsWithKey("key-crash-1")).hasSize(1);
        assertThat(action(id).state()).isEqualTo(ActionQueue.DONE);
        // (QuickBooks applied it before the crash, so this run's invoice pull already read the invoices as paid)
        assertThat(storedPaid(first.txnId())).isTrue();
        assertThat(storedPaid(second.txnId())).isTrue();
        later();
        sync();
        assertThat(paymentsWithKey("key-crash-1")).hasSize(1);
    }

    @Test
    void aPaymentThatNeverReachedQuickBooksIsSentOnceAfterTheCheck() {
        // given a payment whose request the Web Connector could not hand to QuickBooks
        long id = postBoth("key-hresult-1");
        sync(Faults.none().hresultOnRequest(pullExchanges + 1, "0x80040400", "QuickBooks found an error when parsing"
                + " the provided XML text stream."));
        assertThat(paymentsWithKey("key-hresult-1")).isEmpty();
        assertThat(action(id).state()).isEqualTo(ActionQueue.SENT);

        // when the next run comes
        later();
        CycleResult next = sync();

        // then it is checked, not found, sent, and exists once
        int check = indexOf(next, "<ReceivePaymentQueryRq", "<EntityFilter>");
        int add = indexOf(next, "<ReceivePaymentAddRq");
        assertThat(check).isGreaterThanOrEqualTo(0).isLessThan(add);
        assertThat(paymentsWithKey("key-hresult-1")).hasSize(1);
        assertThat(action(id).state()).isEqualTo(ActionQueue.DONE);
        assertThat(action(id).attempts()).isEqualTo(2);
    }

    private static int indexOf(CycleResult r, String... parts) {
        List<String> requests = r.requests();
        for (int i = 0; i < requests.size(); i++) {
            String q = requests.get(i);
            if (List.of(parts).stream().allMatch(q::contains)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void theCheckDoesNotTakeAnotherPaymentWhoseKeyStartsWithThisOneForIt() {
        // given a deposit posted under key "key-pre-10", and one of the same customer and day under "key-pre-1"
        // whose request never reached QuickBooks
        long posted = post(birch.listId(), new BigDecimal("10.00"), List.of(), "key-pre-10");
        sync();
        assertThat(action(posted).state()).isEqualTo(ActionQueue.DONE);
        later();
        sync(); // brings the posted payment back from QuickBooks (and the balance it moved)
        later();
        int exchanges = sync().exchangeCount(); // a quiet run: the pulls alone
        long id = post(birch.listId(), new BigDecimal("20.00"), List.of(), "key-pre-1");
        sync(Faults.none().hresultOnRequest(exchanges + 1, "0x80040400", "QuickBooks found an error when parsing"
                + " the provided XML text stream."));
        assertThat(action(id).state()).isEqualTo(ActionQueue.SENT);

        // when the next run checks QuickBooks for it
        later();
        sync();

        // then the other payment is not taken for it: it is posted, once, and each key has its own payment
        List<QbPayment> mine = qb.payments().stream().filter(p -> p.memo() != null
                && p.memo().endsWith(" key key-pre-1")).toList();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).totalAmount()).isEqualByComparingTo("20.00");
        assertThat(action(id).state()).isEqualTo(ActionQueue.DONE);
        assertThat(action(id).qbRef()).isEqualTo(mine.get(0).txnId());
        assertThat(qb.payments().stream().filter(p -> p.memo() != null && p.memo().endsWith(" key key-pre-10")))
                .hasSize(1);
    }

    @Test
    void aPaymentStillOnItsWayToQuickBooksWhenAnotherSessionStartsIsNotCheckedOrSentByThatSession() {
        // given a payment whose request the server handed out and got no answer for: the Web Connector session that
        // took it was replaced, but still holds the request and gives it to QuickBooks late
        long id = postBoth("key-late-1");
        CycleResult first = sync(Faults.none().hresultOnRequest(pullExchanges + 1, "0x80040400", "QuickBooks found"
                + " an error when parsing the provided XML text stream."));
        String onItsWay = first.requests().get(pullExchanges);
        assertThat(onItsWay).contains("<ReceivePaymentAddRq", "key-late-1");
        assertThat(action(id).state()).isEqualTo(ActionQueue.SENT);

        // when the session replacing it runs at once
        clock.advance(Duration.ofSeconds(30));
        CycleResult replacing = sync();

        // then it neither asks QuickBooks for the payment nor sends it: the request may still arrive there
        assertThat(replacing.requests()).noneMatch(q -> q.contains("<ReceivePaymentAddRq")
                || q.contains("<ReceivePaymentQueryRq") && q.contains("<EntityFilter>"));
        assertThat(action(id).state()).isEqualTo(ActionQueue.SENT);

        // and when the request does arrive, and a later run checks, the payment exists once and its action is done
        qb.process(onItsWay);
        assertThat(paymentsWithKey("key-late-1")).hasSize(1);
        later();
        CycleResult next = sync();
        assertThat(next.requests()).noneMatch(q -> q.contains("<ReceivePaymentAddRq"));
        assertThat(paymentsWithKey("key-late-1")).hasSize(1);
        assertThat(action(id).state()).isEqualTo(ActionQueue.DONE);
        assertThat(action(id).qbRef()).isEqualTo(paymentsWithKey("key-late-1").get(0).txnId());
    }

    @Test
    void aPaymentQuickBooksKeepsRefusingToBeCheckedForFailsForStaffInsteadOfWaitingForEver() {
        // given a server that tries twice, and a payment whose request never reached QuickBooks
        server.close();
        server = new RunningServer(config.with(java.util.Map.of(Setting.ACTIONS_MAX_ATTEMPTS, "2")), clock);
        wc = new FakeWebConnector(server.endpoint());
        long id = postBoth("key-nocheck-1");
        sync(Faults.none().hresultOnRequest(pullExchanges + 1, "0x80040400", "QuickBooks found an error when parsing"
                + " the provided XML text stream."));
        assertThat(action(id).state()).isEqualTo(ActionQueue.SENT);

        // when QuickBooks refuses the check on the next run, the payment waits for the run after, unsent
        Faults checkRefused = Faults.none().onExchange(pullExchanges, () -> qb.failNext("ReceivePaymentQueryRq", 3120,
                "Object specified in the request cannot be found."));
        later();
        CycleResult refused = sync(checkRefused);
        assertThat(refused.requests()).noneMatch(q -> q.contains("<ReceivePaymentAddRq"));
        assertThat(action(id).state()).isEqualTo(ActionQueue.SENT);
        assertThat(action(id).message()).contains("check 1 of 2");

        // and when it refuses again, the action fails with what staff should look for, so it can be cancelled
        later();
        sync(checkRefused);
        ActionRequest failed = action(id);
        assertThat(failed.state()).isEqualTo(ActionQueue.FAILED);
        assertThat(failed.statusCode()).isEqualTo(3120);
        assertThat(failed.message()).contains("refused the check 2 times", "key key-nocheck-1", "Cancel", "Retry");
        assertThat(paymentsWithKey("key-nocheck-1")).isEmpty();

        // and staff, not finding it in QuickBooks, retry: it is posted once
        server.app().actions.retry(login.companyId(), id);
        later();
        sync();
        assertThat(action(id).state()).isEqualTo(ActionQueue.DONE);
        assertThat(paymentsWithKey("key-nocheck-1")).hasSize(1);
    }

    @Test
    void customersQuickBooksRefusesToReadAgainFailWithTheReasonInsteadOfBeingAskedForAgainAndAgain() {
        // given a re-sync of one customer asked for, and QuickBooks refusing every read of it by ListID
        ActionRequest resync = server.app().actions.enqueue(login.companyId(), ActionQueue.RESYNC_CUSTOMERS,
                List.of(acme.listId()), null, "clerk");
        assertThat(resync.state()).isEqualTo(ActionQueue.QUEUED);
        Faults refused = Faults.none().onExchange(pullExchanges, () -> {
            for (int i = 0; i < 20; i++) {
                qb.failNext("CustomerQueryRq", 1000, "There was an internal error.");
            }
        });

        // when the run reaches the queue
        CycleResult r = sync(refused);

        // then it asked once, the customer failed with QuickBooks' reason, and the run went on to its end
        assertThat(r.requests().stream().filter(q -> q.contains("<CustomerQueryRq") && q.contains("<ListID>"
                + acme.listId() + "</ListID>"))).hasSize(1);
        ActionRequest a = action(resync.id());
        assertThat(a.state()).isEqualTo(ActionQueue.FAILED);
        assertThat(a.message()).contains("1 failed");
        assertThat(server.app().actions.results(resync.id(), 10)).singleElement().satisfies(x -> {
            assertThat(x.outcome()).isEqualTo(dev.ledgerbridge.action.ActionResult.FAILED);
            assertThat(x.message()).contains("status 1000", "re-sync it again later");
        });
        assertThat(server.app().actions.pendingCount(login.companyId())).isZero();
    }

    @Test
    void aBusyRecordIsTriedAgainOnTheNextRunAndPostedOnce() {
        // given QuickBooks answers the first post with "object in use"
        long id = postBoth("key-busy-1");
        qb.failNext("ReceivePaymentAddRq", 3175, "The record is in use by another user.");

        // when a run comes: the action waits for the next one, with a message saying so
        sync();
        ActionRequest waiting = action(id);
        assertThat(waiting.state()).isEqualTo(ActionQueue.QUEUED);
        assertThat(waiting.statusCode()).isEqualTo(3175);
        assertThat(waiting.message()).contains("tried again on the next Web Connector run");
        assertThat(paymentsWithKey("key-busy-1")).isEmpty();

        // then the next run posts it
        later();
        sync();
        assertThat(action(id).state()).isEqualTo(ActionQueue.DONE);
        assertThat(paymentsWithKey("key-busy-1")).hasSize(1);
    }

    @Test
    void aRecordBusyOnEveryRunFailsAfterActionsMaxAttemptsAndPostsNothing() {
        // given a server that tries a busy write twice, and QuickBooks busy on every try
        server.close();
        server = new RunningServer(config.with(java.util.Map.of(Setting.ACTIONS_MAX_ATTEMPTS, "2")), clock);
        wc = new FakeWebConnector(server.endpoint());
        long id = postBoth("key-busy-2");
        qb.failNext("ReceivePaymentAddRq", 3180, "This list has been modified by another user.");
        qb.failNext("ReceivePaymentAddRq", 3180, "This list has been modified by another user.");

        // when two runs come
        sync();
        assertThat(action(id).message()).contains("attempt 1 of 2");
        later();
        sync();

        // then it failed with the reason and what to do, and QuickBooks has nothing
        ActionRequest a = action(id);
        assertThat(a.state()).isEqualTo(ActionQueue.FAILED);
        assertThat(a.attempts()).isEqualTo(2);
        assertThat(a.message()).contains("Tried 2 times", "actions.max.attempts", "Retry");
        assertThat(paymentsWithKey("key-busy-2")).isEmpty();
        assertThat(server.app().actions.attempts(id)).hasSize(2)
                .allSatisfy(t -> assertThat(t.statusCode()).isEqualTo(3180));
    }

    @Test
    void anUnknownPaymentMethodFailsWithWhatToDoAndARetryPostsIt() {
        // given a payment with a method QuickBooks does not have
        long paymentId = PAYMENT_IDS.incrementAndGet();
        long id;
        try (SqlSession s = server.app().db.session()) {
            id = server.app().actions.queuePaymentPost(s, new PaymentPost(login.companyId(), paymentId, birch.listId(),
                    new BigDecimal("80.00"), List.of(new PaymentPost.Applied(birchInvoice.txnId(),
                    new BigDecimal("80.00"))), qb.today(), "Bitcoin", "Undeposited Funds", null, "key-method-1",
                    "clerk")).id();
            s.commit();
        }

        // when the run sends it
        CycleResult r = sync();
        assertThat(r.closeConnectionResult()).hasValueSatisfying(t -> assertThat(t)
                .contains("1 action failed (see Ledgerbridge's action queue)"));

        // then it fails with QuickBooks' code and a message for staff, and nothing is in QuickBooks
        ActionRequest failed = action(id);
        assertThat(failed.state()).isEqualTo(ActionQueue.FAILED);
        assertThat(failed.statusCode()).isEqualTo(3140);
        assertThat(failed.message()).contains("payment method", "Retry");
        assertThat(paymentsWithKey("key-method-1")).isEmpty();

        // and once the method exists in QuickBooks, a retry posts it on the next run
        qb.addPaymentMethod("Bitcoin");
        server.app().actions.retry(login.companyId(), id);
        later();
        sync();
        assertThat(action(id).state()).isEqualTo(ActionQueue.DONE);
        assertThat(paymentsWithKey("key-method-1")).hasSize(1);
    }

    private long editEmail(String listId, String email) {
        try (SqlSession s = server.app().db.session()) {
            long id = server.app().actions.queueEmailWriteback(s, login.companyId(), listId, email, "clerk").id();
            s.commit();
            return id;
        }
    }

    @Test
    void anEmailEditIsWrittenWithTheStoredEditSequence() {
        // given the email edited here
        long id = editEmail(acme.listId(), "billing@acme.example");

        // when the next run comes
        CycleResult r = sync();

        // then QuickBooks has it, and the customer stored here has QuickBooks' new EditSequence
        assertThat(r.requests()).anyMatch(q -> q.contains("<CustomerModRq") && q.contains("billing@acme.example"));
        assertThat(qb.customer(acme.listId()).orElseThrow().email()).isEqualTo("billing@acme.example");
        assertThat(action(id).state()).isEqualTo(ActionQueue.DONE);
        assertThat(storedEmail(acme.listId())).isEqualTo("billing@acme.example");
        try (SqlSession s = server.app().db.session()) {
            assertThat(server.app().customers.find(s, login.companyId(), acme.listId()).orElseThrow().editSequence())
                    .isEqualTo(qb.customer(acme.listId()).orElseThrow().editSequence());
            assertThat(server.app().actions.pendingEmail(s, login.companyId(), acme.listId())).isEmpty();
        }
    }

    @Test
    void anEmailWriteWhoseAnswerWasLostIsCheckedAndNotWrittenAgain() {
        // given an email edit whose CustomerMod QuickBooks applied but whose answer was lost
        long id = editEmail(birch.listId(), "accounts@birch.example");
        sync(Faults.none().loseResponseAfter(pullExchanges + 1));
        assertThat(qb.customer(birch.listId()).orElseThrow().email()).isEqualTo("accounts@birch.example");
        assertThat(action(id).state()).isEqualTo(ActionQueue.SENT);

        // when the next run comes
        later();
        CycleResult next = sync();

        // then the customer is read, found with the email, and the action is done without a second write
        assertThat(next.requests()).noneMatch(q -> q.contains("<CustomerModRq"));
        ActionRequest a = action(id);
        assertThat(a.state()).isEqualTo(ActionQueue.DONE);
        assertThat(a.message()).contains("QuickBooks already has this email");
        assertThat(server.app().actions.attempts(id)).extracting(ActionAttempt::purpose).containsExactly("write",
                "check");
    }

    @Test
    void anEmailBeyondLatin1WhoseAnswerWasLostIsFoundAsQuickBooksStoresIt() {
        // given an email with a letter QuickBooks cannot store, written (as "zofie@...") but its answer lost
        long id = editEmail(birch.listId(), "\u017eofie@birch.example");
        sync(Faults.none().loseResponseAfter(pullExchanges + 1));
        assertThat(qb.customer(birch.listId()).orElseThrow().email()).isEqualTo("zofie@birch.example");

        // when the next run checks the customer
        later();
        CycleResult next = sync();

        // then QuickBooks' spelling is recognised as the email written: done, not a conflict, not written again
        assertThat(next.requests()).noneMatch(q -> q.contains("<CustomerModRq"));
        ActionRequest a = action(id);
        assertThat(a.state()).as(a.message()).isEqualTo(ActionQueue.DONE);
        assertThat(a.message()).contains("QuickBooks already has this email");
    }

    @Test
    void anEmailWhoseCustomerQuickBooksKeepsRefusingToReadFailsForStaffInsteadOfWaitingForEver() {
        // given a server that tries twice, and an email write whose answer was lost
        server.close();
        server = new RunningServer(config.with(java.util.Map.of(Setting.ACTIONS_MAX_ATTEMPTS, "2")), clock);
        wc = new FakeWebConnector(server.endpoint());
        long id = editEmail(birch.listId(), "accounts@birch.example");
        sync(Faults.none().loseResponseAfter(pullExchanges + 1));
        assertThat(action(id).state()).isEqualTo(ActionQueue.SENT);
        Runnable refuseRead = () -> qb.failNext("CustomerQueryRq", 1000, "There was an internal error.");

        // when QuickBooks refuses to read the customer on two runs
        later();
        sync(Faults.none().onExchange(pullExchanges, refuseRead));
        assertThat(action(id).state()).isEqualTo(ActionQueue.SENT);
        later();
        sync(Faults.none().onExchange(pullExchanges, refuseRead));

        // then the action fails saying what Retry and Cancel do, and Cancel is allowed
        ActionRequest failed = action(id);
        assertThat(failed.state()).isEqualTo(ActionQueue.FAILED);
        assertThat(failed.message()).contains("refused 2 times", "Retry", "Cancel");
        assertThat(server.app().actions.cancel(login.companyId(), id, "clerk").state())
                .isEqualTo(ActionQueue.CANCELLED);
    }

    @Test
    void aStaleEditSequenceIsReappliedWhenQuickBooksChangedSomethingElse() {
        // given the email edited here, and someone changing the phone in QuickBooks just after the run's pulls
        long id = editEmail(acme.listId(), "billing@acme.example");
        Faults phoneChanged = Faults.none().onExchange(pullExchanges,
                () -> qb.editCustomer(acme.listId(), CustomerSpec.changes().phone("555-0199")));

        // when the run writes the email
        CycleResult r = sync(phoneChanged);
        SyncChecks.assertCompleted(r);

        // then QuickBooks answered 3200, the email was written again on the new EditSequence, and both changes stand
        assertThat(r.responses()).anyMatch(q -> q.contains("statusCode=\"3200\""));
        int firstMod = indexOf(r, "<CustomerModRq");
        int reread = indexOf(r, "<CustomerQueryRq", "<ListID>" + acme.listId() + "</ListID>");
        assertThat(reread).as("the customer is read again after the 3200").isGreaterThan(firstMod);
        assertThat(r.requests().subList(reread, r.requests().size()))
                .filteredOn(q -> q.contains("<CustomerModRq")).hasSize(1);
        assertThat(r.requests().stream().filter(q -> q.contains("<CustomerModRq")).count()).isEqualTo(2);
        QbCustomer now = qb.customer(acme.listId()).orElseThrow();
        assertThat(now.email()).isEqualTo("billing@acme.example");
        assertThat(now.phone()).isEqualTo("555-0199");
        ActionRequest a = action(id);
        assertThat(a.state()).isEqualTo(ActionQueue.DONE);
        assertThat(a.attempts()).isEqualTo(2);
    }

    @Test
    void anEmailChangedInQuickBooksToIsAConflictForStaffAndARetryWritesOurs() {
        // given the email edited here, and changed in QuickBooks too just after the run's pulls
        long id = editEmail(acme.listId(), "billing@acme.example");
        Faults emailChanged = Faults.none().onExchange(pullExchanges,
                () -> qb.editCustomer(acme.listId(), CustomerSpec.changes().email("accounts@acme.example")));

        // when the run tries to write it
        sync(emailChanged);

        // then nothing is overwritten: the action stops as a conflict that says what each side has
        ActionRequest conflict = action(id);
        assertThat(conflict.state()).isEqualTo(ActionQueue.FAILED);
        assertThat(conflict.statusCode()).isEqualTo(3200);
        assertThat(conflict.message()).contains("Conflict", "accounts@acme.example", "billing@acme.example");
        assertThat(qb.customer(acme.listId()).orElseThrow().email()).isEqualTo("accounts@acme.example");

        // and when staff choose ours with Retry, the next run writes it
        server.app().actions.retry(login.companyId(), id);
        later();
        sync();
        assertThat(action(id).state()).isEqualTo(ActionQueue.DONE);
        assertThat(qb.customer(acme.listId()).orElseThrow().email()).isEqualTo("billing@acme.example");
        assertThat(storedEmail(acme.listId())).isEqualTo("billing@acme.example");
    }
}
