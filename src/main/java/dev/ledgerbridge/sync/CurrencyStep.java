package dev.ledgerbridge.sync;

import dev.ledgerbridge.company.CompanyMapper;
import dev.ledgerbridge.company.CurrencyRecord;
import dev.ledgerbridge.qbxml.QbxmlRenderer;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;

/**
 * The currency list of a multicurrency file (CurrencyQueryRq, one request, no iterator): each CurrencyRef name with
 * its ISO 4217 code and QuickBooks' rate. Planned only for a file whose preferences say multicurrency is on, first in
 * the run, so the records pulled after it get their codes as they are stored; rows stored before a currency was known
 * get theirs when it is.
 */
final class CurrencyStep extends QueryStep {
    static final String NAME = "currencies";
    private final Clock clock;

    CurrencyStep(Clock clock) {
        super(NAME, List.of(), "currency", QbxmlRenderer.CURRENCY_QUERY, "CurrencyQueryRs");
        this.clock = clock;
    }

    @Override
    public boolean iterates() {
        return false;
    }

    @Override
    public Map<String, Object> model(Request r) {
        Map<String, Object> m = new HashMap<>();
        m.put("requestId", r.requestId());
        return m;
    }

    @Override
    public Work work(SqlSession session, long companyId, long runId, boolean fullResync) {
        CompanyMapper m = session.getMapper(CompanyMapper.class);
        return new Work() {
            @Override
            public void onCurrency(CurrencyRecord c) {
                received++;
                if (c.listId() == null || c.name() == null) {
                    return;
                }
                m.upsertCurrency(companyId, c, clock.instant());
                updated++;
            }

            @Override
            void finish() {
                m.resolveCustomerCurrencies(companyId);
                m.resolveInvoiceCurrencies(companyId);
                m.resolvePaymentCurrencies(companyId);
            }
        };
    }
}
