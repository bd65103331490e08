package dev.ledgerbridge.sync;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** The sync_refresh queue: records to read again from QuickBooks by their ID, by kind. */
public interface RefreshMapper {
    /** Queues a record; one queued again while asked (a change came after the request went out) is asked afresh. */
    void queue(@Param("companyId") long companyId, @Param("kind") String kind, @Param("id") String id,
               @Param("now") Instant now);

    /** Queued records not left for the sweep, full batches (null size) first, then larger sizes, then by ID. */
    List<Queued> head(@Param("companyId") long companyId, @Param("kind") String kind, @Param("limit") int limit);

    int count(@Param("companyId") long companyId, @Param("kind") String kind);

    int countSweep(@Param("companyId") long companyId, @Param("kind") String kind);

    void markAsked(@Param("companyId") long companyId, @Param("kind") String kind,
                   @Param("ids") Collection<String> ids, @Param("requestId") String requestId);

    void markSweepAsked(@Param("companyId") long companyId, @Param("kind") String kind,
                        @Param("requestId") String requestId);

    List<Queued> askedBy(@Param("companyId") long companyId, @Param("kind") String kind,
                         @Param("requestId") String requestId);

    /** Removes records from the queue, unless queued again since request {@code requestId} asked for them. */
    void dequeue(@Param("companyId") long companyId, @Param("kind") String kind, @Param("ids") Collection<String> ids,
                 @Param("requestId") String requestId);

    /** Takes records out of the queue whatever their state: they were just read whole. */
    void forget(@Param("companyId") long companyId, @Param("kind") String kind, @Param("ids") Collection<String> ids);

    void requeue(@Param("companyId") long companyId, @Param("kind") String kind, @Param("ids") Collection<String> ids,
                 @Param("requestId") String requestId, @Param("batchSize") Integer batchSize,
                 @Param("sweep") boolean sweep);

    /** A queued record: the batch size it is asked in (null: a full batch), or whether the sweep reads it. */
    record Queued(String recordId, Integer batchSize, boolean sweep) {
    }
}
