package dev.ledgerbridge.customer;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

public interface CustomerMapper {
    /** ListID, EditSequence, deleted flag, parent and balances of those of the given customers that are stored. */
    List<StoredVersion> versions(@Param("companyId") long companyId, @Param("listIds") Collection<String> listIds);

    /** Writes a customer; {@link dev.ledgerbridge.db.Rows} writes many with it in one statement. */
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

    /**
     * Gives the jobs under a customer whose FullName changed from {@code oldFullName} their new full names and
     * sublevels.
     */
    void renameDescendants(@Param("companyId") long companyId, @Param("oldFullName") String oldFullName,
                           @Param("newFullName") String newFullName, @Param("sublevelDelta") int sublevelDelta);

    List<ParentLink> parents(@Param("companyId") long companyId, @Param("listIds") Collection<String> listIds);

    void updateBalance(@Param("companyId") long companyId, @Param("listId") String listId,
                       @Param("balance") java.math.BigDecimal balance,
                       @Param("totalBalance") java.math.BigDecimal totalBalance);

    Instant lastChange(@Param("companyId") long companyId);

    /** A customer and its parent (for jobs). */
    record ParentLink(String listId, String parentListId) {
    }

    /** The ListID, EditSequence, parent and balances of one stored customer. */
    record StoredVersion(String listId, String editSequence, boolean isDeleted, String parentListId,
                         java.math.BigDecimal balance, java.math.BigDecimal totalBalance, String fullName,
                         int sublevel, Long seenRunId) {
    }
}
