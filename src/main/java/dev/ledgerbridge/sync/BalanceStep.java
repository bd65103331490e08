package dev.ledgerbridge.sync;

import dev.ledgerbridge.customer.Customer;
import dev.ledgerbridge.customer.CustomerStore;
import dev.ledgerbridge.qbxml.QbxmlRenderer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads again the Balance and TotalBalance of customers whose invoices or payments changed: QuickBooks moves a
 * customer's balance without changing its TimeModified, so the customer pull alone would leave it stale.
 * Customers QuickBooks does not return by ListID are looked for among the inactive ones.
 */
final class BalanceStep extends RefreshStep<Customer> {
    private static final Logger log = LoggerFactory.getLogger(BalanceStep.class);
    static final String NAME = "customer-balances";
    private final CustomerStore customers;

    BalanceStep(CustomerStore customers, RefreshQueue queue) {
        super(NAME, List.of(PullStep.CUSTOMERS), QbxmlRenderer.CUSTOMER_BALANCE_QUERY, "CustomerQueryRs", queue,
                RefreshQueue.BALANCE, Customer.class, Customer::listId);
        this.customers = customers;
    }

    @Override
    Map<String, Object> model(String requestId, List<String> ids) {
        Map<String, Object> m = new HashMap<>();
        m.put("requestId", requestId);
        m.put("listIds", ids);
        return m;
    }

    @Override
    String sweepTemplate() {
        return QbxmlRenderer.CUSTOMER_INACTIVE_BALANCE_QUERY;
    }

    @Override
    int store(SqlSession s, long companyId, List<Customer> records) {
        return customers.updateBalances(s, companyId, records);
    }

    @Override
    Set<String> live(SqlSession s, long companyId, List<String> ids) {
        return customers.live(s, companyId, ids);
    }

    @Override
    int gone(SqlSession s, long companyId, List<String> ids) {
        log.warn("QuickBooks returned no balance for customers {}, neither by ListID nor among the inactive customers;"
                + " they are left as stored (a deletion reaches them through the deletions step)", ids);
        return 0;
    }
}
