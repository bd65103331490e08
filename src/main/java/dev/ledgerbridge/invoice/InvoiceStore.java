package dev.ledgerbridge.invoice;

import dev.ledgerbridge.db.Rows;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;

/**
 * Writes invoices as QuickBooks sends them, header, lines (document order, groups with their nested lines) and
 * linked payments together. An invoice whose TxnID and EditSequence are already stored is not written again, unless
 * the amounts paid on it moved.
 * An invoice may name a customer not stored yet: it is kept, and joins its customer when that arrives.
 */
public final class InvoiceStore {
    private final Clock clock;

    public InvoiceStore(Clock clock) {
        this.clock = clock;
    }

    /**
     * What one {@link #upsert} did; {@code customers} are those whose balance the changed invoices moved (the
     * invoice's customer, and its former customer when it changed).
     */
    public record Counts(int inserted, int updated, int unchanged, java.util.Set<String> customers) {
    }

    public Counts upsert(SqlSession session, long companyId, List<Invoice> invoices, Long seenRunId) {
        return upsert(session, companyId, invoices, seenRunId, false);
    }

    /**
     * As {@link #upsert(SqlSession, long, List, Long)}; with {@code force}, invoices are written whole even when their
     * EditSequence is stored already (an invoice read again because a payment or credit memo was applied to it).
     */
    public Counts upsert(SqlSession session, long companyId, List<Invoice> invoices, Long seenRunId, boolean force) {
        if (invoices.isEmpty()) {
            return new Counts(0, 0, 0, java.util.Set.of());
        }
        InvoiceMapper m = session.getMapper(InvoiceMapper.class);
        Map<String, Invoice> byId = new LinkedHashMap<>();
        for (Invoice i : invoices) {
            byId.put(i.txnId(), i);
        }
        Map<String, InvoiceMapper.StoredVersion> stored = new HashMap<>();
        for (InvoiceMapper.StoredVersion v : m.versions(companyId, byId.keySet())) {
            stored.put(v.txnId(), v);
        }
        List<Invoice> changed = new ArrayList<>();
        List<String> rewritten = new ArrayList<>();
        java.util.Set<String> customers = new java.util.LinkedHashSet<>();
        List<String> unchanged = new ArrayList<>();
        int inserted = 0;
        for (Invoice i : byId.values()) {
            InvoiceMapper.StoredVersion v = stored.get(i.txnId());
            if (!force && v != null && !v.isDeleted() && v.editSequence().equals(i.editSequence())
                    && !paymentsMoved(v, i)) {
                unchanged.add(i.txnId());
            } else {
                changed.add(i);
                customers.add(i.customerListId());
                if (v == null) {
                    inserted++;
                } else {
                    rewritten.add(i.txnId());
                    if (v.customerListId() != null) {
                        customers.add(v.customerListId());
                    }
                }
            }
        }
        Instant now = clock.instant();
        if (!changed.isEmpty()) {
            // the lines and links of invoices stored before go; an invoice new here has none
            if (!rewritten.isEmpty()) {
                m.deleteLines(companyId, rewritten);
                m.deleteLinks(companyId, rewritten);
            }
            Map<String, Object> shared = Rows.shared("companyId", companyId, "runId", seenRunId, "now", now);
            Rows.insert(session, InvoiceMapper.class, "upsert", shared, "i", changed);
            List<InvoiceMapper.LineRow> lines = new ArrayList<>();
            List<InvoiceMapper.LinkRow> links = new ArrayList<>();
            for (Invoice i : changed) {
                rows(i.txnId(), i.lines(), i.linkedTxns(), lines, links);
            }
            Rows.insert(session, InvoiceMapper.class, "insertLine", shared, "r", lines);
            Rows.insert(session, InvoiceMapper.class, "insertLink", shared, "r", links);
        }
        if (seenRunId != null && !unchanged.isEmpty()) {
            m.markSeen(companyId, unchanged, seenRunId);
        }
        session.flushStatements();
        customers.remove(null);
        return new Counts(inserted, changed.size() - inserted, unchanged.size(), customers);
    }

    /**
     * Adds a transaction's lines and links (an invoice's, a credit memo's) to the rows to write, each link with its
     * position.
     */
    public static void rows(String txnId, List<InvoiceLine> lines, List<LinkedTxn> links,
                            List<InvoiceMapper.LineRow> lineRows, List<InvoiceMapper.LinkRow> linkRows) {
        for (InvoiceLine l : lines) {
            lineRows.add(new InvoiceMapper.LineRow(txnId, l));
        }
        int position = 0;
        for (LinkedTxn l : links) {
            linkRows.add(new InvoiceMapper.LinkRow(txnId, position++, l));
        }
    }

    /**
     * Whether the payments applied to an invoice moved without a new EditSequence (nothing confirms that QuickBooks
     * stamps an invoice when a payment is applied to it or deleted): the invoice is then written again, its links with
     * it, and its customer's balance read again.
     */
    private static boolean paymentsMoved(InvoiceMapper.StoredVersion v, Invoice i) {
        return differ(v.appliedAmount(), i.appliedAmount()) || differ(v.balanceRemaining(), i.balanceRemaining())
                || v.isPaid() == null || v.isPaid() != i.paid();
    }

    private static boolean differ(java.math.BigDecimal stored, java.math.BigDecimal read) {
        return stored == null ? read != null : read == null || stored.compareTo(read) != 0;
    }

