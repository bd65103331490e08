package dev.ledgerbridge.customer;

import dev.ledgerbridge.db.Rows;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;

/**
 * Writes customers as QuickBooks sends them. A customer whose ListID and EditSequence are already stored
 * is not written again (the overlap window of each pull re-reads recent changes), so repeating a page is
 * harmless; all writes of one call go to the server as one JDBC batch inside the caller's transaction.
 */
public final class CustomerStore {
    private final Clock clock;

    public CustomerStore(Clock clock) {
        this.clock = clock;
    }

    /**
     * What one {@link #upsert} did; {@code balances}: customers whose balance to read again at the end of the run,
     * the parents a job joined or left (their TotalBalance changed without their record changing; their ancestors
     * are added by {@link #withAncestors}).
     */
    public record Counts(int inserted, int updated, int unchanged, java.util.Set<String> balances,
                         java.util.Set<String> parentsOfSettledJobs) {
        public Counts(int inserted, int updated, int unchanged, java.util.Set<String> balances) {
            this(inserted, updated, unchanged, balances, java.util.Set.of());
        }
    }

    /**
     * Inserts new customers and updates changed ones in the session's transaction (a BATCH session); of a customer
     * whose EditSequence is stored already only the balances are written, when they moved (it counts as unchanged:
     * the record itself is as stored).
     * With {@code seenRunId} non-null, every customer is marked as seen by that run (the customer pull; a full re-sync
     * then marks what it did not see deleted).
     * The parents a job joined (new or moved) or left are returned to have their balances read again.
     */
    public Counts upsert(SqlSession session, long companyId, List<Customer> customers, Long seenRunId) {
        return upsert(session, companyId, customers, seenRunId, null);
    }

    /**
     * As {@link #upsert(SqlSession, long, List, Long)}; the parents of new jobs last changed before {@code settledBefore}
     * (in QuickBooks' clock) are returned apart, in {@link Counts#parentsOfSettledJobs}: a read of such a parent made
     * after that moment already counts the job in its TotalBalance.
     */
    public Counts upsert(SqlSession session, long companyId, List<Customer> customers, Long seenRunId,
                         Instant settledBefore) {
        if (customers.isEmpty()) {
            return new Counts(0, 0, 0, java.util.Set.of());
        }
        CustomerMapper m = session.getMapper(CustomerMapper.class);
        Map<String, Customer> byId = new LinkedHashMap<>();
        for (Customer c : customers) {
            byId.put(c.listId(), c); // a ListID twice in one batch: the later one wins
        }
        Map<String, CustomerMapper.StoredVersion> stored = new HashMap<>();
        for (CustomerMapper.StoredVersion v : m.versions(companyId, byId.keySet())) {
            stored.put(v.listId(), v);
        }
        Instant now = clock.instant();
        int inserted = 0;
        int updated = 0;
        List<String> unchanged = new ArrayList<>();
        java.util.Set<String> refresh = new java.util.LinkedHashSet<>();
        java.util.Set<String> settledJobsParents = new java.util.LinkedHashSet<>();
        List<Customer> write = new ArrayList<>();
        List<Runnable> renames = new ArrayList<>();
        for (Customer c : byId.values()) {
            CustomerMapper.StoredVersion v = stored.get(c.listId());
            if (v != null && !v.isDeleted() && v.editSequence().equals(c.editSequence())) {
                // QuickBooks moves a customer's balance without a new EditSequence: the record is as stored, but
                // the balance it carries is as of this read, so it is kept
                if (balanceMoved(v, c)) {
                    m.updateBalance(companyId, c.listId(), c.balance(), c.totalBalance());
                }
                unchanged.add(c.listId());
                continue;
            }
            write.add(c);
            if (v == null) {
                inserted++;
                // a new job: its parents' TotalBalance counts it
                if (settledBefore != null && c.timeModified() != null
                        && c.timeModified().toInstant().isBefore(settledBefore)) {
                    settledJobsParents.add(c.parentListId());
                } else {
                    refresh.add(c.parentListId());
                }
            } else {
                updated++;
                if (!java.util.Objects.equals(v.parentListId(), c.parentListId())) {
                    refresh.add(v.parentListId());
                    refresh.add(c.parentListId());
                }
                if (v.fullName() != null && c.fullName() != null && !v.isDeleted()
                        && !v.fullName().equals(c.fullName())) {
                    // renamed or moved: its jobs' full names change too, whether or not QuickBooks stamps them
                    renames.add(() -> m.renameDescendants(companyId, v.fullName(), c.fullName(),
                            c.sublevel() - v.sublevel()));
                }
            }
        }
        // the stored jobs of a renamed customer take its new name first: a customer of this page that now bears the old
        // name, and its jobs, are written after and keep theirs
        renames.forEach(Runnable::run);
        Rows.insert(session, CustomerMapper.class, "upsert", Rows.shared("companyId", companyId, "runId", seenRunId,
                "now", now), "c", write);
        if (seenRunId != null && !unchanged.isEmpty()) {
            m.markSeen(companyId, unchanged, seenRunId);
        }
        session.flushStatements();
        // A job moved to another parent takes its balance along: the old parent's TotalBalance changed without its
        // record changing (the new parent is an ancestor of the job, returned by the same pull or read again).
        refresh.remove(null);
        settledJobsParents.remove(null);
        settledJobsParents.removeAll(refresh);
        return new Counts(inserted, updated, unchanged.size(), refresh, settledJobsParents);
    }

