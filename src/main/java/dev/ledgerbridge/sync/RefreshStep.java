package dev.ledgerbridge.sync;

import dev.ledgerbridge.customer.Customer;
import dev.ledgerbridge.invoice.Invoice;
import dev.ledgerbridge.qbxml.QbxmlRenderer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.ibatis.session.SqlSession;

/**
 * Reads records of one {@link RefreshQueue} kind again from QuickBooks by their IDs, up to {@value #BATCH} a
 * request, until the queue is empty.
 *
 * <p>A record leaves the queue only once QuickBooks answered with it, or when it is known to be gone. QuickBooks may
 * answer a query by ID that names one record it cannot find with 3120 and no record at all, and may not return
 * inactive customers to a query by ListID: a batch answered with nothing is asked again in halves, so one such record
 * cannot keep the others unread; a record asked alone, or missing from an answer that returned the others, is then
 * given to {@link #sweep} (customers: one query of all inactive ones) or, where there is none, to {@link #gone}.
 */
abstract class RefreshStep<T> extends QueryStep {
    static final int BATCH = 200;

    final RefreshQueue queue;
    private final String kind;
    private final Class<T> type;
    private final Function<T, String> id;

    RefreshStep(String name, List<String> dependsOn, String template, String responseElement, RefreshQueue queue,
                String kind, Class<T> type, Function<T, String> id) {
        super(name, dependsOn, "refresh-" + kind, template, responseElement);
        this.queue = queue;
        this.kind = kind;
        this.type = type;
        this.id = id;
    }

    /** The template model asking for these IDs. */
    abstract Map<String, Object> model(String requestId, List<String> ids);

    /** The template of the last resort for records not returned by ID, or null when there is none. */
    String sweepTemplate() {
        return null;
    }

    /** Stores what QuickBooks returned; returns how many stored rows changed. */
    abstract int store(SqlSession s, long companyId, List<T> records);

    /** Of these IDs, those of records stored here as not deleted (an unknown or deleted one is not asked again). */
    abstract Set<String> live(SqlSession s, long companyId, List<String> ids);

    /** Records QuickBooks returned neither by ID nor by the sweep: gone from QuickBooks. Returns how many it marked. */
    abstract int gone(SqlSession s, long companyId, List<String> ids);

    @Override
    public final boolean iterates() {
        return false;
    }

    @Override
    public final Map<String, Object> model(Request request) {
        throw new IllegalStateException("a refresh request is built from its queue");
    }

    @Override
    public final String render(QbxmlRenderer renderer, String qbxmlVersion, Request r, SqlSession session,
                               long companyId, long runId) {
        List<String> ids = queue.next(session, companyId, kind, BATCH);
        if (ids.isEmpty() && sweepTemplate() != null) {
            queue.asked(session, companyId, kind, null, r.requestId());
            Map<String, Object> m = new HashMap<>();
            m.put("requestId", r.requestId());
            return renderer.render(sweepTemplate(), qbxmlVersion, m);
        }
        queue.asked(session, companyId, kind, ids, r.requestId());
        return renderer.render(template(), qbxmlVersion, model(r.requestId(), ids));
    }

    @Override
    public final boolean hasWork(SqlSession session, long companyId) {
        return queue.queued(session, companyId, kind);
    }

    @Override
    public final boolean more(SqlSession session, long companyId) {
        return queue.queued(session, companyId, kind);
    }

    /** 3120: QuickBooks found none of the records asked for (or, in some versions, not one of them); see above. */
    @Override
    public final boolean accepts(int statusCode) {
        return statusCode == 3120;
    }

    @Override
    public final Work work(SqlSession session, long companyId, long runId, boolean fullResync) {
        return new Work() {
            private final List<T> records = new ArrayList<>();

            @Override
            public void onCustomer(Customer c) {
                take(c);
            }

            @Override
            public void onInvoice(Invoice i) {
                take(i);
            }

            private void take(Object o) {
                if (type.isInstance(o)) {
                    received++;
                    records.add(type.cast(o));
                }
            }

            @Override
            void finish() {
                int changed = store(session, companyId, records);
                updated += changed;
                unchanged += Math.max(0, records.size() - changed);
                String requestId = status == null ? null : status.requestId();
                List<RefreshMapper.Queued> asked = queue.askedBy(session, companyId, kind, requestId);
                if (asked.isEmpty()) {
                    return;
                }
                Set<String> returned = new HashSet<>();
                records.forEach(r -> returned.add(id.apply(r)));
                List<String> answered = new ArrayList<>();
                List<String> missing = new ArrayList<>();
                for (RefreshMapper.Queued q : asked) {
                    (returned.contains(q.recordId()) ? answered : missing).add(q.recordId());
                }
                Set<String> live = live(session, companyId, missing);
                List<String> unanswered = new ArrayList<>();
                for (String m : missing) {
                    (live.contains(m) ? unanswered : answered).add(m);
                }
                boolean swept = asked.get(0).sweep();
                if (records.isEmpty() && asked.size() > 1 && !swept) {
                    queue.requeue(session, companyId, kind, unanswered, requestId, (asked.size() + 1) / 2, false);
                } else if (!swept && sweepTemplate() != null) {
                    queue.requeue(session, companyId, kind, unanswered, requestId, null, true);
                } else if (!unanswered.isEmpty()) {
                    deleted += gone(session, companyId, unanswered);
                    answered.addAll(unanswered);
                }
                queue.dequeue(session, companyId, kind, answered, requestId);
            }
        };
    }
}
