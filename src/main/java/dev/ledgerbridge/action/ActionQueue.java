package dev.ledgerbridge.action;

import static dev.ledgerbridge.action.ActionText.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.ledgerbridge.db.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.ibatis.session.SqlSession;

/**
 * The action queue: bulk actions chosen on the Customers page and write-backs to QuickBooks. Each request is stored
 * with an idempotency key (a repeated request with the same key returns the first) and a state: queued, then sent
 * (a request went to QuickBooks and its answer is not stored yet), then done, failed or cancelled.
 *
 * <p>Local bulk actions (auto processing on or off, card-information requests) run at once, when they are asked
 * for, and keep what happened per customer ({@link BulkRunner} carries them out). QuickBooks actions (payment posts,
 * email write-backs, re-syncs of chosen customers) wait for the next Web Connector run, which takes them through
 * {@link QuickBooksWork}; an action found in state sent at the start of a run is checked in QuickBooks before it is
 * ever sent again. Here: asking, reading, and what staff do in the queue browser.
 */
public final class ActionQueue {
    public static final String QUEUED = "queued";
    public static final String SENT = "sent";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";
    public static final List<String> STATES = List.of(QUEUED, SENT, DONE, FAILED, CANCELLED);

    public static final String SEND_CARD_REQUEST = "send-card-request";
    public static final String ENABLE_AUTO_PROCESSING = "enable-auto-processing";
    public static final String DISABLE_AUTO_PROCESSING = "disable-auto-processing";
    public static final String RESYNC_CUSTOMERS = "resync-customers";
    public static final String UPDATE_EMAIL = "update-email";
    public static final String POST_PAYMENT = "post-payment";
    public static final String APPLY_CREDIT = "apply-credit";
    public static final String POST_REFUND = "post-refund";
    /** What staff can ask for many customers at once, with the words the pages use. */
    public static final Map<String, String> BULK_KINDS = Map.of(
            SEND_CARD_REQUEST, "Send a card-information request",
            ENABLE_AUTO_PROCESSING, "Enable auto processing",
            DISABLE_AUTO_PROCESSING, "Disable auto processing",
            RESYNC_CUSTOMERS, "Re-sync from QuickBooks");
    /** Every kind, with the words the queue browser uses. */
    public static final Map<String, String> KINDS = Map.of(
            SEND_CARD_REQUEST, "Card-information request",
            ENABLE_AUTO_PROCESSING, "Enable auto processing",
            DISABLE_AUTO_PROCESSING, "Disable auto processing",
            RESYNC_CUSTOMERS, "Re-sync from QuickBooks",
            UPDATE_EMAIL, "Email to QuickBooks",
            POST_PAYMENT, "Payment to QuickBooks",
            APPLY_CREDIT, "Credit applied in QuickBooks",
            POST_REFUND, "Refund to QuickBooks");
    /** Kinds written to QuickBooks one request per action (a refund: two, one after the other). */
    public static final List<String> WRITE_KINDS = List.of(POST_PAYMENT, UPDATE_EMAIL, APPLY_CREDIT, POST_REFUND);
    /** The stages of a refund post: its credit memo first, then the card refund out of it. */
    public static final String REFUND_STAGE_CREDIT = "credit-memo";
    public static final String REFUND_STAGE_REFUND = "refund";
    /** How the memo of a refund's credit memo (and of the refund) starts in QuickBooks: such credit is never applied. */
    public static final String REFUND_MEMO_PREFIX = "Ledgerbridge refund ";
    /** Customers one request may name. */
    public static final int MAX_CUSTOMERS = 10_000;
    /** Largest request or response text kept per attempt. */
    public static final int MAX_XML_KEPT = 65_536;

    private final Database db;
    private final Clock clock;
    private final BulkRunner bulk;

    public ActionQueue(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.bulk = new BulkRunner(db, clock);
    }

    /** Sets the work of a local bulk action done elsewhere (e.g. {@link #SEND_CARD_REQUEST} by the payment package). */
    public void register(String kind, CustomerAction action) {
        bulk.register(kind, action);
    }

    // ---- asking ------------------------------------------------------------------------------------------------