    /**
     * Marks a customer QuickBooks deleted; returns its ListID when it was stored and not yet marked. (The stored
     * row is read first: in a BATCH session an UPDATE does not return how many rows it changed.)
     */
    public Optional<String> markDeleted(SqlSession session, long companyId, String listId, Instant deletedAt) {
        CustomerMapper m = session.getMapper(CustomerMapper.class);
        List<CustomerMapper.StoredVersion> stored = m.versions(companyId, List.of(listId));
        if (stored.isEmpty() || stored.get(0).isDeleted()) {
            return Optional.empty();
        }
        m.markDeleted(companyId, listId, deletedAt);
        return Optional.of(listId);
    }

    /**
     * After a run read every customer QuickBooks has (a full re-sync, a verification): marks every customer it did not
     * see as deleted; returns how many.
     */
    public int markUnseenDeleted(SqlSession session, long companyId, long runId) {
        CustomerMapper m = session.getMapper(CustomerMapper.class);
        int unseen = m.countUnseen(companyId, runId);
        if (unseen > 0) {
            m.markUnseenDeleted(companyId, runId, clock.instant());
        }
        return unseen;
    }

    /**
     * Of these customers, those stored, with every parent above them (whose TotalBalance includes their jobs). A
     * customer not stored yet needs no balance read: the customer pull brings it with its balances.
     */
    public java.util.Set<String> withAncestors(SqlSession session, long companyId, java.util.Collection<String> listIds) {
        CustomerMapper m = session.getMapper(CustomerMapper.class);
        java.util.Set<String> all = new java.util.LinkedHashSet<>();
        java.util.Set<String> level = new java.util.LinkedHashSet<>();
        for (String id : listIds) {
            if (id != null && !id.isEmpty()) {
                level.add(id);
            }
        }
        while (!level.isEmpty()) {
            java.util.Set<String> next = new java.util.LinkedHashSet<>();
            for (CustomerMapper.ParentLink p : m.parents(companyId, level)) {
                all.add(p.listId());
                if (p.parentListId() != null && !all.contains(p.parentListId())) {
                    next.add(p.parentListId());
                }
            }
            next.removeAll(all);
            level = next;
        }
        return all;
    }

    /**
     * Stores balances read from QuickBooks where they differ from the stored ones; returns how many changed. A
     * customer not stored, or a Ret without balances, is passed over.
     */
    public int updateBalances(SqlSession session, long companyId, List<Customer> balances) {
        if (balances.isEmpty()) {
            return 0;
        }
        CustomerMapper m = session.getMapper(CustomerMapper.class);
        Map<String, CustomerMapper.StoredVersion> stored = new HashMap<>();
        List<String> ids = balances.stream().map(Customer::listId).distinct().toList();
        for (int from = 0; from < ids.size(); from += 1000) {
            for (CustomerMapper.StoredVersion v : m.versions(companyId, ids.subList(from, Math.min(ids.size(), from + 1000)))) {
                stored.put(v.listId(), v);
            }
        }
        int changed = 0;
        for (Customer c : balances) {
            CustomerMapper.StoredVersion v = stored.get(c.listId());
            if (v != null && balanceMoved(v, c)) {
                m.updateBalance(companyId, c.listId(), c.balance(), c.totalBalance());
                changed++;
            }
        }
        return changed;
    }

    /** Whether a Ret carries balances that differ from the stored ones. */
    private static boolean balanceMoved(CustomerMapper.StoredVersion v, Customer c) {
        return c.balance() != null && c.totalBalance() != null
                && (v.balance() == null || v.totalBalance() == null || v.balance().compareTo(c.balance()) != 0
                || v.totalBalance().compareTo(c.totalBalance()) != 0);
    }

