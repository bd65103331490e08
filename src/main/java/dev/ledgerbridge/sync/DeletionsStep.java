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
final class DeletionsStep implements Step {
    static final String CUSTOMER_DELETES = "customer-deletes";
    static final String INVOICE_DELETES = "invoice-deletes";

    /** Marks one record deleted; true when it was stored and not yet marked. */
    interface Marker {
        boolean markDeleted(SqlSession session, long companyId, String id, Instant deletedAt);
    }

    private final String name;
    private final List<String> dependsOn;
    private final String entity;
    private final String template;
    private final String responseElement;
    private final String delType;
    private final Marker marker;

    DeletionsStep(String name, List<String> dependsOn, String entity, String template, String responseElement,
                  String delType, Marker marker) {
        this.name = name;
        this.dependsOn = dependsOn;
        this.entity = entity;
        this.template = template;
        this.responseElement = responseElement;
        this.delType = delType;
        this.marker = marker;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> dependsOn() {
        return dependsOn;
    }

    @Override
    public String entity() {
        return entity;
    }

    @Override
    public boolean iterates() {
        return false;
    }

    @Override
    public String template() {
        return template;
    }

    @Override
    public String responseElement() {
        return responseElement;
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
