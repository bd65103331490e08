package dev.ledgerbridge.sync;

import dev.ledgerbridge.customer.Customer;
import dev.ledgerbridge.customer.CustomerMapper;
import dev.ledgerbridge.customer.CustomerStore;
import dev.ledgerbridge.qbxml.QbxmlRenderer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads again the Balance and TotalBalance of customers whose invoices or payments changed: QuickBooks moves a
 * customer's balance without changing its TimeModified, so the customer pull alone would leave it stale.
 * Works through the balance_refresh queue a batch of ListIDs per request.
 *
 * <p>A customer leaves the queue only when QuickBooks answered with its balance, or when it is known to be gone.
 * QuickBooks may answer a query by ListID that names one customer it cannot find with an error and no customer at
 * all (3120), and may not return inactive customers to it: customers of a batch answered with nothing are asked
 * again in halves, so one such customer cannot keep the balances of the others stale; a customer asked alone, or
 * missing from an answer that returned the others, is read by one query of all inactive customers at the end.
 */
final class BalanceStep extends QueryStep {
    private static final Logger log = LoggerFactory.getLogger(BalanceStep.class);
    static final String NAME = "customer-balances";
    static final int BATCH = 200;
    private final CustomerStore customers;

    BalanceStep(CustomerStore customers) {
        super(NAME, List.of(PullStep.CUSTOMERS), "customer-balance", QbxmlRenderer.CUSTOMER_BALANCE_QUERY,
                "CustomerQueryRs");
        this.customers = customers;
    }

    @Override
    public boolean iterates() {
        return false;
    }

    @Override
    public Map<String, Object> model(Request request) {
        throw new IllegalStateException("the balance request is built from the queue");
    }

    /** The next batch of queued customers by ListID, or, when only those left for it wait, the inactive sweep. */
    @Override
    public String render(QbxmlRenderer renderer, String qbxmlVersion, Request r, SqlSession session, long companyId,
                         long runId) {
        Map<String, Object> m = new HashMap<>();
        m.put("requestId", r.requestId());
        List<String> batch = customers.nextBalanceBatch(session, companyId, BATCH);
        if (batch.isEmpty()) {
            customers.balancesAsked(session, companyId, null, r.requestId());
            return renderer.render(QbxmlRenderer.CUSTOMER_INACTIVE_BALANCE_QUERY, qbxmlVersion, m);
        }
        customers.balancesAsked(session, companyId, batch, r.requestId());
        m.put("listIds", batch);
        return renderer.render(template(), qbxmlVersion, m);
    }

    @Override
    public boolean hasWork(SqlSession session, long companyId) {
        return customers.balancesQueued(session, companyId);
    }

    @Override
    public boolean more(SqlSession session, long companyId) {
        return customers.balancesQueued(session, companyId);
    }

    /** 3120: QuickBooks found none of the asked customers (or, in some versions, not one of them); see above. */
    @Override
    public boolean accepts(int statusCode) {
        return statusCode == 3120;
    }

    @Override
    public Work work(SqlSession session, long companyId, long runId, boolean fullResync) {
        return new Work() {
            private final List<Customer> balances = new ArrayList<>();

            @Override
            public void onCustomer(Customer c) {
                received++;
                balances.add(c);
            }

            @Override
            void finish() {
                int moved = customers.updateBalances(session, companyId, balances);
                updated += moved;
                unchanged += balances.size() - moved;
                String requestId = status == null ? null : status.requestId();
                List<CustomerMapper.QueuedBalance> asked = customers.askedBy(session, companyId, requestId);
                if (asked.isEmpty()) {
                    return;
                }
                Set<String> returned = new HashSet<>();
                balances.forEach(c -> returned.add(c.listId()));
                List<String> answered = new ArrayList<>();
                List<String> missing = new ArrayList<>();
                for (CustomerMapper.QueuedBalance q : asked) {
                    (returned.contains(q.listId()) ? answered : missing).add(q.listId());
                }
                Set<String> live = customers.live(session, companyId, missing);
                List<String> unanswered = new ArrayList<>();
                for (String id : missing) {
                    (live.contains(id) ? unanswered : answered).add(id); // a deleted customer has no balance to read
                }
                boolean sweep = asked.get(0).sweep();
                if (sweep && !unanswered.isEmpty()) {
                    log.warn("QuickBooks returned no balance for customers {}, neither by ListID nor among the inactive"
                            + " customers; they are left as stored (a deletion reaches them through the deletions"
                            + " step)", unanswered);
                    answered.addAll(unanswered);
                } else if (balances.isEmpty() && asked.size() > 1) {
                    customers.requeueBalances(session, companyId, unanswered, requestId, (asked.size() + 1) / 2, false);
                } else {
                    customers.requeueBalances(session, companyId, unanswered, requestId, null, true);
                }
                customers.dequeueBalances(session, companyId, answered, requestId);
            }
        };
    }
}
