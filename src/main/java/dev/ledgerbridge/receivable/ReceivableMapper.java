package dev.ledgerbridge.receivable;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

public interface ReceivableMapper {
    // ---- received payments ----

    List<Stored> paymentVersions(@Param("companyId") long companyId, @Param("txnIds") Collection<String> txnIds);

    /** What the stored payments were applied to. */
    List<Link> paymentApplications(@Param("companyId") long companyId, @Param("txnIds") Collection<String> txnIds);

    /** The live payments stored as applied to these invoices. */
    List<Link> paymentsAppliedTo(@Param("companyId") long companyId, @Param("invoiceTxnIds") Collection<String> ids);

    /** Writes a payment; {@link dev.ledgerbridge.db.Rows} writes many with it in one statement. */
    void upsertPayment(@Param("companyId") long companyId, @Param("p") ReceivedPayment p, @Param("runId") Long runId,
                       @Param("now") Instant now);

    void deleteApplications(@Param("companyId") long companyId, @Param("txnIds") Collection<String> txnIds);

    void insertApplication(@Param("companyId") long companyId, @Param("r") ApplicationRow row);

    /** The {@code position}th application of the payment {@code txnId}, as written. */
    record ApplicationRow(String txnId, int position, ReceivedPayment.Applied applied) {
    }

    void markPaymentsSeen(@Param("companyId") long companyId, @Param("txnIds") Collection<String> txnIds,
                          @Param("runId") long runId);

    void markPaymentDeleted(@Param("companyId") long companyId, @Param("txnId") String txnId,
                            @Param("deletedAt") Instant deletedAt);

    List<Stored> unseenPayments(@Param("companyId") long companyId, @Param("runId") long runId);

    void markUnseenPaymentsDeleted(@Param("companyId") long companyId, @Param("runId") long runId,
                                   @Param("deletedAt") Instant deletedAt);

    long countPayments(@Param("companyId") long companyId, @Param("customer") String customerListId);

    List<PaymentRow> payments(@Param("companyId") long companyId, @Param("customer") String customerListId,
                              @Param("offset") long offset, @Param("size") int size);

    // ---- credit memos ----

    List<Stored> creditMemoVersions(@Param("companyId") long companyId, @Param("txnIds") Collection<String> txnIds);

    /** The transactions the stored credit memos were applied to. */
    List<Link> creditMemoLinks(@Param("companyId") long companyId, @Param("txnIds") Collection<String> txnIds);

    void upsertCreditMemo(@Param("companyId") long companyId, @Param("c") CreditMemo c, @Param("runId") Long runId,
                          @Param("now") Instant now);

    void deleteCreditMemoLines(@Param("companyId") long companyId, @Param("txnIds") Collection<String> txnIds);

    void deleteCreditMemoLinks(@Param("companyId") long companyId, @Param("txnIds") Collection<String> txnIds);

    void insertCreditMemoLine(@Param("companyId") long companyId,
                              @Param("r") dev.ledgerbridge.invoice.InvoiceMapper.LineRow row);

    void insertCreditMemoLink(@Param("companyId") long companyId,
                              @Param("r") dev.ledgerbridge.invoice.InvoiceMapper.LinkRow row);

    void markCreditMemosSeen(@Param("companyId") long companyId, @Param("txnIds") Collection<String> txnIds,
                             @Param("runId") long runId);

    void markCreditMemoDeleted(@Param("companyId") long companyId, @Param("txnId") String txnId,
                               @Param("deletedAt") Instant deletedAt);

    List<Stored> unseenCreditMemos(@Param("companyId") long companyId, @Param("runId") long runId);

    void markUnseenCreditMemosDeleted(@Param("companyId") long companyId, @Param("runId") long runId,
                                      @Param("deletedAt") Instant deletedAt);

    long countCreditMemos(@Param("companyId") long companyId, @Param("customer") String customerListId);

    List<CreditMemoRow> creditMemos(@Param("companyId") long companyId, @Param("customer") String customerListId,
                                    @Param("offset") long offset, @Param("size") int size);

    /** The customer's credit memos with credit left, oldest first, locked; {@code available}: less what is held. */
    List<OpenCredit> openCredits(@Param("companyId") long companyId, @Param("customer") String customerListId,
                                 @Param("refundMemo") String refundMemoPrefix);

    void insertHold(@Param("companyId") long companyId, @Param("actionId") long actionId,
                    @Param("customer") String customerListId, @Param("creditTxnId") String creditTxnId,
                    @Param("invoiceTxnId") String invoiceTxnId, @Param("amount") BigDecimal amount,
                    @Param("now") Instant now);

    /** A credit memo with credit left: what QuickBooks says is left, and what is not held by an application here. */
    record OpenCredit(String txnId, String refNumber, LocalDate txnDate, BigDecimal creditRemaining,
                      BigDecimal available) {
    }

    /** The ID, EditSequence, deleted flag and customer of one stored payment or credit memo. */
    record Stored(String txnId, String editSequence, boolean isDeleted, String customerListId) {
    }

    /** A stored payment or credit memo applied to a transaction (an invoice, usually), for that amount. */
    record Link(String txnId, String linkedTxnId, String txnType, BigDecimal amount) {
    }

    /** A payment as the pages and the API show it. */
    record PaymentRow(String txnId, String customerListId, String customerFullName, LocalDate txnDate,
                      String refNumber, BigDecimal totalAmount, String paymentMethod, String memo,
                      BigDecimal unusedPayment, boolean isDeleted, Instant timeModified) {
    }

    /** A credit memo as the pages and the API show it. */
    record CreditMemoRow(String txnId, String refNumber, String customerListId, String customerFullName,
                         LocalDate txnDate, BigDecimal totalAmount, BigDecimal creditRemaining, String memo,
                         boolean isDeleted, Instant timeModified) {
    }
}
