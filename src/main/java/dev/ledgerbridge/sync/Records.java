package dev.ledgerbridge.sync;

import dev.ledgerbridge.customer.Customer;
import dev.ledgerbridge.customer.CustomerStore;
import dev.ledgerbridge.invoice.Invoice;
import dev.ledgerbridge.invoice.InvoiceMapper;
import dev.ledgerbridge.invoice.InvoiceStore;
import dev.ledgerbridge.invoice.LinkedTxn;
import dev.ledgerbridge.receivable.CreditMemo;
import dev.ledgerbridge.receivable.ReceivableMapper;
import dev.ledgerbridge.receivable.ReceivableStore;
import dev.ledgerbridge.receivable.ReceivedPayment;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.ibatis.session.SqlSession;

/**
 * What the sync does with the records QuickBooks returns, in the response's transaction: it hands them to the record
 * stores and queues what they moved to be read again by ID (balances of customers, invoices a payment or credit memo
 * was applied to or removed from). Nothing here trusts QuickBooks to stamp a record that another one changed.
 */
final class Records {
    private final CustomerStore customers;
    private final InvoiceStore invoices;
    private final ReceivableStore receivables;
    private final RefreshQueue refresh;
    private final java.time.Duration overlap;

    Records(CustomerStore customers, InvoiceStore invoices, ReceivableStore receivables, RefreshQueue refresh,
            java.time.Duration overlap) {
        this.overlap = overlap;
        this.customers = customers;
        this.invoices = invoices;
        this.receivables = receivables;
        this.refresh = refresh;
    }

    RefreshQueue refresh() {
        return refresh;
    }

    // ---- pulls ------------------------------------------------------------------------------------------------

    /**
     * Customers as the customer pull returns them. The pull comes after this run's transaction pulls, so the balances
     * it returns already count what those pulled: a customer returned with its balances needs no balance read of its
     * own (the former parent of a job that moved still does, unless returned too).
     */
    PullStep.Writer<Customer> customerWriter() {
        return PullStep.Writer.of((s, companyId, batch, runId, full) -> {
            // every customer returned is marked seen by the run: what a full pull did not see is deleted
            CustomerStore.Counts n = customers.upsert(s, companyId, batch, runId, settledBefore(s, runId));
            refresh.forget(s, companyId, RefreshQueue.BALANCE, batch.stream()
                    .filter(c -> c.balance() != null && c.totalBalance() != null).map(Customer::listId).toList());
            // a parent a job joined, moved from or left may have been read before that, earlier in this run: read again
            balances(s, companyId, n.balances());
            // a parent of a job that has not changed since before this run began, read in this run, counts the job
            refresh.queue(s, companyId, RefreshQueue.BALANCE, customers.notSeenBy(s, companyId,
                    customers.withAncestors(s, companyId, n.parentsOfSettledJobs()), runId));
            return new int[] {n.inserted(), n.updated(), n.unchanged()};
        }, customers::markUnseenDeleted);
    }

    /**
     * The moment before which QuickBooks' changes are certainly older than every read of this run: the run's start,
     * less the overlap the pulls allow for a clock between QuickBooks and the server that differs.
     */
    private Instant settledBefore(SqlSession s, long runId) {
        SyncRun run = s.getMapper(SyncMapper.class).findRun(runId);
        return run == null ? null : run.startedAt().minus(overlap);
    }

    PullStep.Writer<Invoice> invoiceWriter() {
        return PullStep.Writer.of((s, companyId, batch, runId, full) -> {
            InvoiceStore.Counts n = invoices(s, companyId, batch, full ? runId : null, false);
            return new int[] {n.inserted(), n.updated(), n.unchanged()};
        }, (s, companyId, runId) -> {
            List<String> owners = invoices.markUnseenDeleted(s, companyId, runId);
            balances(s, companyId, owners);
            return owners.size();
        });
    }

    PullStep.Writer<ReceivedPayment> paymentWriter() {
        return PullStep.Writer.of((s, companyId, batch, runId, full) -> {
            ReceivableStore.Counts n = receivables.upsertPayments(s, companyId, batch, full ? runId : null);
            moved(s, companyId, n.moved());
            return new int[] {n.inserted(), n.updated(), n.unchanged()};
        }, (s, companyId, runId) -> moved(s, companyId, receivables.markUnseenPaymentsDeleted(s, companyId, runId)));
    }

    PullStep.Writer<CreditMemo> creditMemoWriter() {
        return PullStep.Writer.of((s, companyId, batch, runId, full) -> {
            ReceivableStore.Counts n = receivables.upsertCreditMemos(s, companyId, batch, full ? runId : null);
            moved(s, companyId, n.moved());
            return new int[] {n.inserted(), n.updated(), n.unchanged()};
        }, (s, companyId, runId) -> moved(s, companyId,
                receivables.markUnseenCreditMemosDeleted(s, companyId, runId)));
    }

    /** Writes invoices (whole, even with an EditSequence stored already, when {@code force}); queues their customers. */
    InvoiceStore.Counts invoices(SqlSession s, long companyId, List<Invoice> batch, Long seen, boolean force) {
        InvoiceStore.Counts n = invoices.upsert(s, companyId, batch, seen, force);
        balances(s, companyId, n.customers());
        if (force) {
            paymentsDisagreeingWith(s, companyId, batch);
        }
        return n;
    }

