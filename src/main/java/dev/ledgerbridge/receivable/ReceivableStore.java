package dev.ledgerbridge.receivable;

import dev.ledgerbridge.db.Rows;
import dev.ledgerbridge.invoice.InvoiceMapper;
import dev.ledgerbridge.invoice.InvoiceStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.ibatis.session.SqlSession;

/**
 * Writes payments received and credit memos as QuickBooks sends them, each with what it was applied to, in the
 * caller's transaction (a BATCH session). A record whose TxnID and EditSequence are stored already is not written
 * again. Every write and deletion tells what it moved: the customers whose balance changed, and which invoice should
 * now show the payment or credit with which amount (or no longer show it), so the sync can read again the invoices
 * that do not.
 */
public final class ReceivableStore {
    private static final String INVOICE = "Invoice";
    private final Clock clock;

    public ReceivableStore(Clock clock) {
        this.clock = clock;
    }

    /** A payment or credit memo applied to an invoice for {@code amount}; a null amount: no longer applied to it. */
    public record Expected(String invoiceTxnId, String byTxnId, BigDecimal amount) {
    }

    /**
     * What writes or deletions moved: customers whose balance changed, how invoices should show them, and how many
     * records a deletion marked.
     */
    public record Moved(Set<String> customers, List<Expected> invoices, int removed) {
        static Moved none() {
            return new Moved(new LinkedHashSet<>(), new ArrayList<>(), 0);
        }
    }

    /** What one upsert did. */
    public record Counts(int inserted, int updated, int unchanged, Moved moved) {
    }

    // ---- received payments ------------------------------------------------------------------------------------

    public Counts upsertPayments(SqlSession session, long companyId, List<ReceivedPayment> payments, Long seenRunId) {
        ReceivableMapper m = session.getMapper(ReceivableMapper.class);
        return upsert(payments, ReceivedPayment::txnId, ReceivedPayment::editSequence, ReceivedPayment::customerListId,
                p -> p.applied().stream().map(a -> new ReceivableMapper.Link(p.txnId(), a.txnId(), a.txnType(),
                        a.amount())).toList(),
                ids -> m.paymentVersions(companyId, ids), ids -> m.paymentApplications(companyId, ids),
                (changed, rewritten) -> {
                    if (!rewritten.isEmpty()) {
                        m.deleteApplications(companyId, rewritten);
                    }
                    Instant now = clock.instant();
                    Map<String, Object> shared = Rows.shared("companyId", companyId, "runId", seenRunId, "now", now);
                    Rows.insert(session, ReceivableMapper.class, "upsertPayment", shared, "p", changed);
                    List<ReceivableMapper.ApplicationRow> applications = new ArrayList<>();
                    for (ReceivedPayment p : changed) {
                        int position = 0;
                        for (ReceivedPayment.Applied a : p.applied()) {
                            applications.add(new ReceivableMapper.ApplicationRow(p.txnId(), position++, a));
                        }
                    }
                    Rows.insert(session, ReceivableMapper.class, "insertApplication", shared, "r", applications);
                },
                unchanged -> {
                    if (seenRunId != null) {
                        m.markPaymentsSeen(companyId, unchanged, seenRunId);
                    }
                }, session);
    }

    /** Marks a payment QuickBooks deleted; what it moved when it was stored and not yet marked. */
    public Optional<Moved> markPaymentDeleted(SqlSession session, long companyId, String txnId, Instant deletedAt) {
        ReceivableMapper m = session.getMapper(ReceivableMapper.class);
        List<ReceivableMapper.Stored> stored = m.paymentVersions(companyId, List.of(txnId));
        if (stored.isEmpty() || stored.get(0).isDeleted()) {
            return Optional.empty();
        }
        m.markPaymentDeleted(companyId, txnId, deletedAt);
        return Optional.of(removed(stored, m.paymentApplications(companyId, List.of(txnId))));
    }