    /**
     * Queues a bulk action for the given customers; a local one is carried out before this returns. Throws
     * IllegalArgumentException for an unknown kind, no customers or too many; a key already used returns the request
     * stored under it, without doing anything again.
     */
    public ActionRequest enqueue(long companyId, String kind, List<String> listIds, String idempotencyKey,
                                 String requestedBy) {
        if (!BULK_KINDS.containsKey(kind)) {
            throw new IllegalArgumentException("unknown action '" + kind + "' (use one of "
                    + String.join(", ", BULK_KINDS.keySet().stream().sorted().toList()) + ")");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : listIds) {
            if (id != null && !id.isBlank()) {
                if (id.trim().length() > 36) {
                    throw new IllegalArgumentException("'" + id + "' is not a customer's ListID");
                }
                ids.add(id.trim());
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("select at least one customer");
        }
        if (ids.size() > MAX_CUSTOMERS) {
            throw new IllegalArgumentException("at most " + MAX_CUSTOMERS + " customers per request");
        }
        ActionRequest a;
        try (SqlSession s = db.session()) {
            ActionRequest earlier = idempotencyKey == null ? null
                    : s.getMapper(ActionMapper.class).findByKey(checkKey(idempotencyKey));
            if (earlier != null) {
                return sameRequest(s, earlier, companyId, kind, ids); // asked before: nothing is done again
            }
            try {
                a = insert(s, companyId, kind, "customers", null, ids, null, idempotencyKey, requestedBy);
                s.commit();
            } catch (org.apache.ibatis.exceptions.PersistenceException e) {
                // the same key asked at the same moment by another request: the unique key let one in
                s.rollback();
                ActionRequest first = idempotencyKey == null ? null
                        : s.getMapper(ActionMapper.class).findByKey(idempotencyKey);
                if (first == null) {
                    throw e;
                }
                return sameRequest(s, first, companyId, kind, ids);
            }
        }
        if (RESYNC_CUSTOMERS.equals(kind)) {
            bulk.queueRefresh(a, ids);
        } else {
            bulk.runLocal(a, ids);
        }
        return find(a.id()).orElseThrow();
    }

    /**
     * The request stored under a repeated idempotency key, when it is the one asked now: same company, kind and
     * customers. A key reused for another request is refused rather than answered with a request that was not asked
     * (staff would be told an action ran that never did, or be shown another company's request).
     */
    private static ActionRequest sameRequest(SqlSession s, ActionRequest earlier, long companyId, String kind,
                                             Set<String> ids) {
        String stored = earlier.companyId() == companyId && kind.equals(earlier.kind())
                ? s.getMapper(ActionMapper.class).customersOf(earlier.id()) : null;
        if (stored == null || !new HashSet<>(List.of(stored.split("\n"))).equals(ids)) {
            throw new IllegalArgumentException("the idempotency key was already used for a different request;"
                    + " send a new key for a new request");
        }
        return earlier;
    }

    /**
     * Queues the write-back of a customer's new primary email to QuickBooks; the latest edit replaces an earlier one
     * still waiting. Runs in the caller's transaction. The email stored now is kept as the base: if QuickBooks
     * changed the email meanwhile too, the write-back stops as a conflict for staff to resolve.
     */
    public ActionRequest queueEmailWriteback(SqlSession s, long companyId, String listId, String email,
                                             String requestedBy) {
        ActionMapper m = s.getMapper(ActionMapper.class);
        List<ActionMapper.CustomerState> stored = m.customers(companyId, List.of(listId));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("email", email);
        payload.put("baseEmail", stored.isEmpty() ? null : stored.get(0).email());
        PendingEmail earlier = m.pendingEmail(companyId, listId);
        if (earlier != null && QUEUED.equals(earlier.state())) {
            m.update(earlier.actionId(), CANCELLED, null, "Replaced by a later edit of the email.", null, null, true,
                    clock.instant());
        }
        ActionRequest a = insert(s, companyId, UPDATE_EMAIL, "customer", listId, Set.of(listId), payload, null,
                requestedBy);
        m.upsertEmail(companyId, listId, email, a.id(), clock.instant());
        return a;
    }

    /**
     * Queues an approved payment for posting to QuickBooks, in the caller's transaction (the one that records the
     * payment), so a payment is never stored without its post nor posted without being stored. The post's key is the
     * action's idempotency key: queueing the same payment twice returns the first action.
     */
    public ActionRequest queuePaymentPost(SqlSession s, PaymentPost post) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("paymentId", post.paymentId());
        payload.put("customerListId", post.customerListId());
        payload.put("amount", post.amount().toPlainString());
        payload.put("txnDate", post.txnDate().toString());
        payload.put("paymentMethodName", post.paymentMethodName());
        payload.put("depositAccountName", post.depositAccountName());
        payload.put("refNumber", post.refNumber());
        if (post.exchangeRate() != null) {
            payload.put("exchangeRate", post.exchangeRate().toPlainString());
        }
        payload.put("applied", post.applied().stream()
                .map(a -> Map.of("txnId", a.invoiceTxnId(), "amount", a.amount().toPlainString())).toList());
        ActionRequest earlier = s.getMapper(ActionMapper.class).findByKey(checkKey(post.idempotencyKey()));
        if (earlier != null) {
            return earlier;
        }
        return insert(s, post.companyId(), POST_PAYMENT, "payment", Long.toString(post.paymentId()),
                Set.of(post.customerListId()), payload, post.idempotencyKey(), post.requestedBy());
    }