    /**
     * Marks an invoice QuickBooks deleted; returns its customer ("" when it has none) when it was stored and not
     * yet marked. (The stored row is read first: in a BATCH session an UPDATE does not return how many rows it
     * changed.)
     */
    public java.util.Optional<String> markDeleted(SqlSession session, long companyId, String txnId, Instant deletedAt) {
        InvoiceMapper m = session.getMapper(InvoiceMapper.class);
        List<InvoiceMapper.StoredVersion> stored = m.versions(companyId, List.of(txnId));
        if (stored.isEmpty() || stored.get(0).isDeleted()) {
            return java.util.Optional.empty();
        }
        m.markDeleted(companyId, txnId, deletedAt);
        return java.util.Optional.of(java.util.Objects.requireNonNullElse(stored.get(0).customerListId(), ""));
    }

    /**
     * After a full re-sync: marks every invoice the run did not see as deleted; returns the customer of each
     * (null where none), whose balance no longer counts it.
     */
    public List<String> markUnseenDeleted(SqlSession session, long companyId, long runId) {
        InvoiceMapper m = session.getMapper(InvoiceMapper.class);
        List<String> customers = new ArrayList<>();
        for (InvoiceMapper.StoredVersion v : m.unseen(companyId, runId)) {
            customers.add(v.customerListId());
        }
        if (!customers.isEmpty()) {
            m.markUnseenDeleted(companyId, runId, clock.instant());
        }
        return customers;
    }

    /** The amounts of the payments and credits linked to these invoices, as stored. */
    public List<InvoiceMapper.LinkAmount> linkAmounts(SqlSession session, long companyId, Collection<String> txnIds) {
        List<InvoiceMapper.LinkAmount> out = new ArrayList<>();
        List<String> ids = List.copyOf(txnIds);
        InvoiceMapper m = session.getMapper(InvoiceMapper.class);
        for (int from = 0; from < ids.size(); from += 1000) {
            out.addAll(m.linkAmounts(companyId, ids.subList(from, Math.min(ids.size(), from + 1000))));
        }
        return out;
    }

    /** What is stored of these invoices (an invoice not stored is absent), by TxnID. */
    public Map<String, InvoiceMapper.StoredVersion> versions(SqlSession session, long companyId,
                                                            Collection<String> txnIds) {
        Map<String, InvoiceMapper.StoredVersion> out = new HashMap<>();
        if (!txnIds.isEmpty()) {
            session.getMapper(InvoiceMapper.class).versions(companyId, txnIds).forEach(v -> out.put(v.txnId(), v));
        }
        return out;
    }

    /** Notes that run {@code runId} found these invoices open in QuickBooks (see {@link #openUnseen}). */
    public void markSeen(SqlSession session, long companyId, Collection<String> txnIds, long runId) {
        if (!txnIds.isEmpty()) {
            session.getMapper(InvoiceMapper.class).markSeen(companyId, txnIds, runId);
        }
    }

    /** Invoices open here that run {@code runId} did not find open in QuickBooks. */
    public List<String> openUnseen(SqlSession session, long companyId, long runId) {
        return session.getMapper(InvoiceMapper.class).openUnseen(companyId, runId);
    }

    /** Of these invoices, those stored and not deleted. */
    public java.util.Set<String> live(SqlSession session, long companyId, Collection<String> txnIds) {
        java.util.Set<String> live = new java.util.HashSet<>();
        if (!txnIds.isEmpty()) {
            for (InvoiceMapper.StoredVersion v : session.getMapper(InvoiceMapper.class).versions(companyId, txnIds)) {
                if (!v.isDeleted()) {
                    live.add(v.txnId());
                }
            }
        }
        return live;
    }

    /** An invoice with its lines and links, for reading. */
    public record Full(InvoiceRow invoice, List<InvoiceLineRow> lines, List<LinkedTxnRow> links) {
    }

    /** A page of invoices (newest first), optionally of one customer, and the total. */
    public record Page(long total, List<Full> items) {
    }

    public Page page(SqlSession session, long companyId, String customerListId, int page, int size) {
        InvoiceMapper m = session.getMapper(InvoiceMapper.class);
        long total = m.count(companyId, customerListId);
        List<InvoiceRow> rows = m.page(companyId, customerListId, (long) (page - 1) * size, size);
        return new Page(total, withDetails(m, companyId, rows));
    }

    private static List<Full> withDetails(InvoiceMapper m, long companyId, List<InvoiceRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Collection<String> ids = rows.stream().map(InvoiceRow::txnId).toList();
        Map<String, List<InvoiceLineRow>> lines = new HashMap<>();
        for (InvoiceLineRow l : m.lines(companyId, ids)) {
            lines.computeIfAbsent(l.txnId(), k -> new ArrayList<>()).add(l);
        }
        Map<String, List<LinkedTxnRow>> links = new HashMap<>();
        for (LinkedTxnRow l : m.links(companyId, ids)) {
            links.computeIfAbsent(l.txnId(), k -> new ArrayList<>()).add(l);
        }
        List<Full> out = new ArrayList<>();
        for (InvoiceRow r : rows) {
            out.add(new Full(r, lines.getOrDefault(r.txnId(), List.of()), links.getOrDefault(r.txnId(), List.of())));
        }
        return out;
    }
}