    /** After a full re-sync: marks every payment the run did not see as deleted; what that moved. */
    public Moved markUnseenPaymentsDeleted(SqlSession session, long companyId, long runId) {
        ReceivableMapper m = session.getMapper(ReceivableMapper.class);
        List<ReceivableMapper.Stored> unseen = m.unseenPayments(companyId, runId);
        if (unseen.isEmpty()) {
            return Moved.none();
        }
        Moved moved = removed(unseen, chunked(unseen, ids -> m.paymentApplications(companyId, ids)));
        m.markUnseenPaymentsDeleted(companyId, runId, clock.instant());
        return moved;
    }

    // ---- credit memos -----------------------------------------------------------------------------------------

    public Counts upsertCreditMemos(SqlSession session, long companyId, List<CreditMemo> memos, Long seenRunId) {
        ReceivableMapper m = session.getMapper(ReceivableMapper.class);
        return upsert(memos, CreditMemo::txnId, CreditMemo::editSequence, CreditMemo::customerListId,
                c -> c.linkedTxns().stream().map(l -> new ReceivableMapper.Link(c.txnId(), l.txnId(), l.txnType(),
                        l.amount())).toList(),
                ids -> m.creditMemoVersions(companyId, ids), ids -> m.creditMemoLinks(companyId, ids),
                (changed, rewritten) -> {
                    if (!rewritten.isEmpty()) {
                        m.deleteCreditMemoLines(companyId, rewritten);
                        m.deleteCreditMemoLinks(companyId, rewritten);
                    }
                    Instant now = clock.instant();
                    Map<String, Object> shared = Rows.shared("companyId", companyId, "runId", seenRunId, "now", now);
                    Rows.insert(session, ReceivableMapper.class, "upsertCreditMemo", shared, "c", changed);
                    List<InvoiceMapper.LineRow> lines = new ArrayList<>();
                    List<InvoiceMapper.LinkRow> links = new ArrayList<>();
                    for (CreditMemo c : changed) {
                        InvoiceStore.rows(c.txnId(), c.lines(), c.linkedTxns(), lines, links);
                    }
                    Rows.insert(session, ReceivableMapper.class, "insertCreditMemoLine", shared, "r", lines);
                    Rows.insert(session, ReceivableMapper.class, "insertCreditMemoLink", shared, "r", links);
                },
                unchanged -> {
                    if (seenRunId != null) {
                        m.markCreditMemosSeen(companyId, unchanged, seenRunId);
                    }
                }, session);
    }

    public Optional<Moved> markCreditMemoDeleted(SqlSession session, long companyId, String txnId, Instant deletedAt) {
        ReceivableMapper m = session.getMapper(ReceivableMapper.class);
        List<ReceivableMapper.Stored> stored = m.creditMemoVersions(companyId, List.of(txnId));
        if (stored.isEmpty() || stored.get(0).isDeleted()) {
            return Optional.empty();
        }
        m.markCreditMemoDeleted(companyId, txnId, deletedAt);
        return Optional.of(removed(stored, m.creditMemoLinks(companyId, List.of(txnId))));
    }

    public Moved markUnseenCreditMemosDeleted(SqlSession session, long companyId, long runId) {
        ReceivableMapper m = session.getMapper(ReceivableMapper.class);
        List<ReceivableMapper.Stored> unseen = m.unseenCreditMemos(companyId, runId);
        if (unseen.isEmpty()) {
            return Moved.none();
        }
        Moved moved = removed(unseen, chunked(unseen, ids -> m.creditMemoLinks(companyId, ids)));
        m.markUnseenCreditMemosDeleted(companyId, runId, clock.instant());
        return moved;
    }

    // ---- reading ----------------------------------------------------------------------------------------------

    /** A page of rows and the total. */
    public record Page<T>(long total, List<T> items) {
    }

