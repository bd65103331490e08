package dev.ledgerbridge.customer;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

public interface CustomerMapper {
    /** ListID, EditSequence, deleted flag, parent and balances of those of the given customers that are stored. */
    List<StoredVersion> versions(@Param("companyId") long companyId, @Param("listIds") Collection<String> listIds);

    void upsert(@Param("companyId") long companyId, @Param("c") Customer c, @Param("runId") Long runId,
                @Param("now") Instant now);

    void markSeen(@Param("companyId") long companyId, @Param("listIds") Collection<String> listIds,
                  @Param("runId") long runId);

    int markDeleted(@Param("companyId") long companyId, @Param("listId") String listId,
                    @Param("deletedAt") Instant deletedAt);

    /** Stored customers not yet deleted that the run (a full re-sync) did not see. */
    int countUnseen(@Param("companyId") long companyId, @Param("runId") long runId);

    int markUnseenDeleted(@Param("companyId") long companyId, @Param("runId") long runId,
                          @Param("deletedAt") Instant deletedAt);

    List<CustomerRow> search(@Param("companyId") long companyId, @Param("query") CustomerQuery query,
                             @Param("like") String like, @Param("offset") int offset, @Param("size") int size);

    long count(@Param("companyId") long companyId, @Param("query") CustomerQuery query, @Param("like") String like);

    List<String> searchIds(@Param("companyId") long companyId, @Param("query") CustomerQuery query,
                           @Param("like") String like, @Param("limit") int limit);

    List<CustomerRow> searchAmong(@Param("companyId") long companyId, @Param("query") CustomerQuery query,
                                  @Param("listIds") Collection<String> listIds, @Param("offset") int offset,
                                  @Param("size") int size);

    CustomerRow find(@Param("companyId") long companyId, @Param("listId") String listId);

    List<ParentLink> parents(@Param("companyId") long companyId, @Param("listIds") Collection<String> listIds);

    void queueBalance(@Param("companyId") long companyId, @Param("listId") String listId, @Param("now") Instant now);

    /** Queued customers not left for the sweep, full batches (null size) first, then larger sizes, then by ListID. */
    List<QueuedBalance> balanceQueueHead(@Param("companyId") long companyId, @Param("limit") int limit);

    /** Whether customers left for the sweep of inactive customers are queued. */
    int sweepQueued(@Param("companyId") long companyId);

    int balanceQueueSize(@Param("companyId") long companyId);

    void markBalancesAsked(@Param("companyId") long companyId, @Param("listIds") Collection<String> listIds,
                           @Param("requestId") String requestId);

    void markSweepAsked(@Param("companyId") long companyId, @Param("requestId") String requestId);

    List<QueuedBalance> balancesAsked(@Param("companyId") long companyId, @Param("requestId") String requestId);

    /** Removes the given customers from the queue, unless queued again since the request asked for them. */
    void dequeueBalances(@Param("companyId") long companyId, @Param("listIds") Collection<String> listIds,
                         @Param("requestId") String requestId);

    /** Asks the given customers again, in batches of at most batchSize, or (sweep) by the query of inactive ones. */
    void requeueBalances(@Param("companyId") long companyId, @Param("listIds") Collection<String> listIds,
                         @Param("requestId") String requestId, @Param("batchSize") Integer batchSize,
                         @Param("sweep") boolean sweep);

    void updateBalance(@Param("companyId") long companyId, @Param("listId") String listId,
                       @Param("balance") java.math.BigDecimal balance,
                       @Param("totalBalance") java.math.BigDecimal totalBalance);

    Instant lastChange(@Param("companyId") long companyId);

    /** A customer and its parent (for jobs). */
    record ParentLink(String listId, String parentListId) {
    }

    /** The ListID, EditSequence, parent and balances of one stored customer. */
    record StoredVersion(String listId, String editSequence, boolean isDeleted, String parentListId,
                         java.math.BigDecimal balance, java.math.BigDecimal totalBalance) {
    }

    /** A customer waiting for its balance: the batch size it is asked in, or whether the sweep reads it. */
    record QueuedBalance(String listId, Integer batchSize, boolean sweep) {
    }
}
