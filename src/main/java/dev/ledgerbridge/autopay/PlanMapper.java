package dev.ledgerbridge.autopay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** installment_plan and installment. */
public interface PlanMapper {
    void insertPlan(@Param("companyId") long companyId, @Param("customer") String customerListId,
                    @Param("txnId") String invoiceTxnId, @Param("profileId") long profileId,
                    @Param("total") BigDecimal total, @Param("by") String by, @Param("now") Instant now);

    long lastInsertId();

    void insertInstallment(@Param("planId") long planId, @Param("seq") int seq, @Param("dueDate") LocalDate dueDate,
                           @Param("amount") BigDecimal amount);

    List<PlanRow> plans(@Param("companyId") long companyId, @Param("customer") String customerListId);

    PlanRow plan(@Param("companyId") long companyId, @Param("id") long id);

    /** The plan's row locked until the transaction ends (edits and state changes go one at a time). */
    PlanRow lockPlan(@Param("companyId") long companyId, @Param("id") long id);

    List<Installment> installments(@Param("planIds") Collection<Long> planIds);

    Installment installment(@Param("planId") long planId, @Param("seq") int seq);

    /** The live plan of an invoice, read as committed and locked (null when none). */
    Long lockLivePlan(@Param("companyId") long companyId, @Param("txnId") String invoiceTxnId);

    int setState(@Param("id") long id, @Param("state") String state, @Param("by") String by,
                 @Param("now") Instant now);

    int deleteScheduled(@Param("planId") long planId);

    int maxSeq(@Param("planId") long planId);

    /** Scheduled installments of active plans whose next date is on or before {@code until}. */
    List<DueInstallment> dueInstallments(@Param("until") LocalDate until, @Param("limit") int limit);

    void recordInstallment(@Param("planId") long planId, @Param("seq") int seq, @Param("state") String state,
                           @Param("attempts") int attempts, @Param("retryOn") LocalDate retryOn,
                           @Param("result") String result, @Param("message") String message,
                           @Param("paymentId") Long paymentId, @Param("at") Instant at);

    /** A scheduled installment of an active plan, with what charging it needs. */
    record DueInstallment(long planId, long companyId, String customerListId, String invoiceTxnId, long profileId,
                          int seq, LocalDate dueDate, LocalDate retryOn, BigDecimal amount, int attempts) {
        public LocalDate nextDate() {
            return retryOn != null ? retryOn : dueDate;
        }
    }
}
