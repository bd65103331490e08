package dev.ledgerbridge.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestDb;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Web Connector sessions of one company (two PCs running the Web Connector with the same login) each take the
 * queue's next write: only one of them may send it.
 */
class ActionClaimTest {
    RunningServer server;
    ActionQueue queue;
    QuickBooksWork work;
    long companyId;

    @BeforeEach
    void start() {
        server = new RunningServer(TestDb.freshConfig());
        queue = server.app().actions;
        work = server.app().actionWork;
        companyId = server.app().companies.addLogin("acme", "Acme", "correct horse battery").companyId();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aQueuedPaymentTakenByTwoRunsAtOnceIsSentByOneOnly() {
        // given a payment waiting to be posted
        long id;
        try (SqlSession s = server.app().db.session()) {
            id = queue.queuePaymentPost(s, new PaymentPost(companyId, 7, "80000001-1", new BigDecimal("12.50"),
                    List.of(), LocalDate.of(2026, 5, 4), "Visa", null, "LB-7", "claim-key-1", "clerk")).id();
            s.commit();
        }

        // when two runs read it as the next write before either has marked it sent
        try (SqlSession first = server.app().db.session(); SqlSession second = server.app().db.session()) {
            ActionRequest seenByFirst = work.nextToSend(first, companyId, 1).orElseThrow();
            ActionRequest seenBySecond = work.nextToSend(second, companyId, 2).orElseThrow();
            assertThat(seenBySecond.id()).isEqualTo(seenByFirst.id()).isEqualTo(id);

            // then the first to mark it sent sends it, and the other is told not to
            assertThat(work.sent(first, seenByFirst, 1, "1-9", "write", "<ReceivePaymentAddRq/>")).isTrue();
            first.commit();
            assertThat(work.sent(second, seenBySecond, 2, "2-9", "write", "<ReceivePaymentAddRq/>")).isFalse();
            second.commit();
        }
        ActionRequest a = queue.find(id).orElseThrow();
        assertThat(a.state()).isEqualTo(ActionQueue.SENT);
        assertThat(a.attempts()).isEqualTo(1);
        assertThat(queue.attempts(id)).extracting(ActionAttempt::requestId).containsExactly("1-9");
        try (SqlSession s = server.app().db.session()) {
            assertThat(work.awaiting(s, companyId, "1-9")).isPresent();
            assertThat(work.awaiting(s, companyId, "2-9")).isEmpty();
        }
    }
}