    /**
     * Invoices just read again by TxnID against the payments stored as applied to them: a payment stored here that the
     * invoice does not show with that amount, or one the invoice shows that is not stored, is read again by TxnID (a
     * company file restored to an older copy takes back payments without a deletion record).
     */
    private void paymentsDisagreeingWith(SqlSession s, long companyId, List<Invoice> read) {
        Map<String, BigDecimal> shown = new HashMap<>();
        for (Invoice i : read) {
            for (LinkedTxn l : i.linkedTxns()) {
                if ("ReceivePayment".equals(l.txnType())) {
                    shown.merge(i.txnId() + "/" + l.txnId(), l.amount() == null ? BigDecimal.ZERO : l.amount().abs(),
                            BigDecimal::add);
                }
            }
        }
        Set<String> stale = new LinkedHashSet<>();
        Set<String> storedKeys = new HashSet<>();
        for (ReceivableMapper.Link a : receivables.paymentsAppliedTo(s, companyId,
                read.stream().map(Invoice::txnId).toList())) {
            String key = a.linkedTxnId() + "/" + a.txnId();
            storedKeys.add(key);
            BigDecimal amount = shown.get(key);
            if (amount == null || a.amount() == null || amount.compareTo(a.amount().abs()) != 0) {
                stale.add(a.txnId());
            }
        }
        shown.keySet().stream().filter(k -> !storedKeys.contains(k)).map(k -> k.substring(k.indexOf('/') + 1))
                .forEach(stale::add);
        refresh.queue(s, companyId, RefreshQueue.PAYMENT, stale);
    }

    /** Writes payments read again by TxnID (whole) and queues what they moved. */
    int payments(SqlSession s, long companyId, List<ReceivedPayment> read) {
        ReceivableStore.Counts n = receivables.upsertPayments(s, companyId, read, null);
        moved(s, companyId, n.moved());
        return n.inserted() + n.updated();
    }

    // ---- deletions --------------------------------------------------------------------------------------------

    boolean customerDeleted(SqlSession s, long companyId, String listId, Instant at) {
        return customers.markDeleted(s, companyId, listId, at).isPresent();
    }

    boolean invoiceDeleted(SqlSession s, long companyId, String txnId, Instant at) {
        Optional<String> customer = invoices.markDeleted(s, companyId, txnId, at);
        customer.filter(c -> !c.isEmpty()).ifPresent(c -> balances(s, companyId, List.of(c)));
        return customer.isPresent();
    }

    boolean paymentDeleted(SqlSession s, long companyId, String txnId, Instant at) {
        Optional<ReceivableStore.Moved> moved = receivables.markPaymentDeleted(s, companyId, txnId, at);
        moved.ifPresent(m -> moved(s, companyId, m));
        return moved.isPresent();
    }

    boolean creditMemoDeleted(SqlSession s, long companyId, String txnId, Instant at) {
        Optional<ReceivableStore.Moved> moved = receivables.markCreditMemoDeleted(s, companyId, txnId, at);
        moved.ifPresent(m -> moved(s, companyId, m));
        return moved.isPresent();
    }

    // ---- what moved -------------------------------------------------------------------------------------------

    /** Queues the customers, and every parent above them, to have their balances read again. */
    void balances(SqlSession s, long companyId, Collection<String> listIds) {
        if (!listIds.isEmpty()) {
            refresh.queue(s, companyId, RefreshQueue.BALANCE, customers.withAncestors(s, companyId, listIds));
        }
    }

    /**
     * Queues the balances a payment or credit memo moved, and the invoices it was applied to (or removed from) whose
     * stored links do not show it with that amount yet; returns how many records a deletion marked.
     */
    int moved(SqlSession s, long companyId, ReceivableStore.Moved moved) {
        balances(s, companyId, moved.customers());
        if (moved.invoices().isEmpty()) {
            return moved.removed();
        }
        Set<String> ids = new LinkedHashSet<>();
        moved.invoices().forEach(e -> ids.add(e.invoiceTxnId()));
        Map<String, BigDecimal> stored = new HashMap<>();
        for (InvoiceMapper.LinkAmount l : invoices.linkAmounts(s, companyId, ids)) {
            stored.merge(l.txnId() + "/" + l.linkedTxnId(), l.amount() == null ? BigDecimal.ZERO : l.amount().abs(),
                    BigDecimal::add);
        }
        Set<String> stale = new LinkedHashSet<>();
        for (ReceivableStore.Expected e : moved.invoices()) {
            BigDecimal shown = stored.get(e.invoiceTxnId() + "/" + e.byTxnId());
            boolean matches = e.amount() == null ? shown == null
                    : shown != null && shown.compareTo(e.amount()) == 0;
            if (!matches) {
                stale.add(e.invoiceTxnId());
            }
        }
        refresh.queue(s, companyId, RefreshQueue.INVOICE, stale);
        return moved.removed();
    }
}
