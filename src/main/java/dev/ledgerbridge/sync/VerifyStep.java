package dev.ledgerbridge.sync;

import dev.ledgerbridge.customer.Customer;
import dev.ledgerbridge.customer.CustomerMapper;
import dev.ledgerbridge.customer.CustomerStore;
import dev.ledgerbridge.invoice.Invoice;
import dev.ledgerbridge.invoice.InvoiceMapper;
import dev.ledgerbridge.invoice.InvoiceStore;
import dev.ledgerbridge.qbxml.QbxmlRenderer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.ibatis.session.SqlSession;

/**
 * Proves the mirror equal to QuickBooks every {@code sync.verify.hours}: asks QuickBooks only for the ListID,
 * EditSequence and balances of every customer, then the TxnID, EditSequence and BalanceRemaining of every open
 * invoice, in large pages, and compares them with what is stored. A balance that differs is written at once; a
 * record that differs, or that QuickBooks has and the mirror does not, is queued to be read again whole (the refresh
 * steps that follow); a customer the mirror has and QuickBooks no longer lists is marked deleted, and an invoice open
 * here that QuickBooks does not list as open is read again. Whatever drifted (a change QuickBooks did not stamp, a
 * restored backup, a company file restored to an older copy) is corrected, and the step's counts say so.
 */
final class VerifyStep extends QueryStep {
    static final String NAME = "verify";
    static final int PAGE = 2000;
    private static final String CUSTOMERS = "customers";
    private static final String INVOICES = "invoices";
    private static final String DONE = "done";

    private final CustomerStore customers;
    private final InvoiceStore invoices;
    private final Records records;
    private final Duration interval;
    private final Clock clock;

    VerifyStep(List<String> dependsOn, CustomerStore customers, InvoiceStore invoices, Records records,
               Duration interval, Clock clock) {
        super(NAME, dependsOn, "verify", QbxmlRenderer.CUSTOMER_VERIFY_QUERY, "CustomerQueryRs");
        this.customers = customers;
        this.invoices = invoices;
        this.records = records;
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public boolean iterates() {
        return true;
    }

    @Override
    public Map<String, Object> model(Request request) {
        throw new IllegalStateException("the verify request depends on its phase");
    }

    /**
     * Due when the last proof is {@code sync.verify.hours} old. A company never verified counts its first complete
     * sync as the first proof (it read everything), unless verification runs in every run.
     */
    @Override
    public boolean hasWork(SqlSession s, long companyId, long runId) {
        VerifyMapper m = s.getMapper(VerifyMapper.class);
        VerifyMapper.Verification v = m.find(companyId);
        Instant now = clock.instant();
        if ((v == null || v.lastVerifiedAt() == null) && !interval.isZero()) {
            m.firstProof(companyId, now);
            return false;
        }
        if (v != null && v.lastVerifiedAt() != null && v.lastVerifiedAt().plus(interval).isAfter(now)) {
            return false;
        }
        m.start(companyId, runId, CUSTOMERS);
        return true;
    }

    @Override
    public String render(QbxmlRenderer renderer, String qbxmlVersion, Request r, SqlSession session, long companyId,
                         long runId) {
        Map<String, Object> m = new HashMap<>();
        m.put("requestId", r.requestId());
        m.put("iterator", r.continuing() ? "Continue" : "Start");
        m.put("iteratorId", r.iteratorId());
        m.put("maxReturned", PAGE);
        return renderer.render(INVOICES.equals(phase(session, companyId)) ? QbxmlRenderer.INVOICE_VERIFY_QUERY
                : QbxmlRenderer.CUSTOMER_VERIFY_QUERY, qbxmlVersion, m);
    }

    @Override
    public boolean answeredBy(String responseElement) {
        return "CustomerQueryRs".equals(responseElement) || "InvoiceQueryRs".equals(responseElement);
    }

    /** After the customers' iterator, the open invoices'; done after those. */
    @Override
    public boolean continues(SqlSession s, long companyId, long runId) {
        return !DONE.equals(phase(s, companyId));
    }

    private static String phase(SqlSession s, long companyId) {
        VerifyMapper.Verification v = s.getMapper(VerifyMapper.class).find(companyId);
        return v == null ? DONE : v.phase();
    }

    @Override
    public Work work(SqlSession session, long companyId, long runId, boolean fullResync) {
        return new Work() {
            private final List<Customer> readCustomers = new ArrayList<>();
            private final List<Invoice> readInvoices = new ArrayList<>();

            @Override
            public void onCustomer(Customer c) {
                received++;
                readCustomers.add(c);
            }

            @Override
            public void onInvoice(Invoice i) {
                received++;
                readInvoices.add(i);
            }

            @Override
            void finish() {
                boolean last = status == null || status.iteratorRemainingCount() == null
                        || status.iteratorRemainingCount() == 0;
                String phase = phase(session, companyId);
                if (CUSTOMERS.equals(phase) && status != null && "CustomerQueryRs".equals(status.element())) {
                    compareCustomers();
                    if (last) {
                        deleted += customers.markUnseenDeleted(session, companyId, runId);
                        session.getMapper(VerifyMapper.class).phase(companyId, INVOICES);
                    }
                } else if (INVOICES.equals(phase) && status != null && "InvoiceQueryRs".equals(status.element())) {
                    compareInvoices();
                    if (last) {
                        List<String> closed = invoices.openUnseen(session, companyId, runId);
                        records.refresh().queue(session, companyId, RefreshQueue.INVOICE, closed);
                        updated += closed.size();
                    }
                }
                VerifyMapper m = session.getMapper(VerifyMapper.class);
                m.count(companyId, received, updated + deleted);
                if (last && INVOICES.equals(phase)) {
                    m.done(companyId, clock.instant());
                }
            }

            private void compareCustomers() {
                List<String> ids = readCustomers.stream().map(Customer::listId).toList();
                Map<String, CustomerMapper.StoredVersion> stored = customers.versions(session, companyId, ids);
                List<String> reread = new ArrayList<>();
                List<Customer> balances = new ArrayList<>();
                for (Customer c : readCustomers) {
                    CustomerMapper.StoredVersion v = stored.get(c.listId());
                    if (v == null || v.isDeleted() || !Objects.equals(v.editSequence(), c.editSequence())) {
                        reread.add(c.listId());
                    } else {
                        balances.add(c);
                    }
                }
                records.refresh().queue(session, companyId, RefreshQueue.CUSTOMER, reread);
                customers.markSeen(session, companyId, ids, runId);
                int moved = customers.updateBalances(session, companyId, balances);
                updated += reread.size() + moved;
                unchanged += readCustomers.size() - reread.size() - moved;
            }

            private void compareInvoices() {
                List<String> ids = readInvoices.stream().map(Invoice::txnId).toList();
                Map<String, InvoiceMapper.StoredVersion> stored = invoices.versions(session, companyId, ids);
                List<String> reread = new ArrayList<>();
                for (Invoice i : readInvoices) {
                    InvoiceMapper.StoredVersion v = stored.get(i.txnId());
                    if (v == null || v.isDeleted() || !Objects.equals(v.editSequence(), i.editSequence())
                            || !same(v.balanceRemaining(), i.balanceRemaining())) {
                        reread.add(i.txnId());
                    }
                }
                records.refresh().queue(session, companyId, RefreshQueue.INVOICE, reread);
                invoices.markSeen(session, companyId, ids, runId);
                updated += reread.size();
                unchanged += readInvoices.size() - reread.size();
            }
        };
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
