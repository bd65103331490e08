package dev.ledgerbridge.sync;

import dev.ledgerbridge.customer.Customer;
import dev.ledgerbridge.customer.CustomerStore;
import dev.ledgerbridge.qbxml.QbxmlRenderer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;

/**
 * Reads again the Balance and TotalBalance of customers whose invoices or payments changed: QuickBooks moves a
 * customer's balance without changing its TimeModified, so the customer pull alone would leave it stale.
 * Works through the balance_refresh queue a batch of ListIDs per request.
 */
final class BalanceStep extends QueryStep {
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

    @Override
    public Map<String, Object> model(Request r, SqlSession session, long companyId) {
        Map<String, Object> m = new HashMap<>();
        m.put("requestId", r.requestId());
        m.put("listIds", customers.balanceBatch(session, companyId, BATCH));
        return m;
    }

    @Override
    public boolean hasWork(SqlSession session, long companyId) {
        return customers.balancesQueued(session, companyId);
    }

    @Override
    public boolean more(SqlSession session, long companyId) {
        return customers.balancesQueued(session, companyId);
    }

    /** 3120: none of the asked customers exists any more (they were deleted); nothing to update. */
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
                customers.updateBalances(session, companyId, balances);
                updated += balances.size();
                // the batch asked for is the head of the queue, unchanged since the request went out
                customers.dequeueBalances(session, companyId, customers.balanceBatch(session, companyId, BATCH));
            }
        };
    }
}
