package dev.ledgerbridge.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.ibatis.session.SqlSession;

/**
 * Records to read again from QuickBooks by their ID (table sync_refresh), in the caller's transaction. A record
 * stays queued until a request that asked for it is answered with it ({@link RefreshStep}).
 */
final class RefreshQueue {
    /** Customers whose Balance and TotalBalance to read again. */
    static final String BALANCE = "balance";
    /** Customers to read again whole. */
    static final String CUSTOMER = "customer";
    /** Invoices to read again whole, with lines and linked transactions. */
    static final String INVOICE = "invoice";
    /** Payments received to read again whole, with what they were applied to. */
    static final String PAYMENT = "payment";

    private final Clock clock;

    RefreshQueue(Clock clock) {
        this.clock = clock;
    }

    void queue(SqlSession s, long companyId, String kind, Collection<String> ids) {
        RefreshMapper m = s.getMapper(RefreshMapper.class);
        Instant now = clock.instant();
        for (String id : ids) {
            if (id != null && !id.isEmpty()) {
                m.queue(companyId, kind, id, now);
            }
        }
    }

    boolean queued(SqlSession s, long companyId, String kind) {
        return s.getMapper(RefreshMapper.class).count(companyId, kind) > 0;
    }

    /**
     * The next records to ask for, at most {@code limit}: those asked in full batches first, then those a batch failed
     * for, in the smaller batch they were given. Empty when only records left for the sweep wait.
     */
    List<String> next(SqlSession s, long companyId, String kind, int limit) {
        List<RefreshMapper.Queued> head = s.getMapper(RefreshMapper.class).head(companyId, kind, limit);
        if (head.isEmpty()) {
            return List.of();
        }
        Integer size = head.get(0).batchSize();
        int n = size == null ? limit : Math.min(limit, size);
        return head.stream().filter(q -> Objects.equals(q.batchSize(), size)).limit(n)
                .map(RefreshMapper.Queued::recordId).toList();
    }

    boolean sweepQueued(SqlSession s, long companyId, String kind) {
        return s.getMapper(RefreshMapper.class).countSweep(companyId, kind) > 0;
    }

    /** Notes that request {@code requestId} asks for these records ({@code null}: for those left for the sweep). */
    void asked(SqlSession s, long companyId, String kind, List<String> ids, String requestId) {
        RefreshMapper m = s.getMapper(RefreshMapper.class);
        if (ids == null) {
            m.markSweepAsked(companyId, kind, requestId);
        } else if (!ids.isEmpty()) {
            m.markAsked(companyId, kind, ids, requestId);
        }
    }

    List<RefreshMapper.Queued> askedBy(SqlSession s, long companyId, String kind, String requestId) {
        return requestId == null ? List.of() : s.getMapper(RefreshMapper.class).askedBy(companyId, kind, requestId);
    }

    void dequeue(SqlSession s, long companyId, String kind, Collection<String> ids, String requestId) {
        if (!ids.isEmpty()) {
            s.getMapper(RefreshMapper.class).dequeue(companyId, kind, ids, requestId);
        }
    }

    /** Takes records out of the queue: they were just read whole, as QuickBooks has them now. */
    void forget(SqlSession s, long companyId, String kind, Collection<String> ids) {
        if (!ids.isEmpty()) {
            s.getMapper(RefreshMapper.class).forget(companyId, kind, ids);
        }
    }

    /** Records request {@code requestId} did not get: asked again in batches of at most {@code batchSize}, or swept. */
    void requeue(SqlSession s, long companyId, String kind, Collection<String> ids, String requestId, Integer batchSize,
                 boolean sweep) {
        if (!ids.isEmpty()) {
            s.getMapper(RefreshMapper.class).requeue(companyId, kind, ids, requestId, batchSize, sweep);
        }
    }
}
