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
 * Reads again by ListID, whole, the customers the verify step found different or missing here. Customers QuickBooks
 * does not return by ListID are looked for among the inactive ones.
 */
final class CustomerRefreshStep extends RefreshStep<Customer> {
    private static final Logger log = LoggerFactory.getLogger(CustomerRefreshStep.class);
    static final String NAME = "customer-refresh";
    private final Records records;
    private final CustomerStore customers;

    CustomerRefreshStep(Records records, CustomerStore customers, List<String> dependsOn) {
        super(NAME, dependsOn, QbxmlRenderer.CUSTOMER_REFRESH_QUERY, "CustomerQueryRs", records.refresh(),
                RefreshQueue.CUSTOMER, Customer.class, Customer::listId);
        this.records = records;
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
        return QbxmlRenderer.CUSTOMER_INACTIVE_QUERY;
    }

    @Override
    int store(SqlSession s, long companyId, List<Customer> read) {
        CustomerStore.Counts n = customers.upsert(s, companyId, read, null);
        records.balances(s, companyId, n.balances());
        return n.inserted() + n.updated();
    }

    @Override
    Set<String> live(SqlSession s, long companyId, List<String> ids) {
        // a customer the verify step found in QuickBooks but not here is not stored yet: it is asked for all the same
        return Set.copyOf(ids);
    }

    @Override
    int gone(SqlSession s, long companyId, List<String> ids) {
        log.warn("QuickBooks returned neither by ListID nor among the inactive customers the customers {}; they are"
                + " left as stored (a deletion reaches them through the deletions step)", ids);
        return 0;
    }
}
