package dev.ledgerbridge.sync;

import dev.ledgerbridge.customer.Customer;
import dev.ledgerbridge.customer.CustomerStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;

/** Customers changed since the watermark (all of them on a first or full pull), paged by an iterator. */
final class CustomerPull implements Step {
    static final String NAME = "customers";
    private static final int BATCH = 500;
    private final CustomerStore store;

    CustomerPull(CustomerStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> dependsOn() {
        return List.of();
    }

    @Override
    public String entity() {
        return "customer";
    }

    @Override
    public boolean iterates() {
        return true;
    }

    @Override
    public String template() {
        return "customer-query.vm";
    }

    @Override
    public String responseElement() {
        return "CustomerQueryRs";
    }

    @Override
    public Map<String, Object> model(Request r) {
        Map<String, Object> m = new HashMap<>();
        m.put("requestId", r.requestId());
        m.put("iterator", r.continuing() ? "Continue" : "Start");
        m.put("iteratorId", r.iteratorId());
        m.put("maxReturned", r.maxReturned());
        m.put("fromModifiedDate", r.from());
        m.put("toModifiedDate", null);
        return m;
    }

    @Override
    public Work work(SqlSession session, long companyId, long runId, boolean fullResync) {
        return new Work() {
            private final List<Customer> buffer = new ArrayList<>(BATCH);

            @Override
            public void onCustomer(Customer c) {
                received++;
                seen(c.timeModified());
                buffer.add(c);
                if (buffer.size() >= BATCH) {
                    flush();
                }
            }

            private void flush() {
                CustomerStore.Counts n = store.upsert(session, companyId, buffer, fullResync ? runId : null);
                inserted += n.inserted();
                updated += n.updated();
                unchanged += n.unchanged();
                buffer.clear();
            }

            @Override
            void finish() {
                flush();
            }

            @Override
            void afterFullResync() {
                deleted += store.markUnseenDeleted(session, companyId, runId);
            }
        };
    }
}