    /** Payments of the company, or of one customer, newest first; deleted ones included (flagged). */
    public Page<ReceivableMapper.PaymentRow> payments(SqlSession session, long companyId, String customerListId,
                                                      int page, int size) {
        ReceivableMapper m = session.getMapper(ReceivableMapper.class);
        return new Page<>(m.countPayments(companyId, customerListId),
                m.payments(companyId, customerListId, (long) (page - 1) * size, size));
    }

    /** The invoices each of the given payments was applied to, by payment. */
    public Map<String, List<ReceivableMapper.Link>> applications(SqlSession session, long companyId,
                                                                 Collection<String> paymentTxnIds) {
        return paymentTxnIds.isEmpty() ? Map.of() : byTxn(session.getMapper(ReceivableMapper.class)
                .paymentApplications(companyId, paymentTxnIds));
    }

    /** What each of the given credit memos was applied to (invoices, refunds), by credit memo. */
    public Map<String, List<ReceivableMapper.Link>> creditMemoLinks(SqlSession session, long companyId,
                                                                    Collection<String> creditTxnIds) {
        return creditTxnIds.isEmpty() ? Map.of() : byTxn(session.getMapper(ReceivableMapper.class)
                .creditMemoLinks(companyId, creditTxnIds));
    }

    private static Map<String, List<ReceivableMapper.Link>> byTxn(List<ReceivableMapper.Link> links) {
        Map<String, List<ReceivableMapper.Link>> out = new LinkedHashMap<>();
        for (ReceivableMapper.Link l : links) {
            out.computeIfAbsent(l.txnId(), k -> new ArrayList<>()).add(l);
        }
        return out;
    }

    /** The live payments stored as applied to these invoices, with the amount applied. */
    public List<ReceivableMapper.Link> paymentsAppliedTo(SqlSession session, long companyId,
                                                         Collection<String> invoiceTxnIds) {
        return invoiceTxnIds.isEmpty() ? List.of()
                : session.getMapper(ReceivableMapper.class).paymentsAppliedTo(companyId, invoiceTxnIds);
    }

    /** Of these payments, those stored and not deleted. */
    public Set<String> livePayments(SqlSession session, long companyId, Collection<String> txnIds) {
        Set<String> live = new LinkedHashSet<>();
        if (!txnIds.isEmpty()) {
            session.getMapper(ReceivableMapper.class).paymentVersions(companyId, txnIds).stream()
                    .filter(v -> !v.isDeleted()).forEach(v -> live.add(v.txnId()));
        }
        return live;
    }

    public Page<ReceivableMapper.CreditMemoRow> creditMemos(SqlSession session, long companyId, String customerListId,
                                                            int page, int size) {
        ReceivableMapper m = session.getMapper(ReceivableMapper.class);
        return new Page<>(m.countCreditMemos(companyId, customerListId),
                m.creditMemos(companyId, customerListId, (long) (page - 1) * size, size));
    }

    /**
     * The customer's open credits, oldest first, with what is available of each (less what applications queued here
     * hold), locked until the session ends so two applications cannot take the same credit. Credit memos whose memo
     * starts with {@code refundMemoPrefix} (those recording refunds made here) are left out.
     */
    public List<ReceivableMapper.OpenCredit> openCredits(SqlSession session, long companyId, String customerListId,
                                                         String refundMemoPrefix) {
        return session.getMapper(ReceivableMapper.class).openCredits(companyId, customerListId, refundMemoPrefix);
    }

    /** Holds {@code amount} of a credit memo's credit for an invoice, for the application queued as {@code actionId}. */
    public void hold(SqlSession session, long companyId, long actionId, String customerListId, String creditTxnId,
                     String invoiceTxnId, BigDecimal amount) {
        session.getMapper(ReceivableMapper.class).insertHold(companyId, actionId, customerListId, creditTxnId,
                invoiceTxnId, amount, clock.instant());
    }

    // ---- shared -----------------------------------------------------------------------------------------------