    /** What is stored of these customers (a customer not stored is absent), by ListID. */
    public Map<String, CustomerMapper.StoredVersion> versions(SqlSession session, long companyId,
                                                             java.util.Collection<String> listIds) {
        Map<String, CustomerMapper.StoredVersion> out = new HashMap<>();
        if (!listIds.isEmpty()) {
            session.getMapper(CustomerMapper.class).versions(companyId, listIds).forEach(v -> out.put(v.listId(), v));
        }
        return out;
    }

    /** Notes that run {@code runId} found these customers in QuickBooks (see {@link #markUnseenDeleted}). */
    public void markSeen(SqlSession session, long companyId, java.util.Collection<String> listIds, long runId) {
        if (!listIds.isEmpty()) {
            session.getMapper(CustomerMapper.class).markSeen(companyId, listIds, runId);
        }
    }

    /** Of these customers, those run {@code runId} has not read (marked seen) yet. */
    public java.util.Set<String> notSeenBy(SqlSession session, long companyId, java.util.Collection<String> listIds,
                                           long runId) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>(listIds);
        for (CustomerMapper.StoredVersion v : versions(session, companyId, listIds).values()) {
            if (v.seenRunId() != null && v.seenRunId() == runId) {
                out.remove(v.listId());
            }
        }
        return out;
    }

    /** Of these customers, those stored and not deleted. */
    public java.util.Set<String> live(SqlSession session, long companyId, java.util.Collection<String> listIds) {
        java.util.Set<String> live = new java.util.HashSet<>();
        if (!listIds.isEmpty()) {
            for (CustomerMapper.StoredVersion v : session.getMapper(CustomerMapper.class).versions(companyId, listIds)) {
                if (!v.isDeleted()) {
                    live.add(v.listId());
                }
            }
        }
        return live;
    }

    /** One page of the customer list and the total matching. */
    public record Page(long total, List<CustomerRow> items) {
    }

    /**
     * A page of the list. A search first reads up to {@value #FEW_MATCHES} matching keys from the search index: when
     * that is all of them, the page is sorted from those rows alone; when there are more, matches are common enough
     * that walking the sort column's index finds a page quickly.
     */
    public Page search(SqlSession session, long companyId, CustomerQuery q) {
        CustomerMapper m = session.getMapper(CustomerMapper.class);
        String like = q.likeText();
        if (like != null) {
            List<String> ids = m.searchIds(companyId, q, like, FEW_MATCHES + 1);
            if (ids.size() <= FEW_MATCHES) {
                return new Page(ids.size(), ids.isEmpty() || q.offset() >= ids.size() ? List.of()
                        : m.searchAmong(companyId, q, ids, q.offset(), q.size()));
            }
        }
        return new Page(m.count(companyId, q, like), m.search(companyId, q, like, q.offset(), q.size()));
    }

    /** Up to this many matches, a search sorts its matching rows instead of walking a sort index. */
    static final int FEW_MATCHES = 2000;

    public Optional<CustomerRow> find(SqlSession session, long companyId, String listId) {
        return Optional.ofNullable(session.getMapper(CustomerMapper.class).find(companyId, listId));
    }

    // ---- Ledgerbridge's own settings of a customer ------------------------------------------------------------

    public CustomerSettings settings(SqlSession session, long companyId, String listId) {
        CustomerSettingMapper.Row r = session.getMapper(CustomerSettingMapper.class).find(companyId, listId);
        if (r == null) {
            return CustomerSettings.NONE;
        }
        List<String> emails = r.extraEmails() == null || r.extraEmails().isBlank() ? List.of()
                : List.of(r.extraEmails().split("\n"));
        return new CustomerSettings(emails, r.notes(), r.updatedAt(), r.updatedBy());
    }

    /** Saves the extra emails and notes (in the caller's transaction). */
    public void saveSettings(SqlSession session, long companyId, String listId, List<String> extraEmails, String notes,
                             String by) {
        session.getMapper(CustomerSettingMapper.class).save(companyId, listId,
                extraEmails.isEmpty() ? null : String.join("\n", extraEmails), notes, clock.instant(), by);
    }

    /**
     * Turns the customer's auto processing on or off; false when there is no such customer. Turning it on records
     * when, so invoices already due by then are not charged by surprise (see autopay).
     */
    public boolean setAutoProcessing(SqlSession session, long companyId, String listId, boolean on) {
        return session.getMapper(CustomerSettingMapper.class).setAutoProcessing(companyId, listId, on, clock.instant())
                > 0;
    }

    /** When a sync last wrote a customer of the company; empty before the first. */
    public Optional<Instant> lastChange(SqlSession session, long companyId) {
        return Optional.ofNullable(session.getMapper(CustomerMapper.class).lastChange(companyId));
    }
}
