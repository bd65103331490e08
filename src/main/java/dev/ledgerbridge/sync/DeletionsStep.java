package dev.ledgerbridge.sync;

import dev.ledgerbridge.qbxml.DeletedRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;

/**
 * Records deleted in QuickBooks since the watermark (ListDeletedQueryRq / TxnDeletedQueryRq, which have no
 * iterator): marked deleted here, never dropped.
 */
final class DeletionsStep extends QueryStep {
    static final String CUSTOMER_DELETES = "customer-deletes";
    static final String INVOICE_DELETES = "invoice-deletes";
    static final String PAYMENT_DELETES = "payment-deletes";
    static final String CREDIT_MEMO_DELETES = "credit-memo-deletes";

    /** Marks one record deleted; true when it was stored and not yet marked. */
    interface Marker {
        boolean markDeleted(SqlSession session, long companyId, String id, Instant deletedAt);
    }

    private final String delType;
    private final Marker marker;

    DeletionsStep(String name, List<String> dependsOn, String entity, String template, String responseElement,
                  String delType, Marker marker) {
        super(name, dependsOn, entity, template, responseElement);
        this.delType = delType;
        this.marker = marker;
    }




    @Override
    public boolean iterates() {
        return false;
    }



    @Override
    public Map<String, Object> model(Request r) {
        Map<String, Object> m = new HashMap<>();
        m.put("requestId", r.requestId());
        m.put("delType", delType);
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
                if (!delType.equals(d.type())) {
                    return;
                }
                if (marker.markDeleted(session, companyId, d.id(),
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