    /**
     * Queues credits to apply in QuickBooks, in the caller's transaction (the one that holds the credits here, so they
     * are never applied twice locally). The same key again returns the first action.
     */
    public ActionRequest queueCreditApplication(SqlSession s, CreditApplication app) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("customerListId", app.customerListId());
        payload.put("txnDate", app.txnDate().toString());
        payload.put("credits", app.uses().stream().map(u -> Map.of("creditTxnId", u.creditTxnId(), "invoiceTxnId",
                u.invoiceTxnId(), "amount", u.amount().toPlainString())).toList());
        return insert(s, app.companyId(), APPLY_CREDIT, "customer", app.customerListId(),
                Set.of(app.customerListId()), payload, app.idempotencyKey(), app.requestedBy());
    }

    /**
     * Queues a refund made here for recording in QuickBooks, in the caller's transaction (the one that records the
     * approved refund). The same key again returns the first action.
     */
    public ActionRequest queueRefundPost(SqlSession s, RefundPost post) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("paymentId", post.refundId());
        payload.put("refundOf", post.refundOf());
        payload.put("customerListId", post.customerListId());
        payload.put("amount", post.amount().toPlainString());
        payload.put("txnDate", post.txnDate().toString());
        payload.put("itemName", post.itemName());
        payload.put("refundFromAccount", post.refundFromAccount());
        payload.put("paymentMethodName", post.paymentMethodName());
        payload.put("description", post.description());
        payload.put("stage", REFUND_STAGE_CREDIT);
        return insert(s, post.companyId(), POST_REFUND, "payment", Long.toString(post.refundId()),
                Set.of(post.customerListId()), payload, post.idempotencyKey(), post.requestedBy());
    }

    /** The action stored under an idempotency key, if any. */
    public Optional<ActionRequest> byKey(SqlSession s, String idempotencyKey) {
        return Optional.ofNullable(s.getMapper(ActionMapper.class).findByKey(checkKey(idempotencyKey)));
    }

    /** The state of each of the given actions (queued, sent, done, failed, cancelled), by id; unknown ids are absent. */
    public Map<Long, String> states(SqlSession s, Collection<Long> actionIds) {
        Map<Long, String> states = new HashMap<>();
        if (!actionIds.isEmpty()) {
            for (ActionRequest a : s.getMapper(ActionMapper.class).findAll(actionIds)) {
                states.put(a.id(), a.state());
            }
        }
        return states;
    }

    public Optional<PendingEmail> pendingEmail(SqlSession s, long companyId, String listId) {
        return Optional.ofNullable(s.getMapper(ActionMapper.class).pendingEmail(companyId, listId));
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    /** The newest requests of a company, optionally in one state. */
    public List<ActionRequest> list(long companyId, String state, int limit) {
        return db.transaction(s -> {
            return s.getMapper(ActionMapper.class).list(companyId, state, limit);
        });
    }

    /** The queue browser's list: newest first; state, kind and customer (a ListID) optional (null = any). */
    public List<ActionRequest> browse(long companyId, String state, String kind, String customer,
                                      boolean withDismissed, int limit) {
        return db.transaction(s -> {
            return s.getMapper(ActionMapper.class).browse(companyId, state, kind, customer, withDismissed, limit);
        });
    }

    public Optional<ActionRequest> find(long id) {
        return db.transaction(s -> {
            return Optional.ofNullable(s.getMapper(ActionMapper.class).find(id));
        });
    }

    public List<ActionAttempt> attempts(long actionId) {
        return db.transaction(s -> {
            return s.getMapper(ActionMapper.class).attempts(actionId);
        });
    }

    /** What a bulk action did per customer: failed and skipped first, at most {@code limit}. */
    public List<ActionResult> results(long actionId, int limit) {
        return db.transaction(s -> {
            return s.getMapper(ActionMapper.class).results(actionId, limit);
        });
    }

    /** Actions of the company queued or sent: what the next Web Connector run still has to do. */
    public int pendingCount(long companyId) {
        return db.transaction(s -> {
            return s.getMapper(ActionMapper.class).countOpen(companyId);
        });
    }

    /**
     * What a run did with the queue, for the Web Connector's status line: "2 payments posted to QuickBooks, 1 email
     * written; 1 action failed (see Ledgerbridge's action queue)", or empty when it sent nothing.
     */
    public String runSummary(SqlSession s, long runId) {
        Map<String, Integer> done = new HashMap<>();
        int failed = 0;
        for (ActionMapper.KindState k : s.getMapper(ActionMapper.class).ofRun(runId)) {
            if (DONE.equals(k.state())) {
                done.merge(k.kind(), 1, Integer::sum);
            } else if (FAILED.equals(k.state())) {
                failed++;
            }
        }
        List<String> parts = new ArrayList<>();
        count(parts, done.getOrDefault(POST_PAYMENT, 0), "payment", "posted to QuickBooks");
        count(parts, done.getOrDefault(APPLY_CREDIT, 0), "credit application", "written to QuickBooks");
        count(parts, done.getOrDefault(POST_REFUND, 0), "refund", "recorded in QuickBooks");
        count(parts, done.getOrDefault(UPDATE_EMAIL, 0), "email", "written");
        String out = String.join(", ", parts);
        if (failed > 0) {
            out += (out.isEmpty() ? "" : "; ") + failed + " action" + (failed == 1 ? "" : "s")
                    + " failed (see Ledgerbridge's action queue)";
        }
        return out;
    }

    private static void count(List<String> parts, int n, String what, String done) {
        if (n > 0) {
            parts.add(n + " " + what + (n == 1 ? "" : "s") + " " + done);
        }
    }

    /** Actions by state over all companies (every state present, 0 when none). */
    public Map<String, Long> depthByState() {
        Map<String, Long> out = new LinkedHashMap<>();
        STATES.forEach(st -> out.put(st, 0L));
        db.inTransaction(s -> {
            for (ActionMapper.StateCount c : s.getMapper(ActionMapper.class).countByState()) {
                out.put(c.state(), c.count());
            }
        });
        return out;
    }

    /** The payload of an action as a map (empty when it has none). */
    public static Map<String, Object> payload(ActionRequest a) {
        if (a.payload() == null || a.payload().isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            return ActionText.JSON.readValue(a.payload(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("action " + a.id() + " has an unreadable payload", e);
        }
    }

    // ---- what staff do in the queue browser ----------------------------------------------------------------------

    /** Failed -> queued: sent again on the next run (a conflict is then written over QuickBooks' value). */
    public ActionRequest retry(long companyId, long id) {
        return db.transaction(s -> {
            ActionMapper m = s.getMapper(ActionMapper.class);
            ActionRequest a = owned(m.lock(id), companyId, id);
            if (!FAILED.equals(a.state())) {
                throw new IllegalStateException("Only a failed action can be retried; #" + id + " is " + a.state()
                        + ".");
            }
            Map<String, Object> p = payload(a);
            if (UPDATE_EMAIL.equals(a.kind()) && p.containsKey("qbEmail")) {
                // staff chose this email over the one QuickBooks has: that one becomes the base
                p.put("baseEmail", p.remove("qbEmail"));
                p.remove("editSequence");
                m.setPayload(id, json(p));
            }
            m.resetAttempts(id);
            m.update(id, QUEUED, a.statusCode(), "Retry asked: waiting for the next Web Connector run.", null, null,
                    false, clock.instant());
            m.setEmailState(id, QUEUED);
            m.setDismissed(id, false, clock.instant());
            s.commit();
            return m.find(id);
        });
    }

    /** Queued -> cancelled (also a failed one, so it stops waiting for staff). */
    public ActionRequest cancel(long companyId, long id, String by) {
        return db.transaction(s -> {
            ActionMapper m = s.getMapper(ActionMapper.class);
            ActionRequest a = owned(m.lock(id), companyId, id);
            // a local bulk action left "sent" by a crash while it ran may be cancelled too: nothing of it is in
            // QuickBooks, and each customer it reached has its result
            boolean localInterrupted = SENT.equals(a.state()) && !WRITE_KINDS.contains(a.kind())
                    && !RESYNC_CUSTOMERS.equals(a.kind());
            if (!QUEUED.equals(a.state()) && !FAILED.equals(a.state()) && !localInterrupted) {
                throw new IllegalStateException("Only a queued or failed action can be cancelled; #" + id + " is "
                        + a.state() + (SENT.equals(a.state()) ? " (QuickBooks may have it: the next run checks)" : "")
                        + ".");
            }
            if (RESYNC_CUSTOMERS.equals(a.kind())) {
                bulk.dequeueRefreshOf(s, a);
            }
            m.update(id, CANCELLED, a.statusCode(), "Cancelled by " + by + ".", null, null, true, clock.instant());
            m.setEmailState(id, CANCELLED);
            s.commit();
            return m.find(id);
        });
    }

    /** Hides a finished action from the queue browser's default list (or shows it again). */
    public ActionRequest dismiss(long companyId, long id, boolean dismissed) {
        return db.transaction(s -> {
            ActionMapper m = s.getMapper(ActionMapper.class);
            ActionRequest a = owned(m.lock(id), companyId, id);
            if (dismissed && !a.finished()) {
                throw new IllegalStateException("Only a finished action can be dismissed; #" + id + " is "
                        + a.state() + ".");
            }
            m.setDismissed(id, dismissed, clock.instant());
            s.commit();
            return m.find(id);
        });
    }

    private static ActionRequest owned(ActionRequest a, long companyId, long id) {
        if (a == null || a.companyId() != companyId) {
            throw new IllegalArgumentException("There is no action #" + id + " for this company.");
        }
        return a;
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static String checkKey(String key) {
        if (key.isBlank() || key.length() > 36) {
            throw new IllegalArgumentException("an idempotency key is 1 to 36 characters");
        }
        return key;
    }

    private ActionRequest insert(SqlSession s, long companyId, String kind, String targetType, String targetId,
                                 Set<String> ids, Map<String, ?> payload, String key, String requestedBy) {
        ActionMapper m = s.getMapper(ActionMapper.class);
        if (key != null) {
            ActionRequest earlier = m.findByKey(checkKey(key));
            if (earlier != null) {
                return earlier;
            }
        }
        ActionMapper.NewAction row = new ActionMapper.NewAction();
        row.companyId = companyId;
        row.kind = kind;
        row.targetType = targetType;
        row.targetId = targetId;
        row.key = key == null ? UUID.randomUUID().toString() : key;
        row.customers = String.join("\n", ids);
        row.customerCount = ids.size();
        row.payload = payload == null ? null : json(payload);
        row.requestedBy = requestedBy;
        row.now = clock.instant();
        m.insert(row);
        return m.find(row.id);
    }
}
