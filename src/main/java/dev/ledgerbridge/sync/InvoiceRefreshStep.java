package dev.ledgerbridge.sync;

import dev.ledgerbridge.invoice.Invoice;
import dev.ledgerbridge.invoice.InvoiceStore;
import dev.ledgerbridge.qbxml.QbxmlRenderer;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.ibatis.session.SqlSession;

/**
 * Reads again by TxnID, whole, the invoices a payment or credit memo was applied to or removed from (QuickBooks is not
 * known to stamp an invoice when that happens) and those the verify step found different. One QuickBooks cannot find
 * even when asked for alone was deleted.
 */
final class InvoiceRefreshStep extends RefreshStep<Invoice> {
    static final String NAME = "invoice-refresh";
    private final Records records;
    private final Clock clock;

    InvoiceRefreshStep(Records records, List<String> dependsOn, Clock clock) {
        super(NAME, dependsOn, QbxmlRenderer.INVOICE_REFRESH_QUERY, "InvoiceQueryRs", records.refresh(),
                RefreshQueue.INVOICE, Invoice.class, Invoice::txnId);
        this.records = records;
        this.clock = clock;
    }

    @Override
    Map<String, Object> model(String requestId, List<String> ids) {
        Map<String, Object> m = new HashMap<>();
        m.put("requestId", requestId);
        m.put("txnIds", ids);
        return m;
    }

    @Override
    int store(SqlSession s, long companyId, List<Invoice> read) {
        InvoiceStore.Counts n = records.invoices(s, companyId, read, null, true);
        return n.inserted() + n.updated();
    }

    @Override
    Set<String> live(SqlSession s, long companyId, List<String> ids) {
        // asked for until QuickBooks says it does not have it, whether stored here or not (the verify step queues
        // invoices QuickBooks has and this server does not)
        return Set.copyOf(ids);
    }

    @Override
    int gone(SqlSession s, long companyId, List<String> ids) {
        int n = 0;
        for (String id : ids) {
            if (records.invoiceDeleted(s, companyId, id, clock.instant())) {
                n++;
            }
        }
        return n;
    }
}
