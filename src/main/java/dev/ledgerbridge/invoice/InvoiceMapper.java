package dev.ledgerbridge.invoice;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

public interface InvoiceMapper {
    List<StoredVersion> versions(@Param("companyId") long companyId, @Param("txnIds") Collection<String> txnIds);

    /** Writes an invoice's header; {@link dev.ledgerbridge.db.Rows} writes many with it in one statement. */
    void upsert(@Param("companyId") long companyId, @Param("i") Invoice invoice, @Param("runId") Long runId,
                @Param("now") Instant now);

    void deleteLines(@Param("companyId") long companyId, @Param("txnIds") Collection<String> txnIds);

    void deleteLinks(@Param("companyId") long companyId, @Param("txnIds") Collection<String> txnIds);

    void insertLine(@Param("companyId") long companyId, @Param("r") LineRow row);

    void insertLink(@Param("companyId") long companyId, @Param("r") LinkRow row);

    /** A line of the invoice {@code txnId}, as written. */
    record LineRow(String txnId, InvoiceLine line) {
    }

    /** The {@code position}th payment or credit linked to the invoice {@code txnId}, as written. */
    record LinkRow(String txnId, int position, LinkedTxn link) {
    }

    void markSeen(@Param("companyId") long companyId, @Param("txnIds") Collection<String> txnIds,
                  @Param("runId") long runId);

    int markDeleted(@Param("companyId") long companyId, @Param("txnId") String txnId,
                    @Param("deletedAt") Instant deletedAt);

    /** Stored invoices not yet deleted that the run (a full re-sync) did not see. */
    List<StoredVersion> unseen(@Param("companyId") long companyId, @Param("runId") long runId);

    /** Invoices open here (a balance left, not deleted) that run {@code runId} did not see. */
    List<String> openUnseen(@Param("companyId") long companyId, @Param("runId") long runId);

    int markUnseenDeleted(@Param("companyId") long companyId, @Param("runId") long runId,
                          @Param("deletedAt") Instant deletedAt);

    long count(@Param("companyId") long companyId, @Param("customer") String customerListId);

    List<InvoiceRow> page(@Param("companyId") long companyId, @Param("customer") String customerListId,
                          @Param("offset") long offset, @Param("size") int size);

    List<InvoiceLineRow> lines(@Param("companyId") long companyId, @Param("txnIds") Collection<String> txnIds);

    List<LinkedTxnRow> links(@Param("companyId") long companyId, @Param("txnIds") Collection<String> txnIds);

    List<LinkAmount> linkAmounts(@Param("companyId") long companyId, @Param("txnIds") Collection<String> txnIds);

    /** A payment or credit linked to the invoice {@code txnId}, and its amount. */
    record LinkAmount(String txnId, String linkedTxnId, java.math.BigDecimal amount) {
    }

    /** TxnID, EditSequence and deleted flag of a stored invoice. */
    record StoredVersion(String txnId, String editSequence, boolean isDeleted, String customerListId,
                         java.math.BigDecimal appliedAmount, java.math.BigDecimal balanceRemaining, Boolean isPaid) {
    }
}
