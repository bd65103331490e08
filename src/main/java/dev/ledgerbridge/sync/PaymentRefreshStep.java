package dev.ledgerbridge.sync;

import dev.ledgerbridge.qbxml.QbxmlRenderer;
import dev.ledgerbridge.receivable.ReceivedPayment;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.ibatis.session.SqlSession;

/**
 * Reads again by TxnID, whole, payments whose invoices, read again, disagree with what is stored of them. One
 * QuickBooks cannot find even when asked for alone is gone: marked deleted, and what it moved read again.
 */
final class PaymentRefreshStep extends RefreshStep<ReceivedPayment> {
    static final String NAME = "payment-refresh";
    private final Records records;
    private final Clock clock;

    PaymentRefreshStep(Records records, List<String> dependsOn, Clock clock) {
        super(NAME, dependsOn, QbxmlRenderer.PAYMENT_REFRESH_QUERY, "ReceivePaymentQueryRs", records.refresh(),
                RefreshQueue.PAYMENT, ReceivedPayment.class, ReceivedPayment::txnId);
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
    int store(SqlSession s, long companyId, List<ReceivedPayment> read) {
        return records.payments(s, companyId, read);
    }

    @Override
    Set<String> live(SqlSession s, long companyId, List<String> ids) {
        return Set.copyOf(ids);
    }

    @Override
    int gone(SqlSession s, long companyId, List<String> ids) {
        int n = 0;
        for (String id : ids) {
            if (records.paymentDeleted(s, companyId, id, clock.instant())) {
                n++;
            }
        }
        return n;
    }
}
