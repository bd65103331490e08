package dev.ledgerbridge.sync;

import dev.ledgerbridge.customer.CustomerStore;
import dev.ledgerbridge.qbxml.DeletedRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;

/** Customers deleted in QuickBooks since the watermark: marked deleted here, never dropped. */
final class CustomerDeletes implements Step {
    static final String NAME = "customer-deletes";
    private final CustomerStore store;

    CustomerDeletes(CustomerStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> dependsOn() {
        return List.of(CustomerPull.NAME);
    }

    @Override
    public String entity() {
        return "customer-deleted";
    }

    @Override
    public boolean iterates() {
        return false;
    }

    @Override
    public String template() {
        return "customer-deleted-query.vm";
    }

    @Override
    public String responseElement() {
        return "ListDeletedQueryRs";
    }

    @Override
    public Map<String, Object> model(Request r) {
        Map<String, Object> m = new HashMap<>();
        m.put("requestId", r.requestId());
        m.put("fromDeletedDate", r.from());
        return m;
    }

    @Override
    public Work work(SqlSession session, long companyId, long runId, boolean fullResync) {
        return new Work() {
            @Override
            public void onDeleted(DeletedRecord d) {
                received++;
                seen(d.timeDeleted());
                if (!"Customer".equals(d.type())) {
                    return;
                }
                if (store.markDeleted(session, companyId, d.id(),
                        d.timeDeleted() == null ? null : d.timeDeleted().toInstant())) {
                    deleted++;
                } else {
                    unchanged++;
                }
            }

            @Override
            void finish() {
            }
        };
    }
}