    /** Splits an upsert into the records to write and the ones stored as they are; works out what the writes moved. */
    private <T> Counts upsert(List<T> records, Function<T, String> id, Function<T, String> editSequence,
                              Function<T, String> customer, Function<T, List<ReceivableMapper.Link>> links,
                              Function<Collection<String>, List<ReceivableMapper.Stored>> versions,
                              Function<Collection<String>, List<ReceivableMapper.Link>> storedLinks,
                              java.util.function.BiConsumer<List<T>, List<String>> write,
                              java.util.function.Consumer<List<String>> seen, SqlSession session) {
        Moved moved = Moved.none();
        if (records.isEmpty()) {
            return new Counts(0, 0, 0, moved);
        }
        Map<String, T> byId = new LinkedHashMap<>();
        records.forEach(r -> byId.put(id.apply(r), r));
        Map<String, ReceivableMapper.Stored> stored = new HashMap<>();
        versions.apply(byId.keySet()).forEach(v -> stored.put(v.txnId(), v));
        List<T> changed = new ArrayList<>();
        List<String> rewritten = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        int inserted = 0;
        for (T r : byId.values()) {
            ReceivableMapper.Stored v = stored.get(id.apply(r));
            if (v != null && !v.isDeleted() && Objects.equals(v.editSequence(), editSequence.apply(r))) {
                unchanged.add(id.apply(r));
                continue;
            }
            changed.add(r);
            moved.customers.add(customer.apply(r));
            if (v == null) {
                inserted++;
            } else {
                rewritten.add(id.apply(r));
                if (v.customerListId() != null) {
                    moved.customers.add(v.customerListId());
                }
            }
        }
        if (!changed.isEmpty()) {
            // what the stored ones were applied to: those invoices should no longer show them, unless applied again
            Map<String, Expected> expected = new LinkedHashMap<>();
            for (ReceivableMapper.Link old : rewritten.isEmpty() ? List.<ReceivableMapper.Link>of()
                    : storedLinks.apply(rewritten)) {
                if (INVOICE.equals(old.txnType())) {
                    expected.put(old.linkedTxnId() + "/" + old.txnId(), new Expected(old.linkedTxnId(), old.txnId(), null));
                }
            }
            for (T r : changed) {
                for (ReceivableMapper.Link l : links.apply(r)) {
                    if (l.txnType() == null || INVOICE.equals(l.txnType())) {
                        expected.put(l.linkedTxnId() + "/" + l.txnId(), new Expected(l.linkedTxnId(), l.txnId(),
                                l.amount() == null ? BigDecimal.ZERO : l.amount().abs()));
                    }
                }
            }
            moved.invoices.addAll(expected.values());
            write.accept(changed, rewritten);
        }
        if (!unchanged.isEmpty()) {
            seen.accept(unchanged);
        }
        session.flushStatements();
        moved.customers.remove(null);
        return new Counts(inserted, changed.size() - inserted, unchanged.size(), moved);
    }

    /** What removing these stored records moved: their customers, and the invoices they were applied to. */
    private static Moved removed(List<ReceivableMapper.Stored> stored, List<ReceivableMapper.Link> links) {
        Moved moved = new Moved(new LinkedHashSet<>(), new ArrayList<>(), stored.size());
        stored.forEach(s -> moved.customers.add(s.customerListId()));
        moved.customers.remove(null);
        for (ReceivableMapper.Link l : links) {
            if (INVOICE.equals(l.txnType())) {
                moved.invoices.add(new Expected(l.linkedTxnId(), l.txnId(), null));
            }
        }
        return moved;
    }

    private static List<ReceivableMapper.Link> chunked(List<ReceivableMapper.Stored> stored,
                                                       Function<Collection<String>, List<ReceivableMapper.Link>> read) {
        List<ReceivableMapper.Link> all = new ArrayList<>();
        for (int from = 0; from < stored.size(); from += 1000) {
            all.addAll(read.apply(stored.subList(from, Math.min(stored.size(), from + 1000)).stream()
                    .map(ReceivableMapper.Stored::txnId).toList()));
        }
        return all;
    }
}
