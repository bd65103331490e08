package dev.ledgerbridge.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerbridge.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The action queue: bulk actions chosen on the Customers page and write-backs to QuickBooks. Each request is stored
 * with an idempotency key (a repeated request with the same key returns the first) and a state: queued, then sent
 * (a request went to QuickBooks and its answer is not stored yet), then done, failed or cancelled.
 *
 * <p>Local bulk actions (auto processing on or off, card-information requests) run at once, when they are asked
 * for, and keep what happened per customer. QuickBooks actions (payment posts, email write-backs, re-syncs of chosen
 * customers) wait for the next Web Connector run, which takes them through the {@code *ToSend}/{@code sent}/{@code
 * done} methods here; an action found in state sent at the start of a run is checked in QuickBooks before it is ever
 * sent again.
 */
public final class ActionQueue {
    private static final Logger log = LoggerFactory.getLogger(ActionQueue.class);

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
            POST_PAYMENT, "Payment to QuickBooks");
    /** Kinds written to QuickBooks one request per action. */
    public static final List<String> WRITE_KINDS = List.of(POST_PAYMENT, UPDATE_EMAIL);
    /** Customers one request may name. */
    public static final int MAX_CUSTOMERS = 10_000;
    /** Largest request or response text kept per attempt. */
    public static final int MAX_XML_KEPT = 65_536;
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_CHECK_DELAY = Duration.ofMinutes(5);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 500;
    private static final Pattern SECRET_ELEMENT = Pattern.compile(
            "<(CreditCardNumber|CardSecurityCode|Password|SecurityCode)>[^<]*</\\1>");
    private static final Pattern CARD_NUMBER = Pattern.compile("(?<![0-9])[0-9]{9,15}([0-9]{4})(?![0-9])");

    private final Database db;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration checkDelay;
    private final Map<String, CustomerAction> handlers = new ConcurrentHashMap<>();

    public ActionQueue(Database db, Clock clock) {
        this(db, clock, DEFAULT_MAX_ATTEMPTS, DEFAULT_CHECK_DELAY);
    }

    /**
     * @param maxAttempts how often a write QuickBooks answers "try later" is sent before it fails
     * @param checkDelay  how long after a write whose answer never came was sent QuickBooks is asked whether it got
     *                    it: before then the request may still be on its way (a Web Connector session replaced by
     *                    another still holds it), and a check finding nothing would send it a second time
     */
    public ActionQueue(Database db, Clock clock, int maxAttempts, Duration checkDelay) {
        this.db = db;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.checkDelay = checkDelay;
    }

    /** Sets the work of a local bulk action done elsewhere (e.g. {@link #SEND_CARD_REQUEST} by the payment package). */
    public void register(String kind, CustomerAction action) {
        if (!BULK_KINDS.containsKey(kind)) {
            throw new IllegalArgumentException("not a bulk action: " + kind);
        }
        handlers.put(kind, action);
    }

    public int maxAttempts() {
        return maxAttempts;
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
            queueRefresh(a, ids);
        } else {
            runLocal(a, ids);
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
        payload.put("applied", post.applied().stream()
                .map(a -> Map.of("txnId", a.invoiceTxnId(), "amount", a.amount().toPlainString())).toList());
        ActionRequest earlier = s.getMapper(ActionMapper.class).findByKey(checkKey(post.idempotencyKey()));
        if (earlier != null) {
            return earlier;
        }
        return insert(s, post.companyId(), POST_PAYMENT, "payment", Long.toString(post.paymentId()),
                Set.of(post.customerListId()), payload, post.idempotencyKey(), post.requestedBy());
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
        try (SqlSession s = db.session()) {
            return s.getMapper(ActionMapper.class).list(companyId, state, limit);
        }
    }

    /** The queue browser's list: newest first; state, kind and customer (a ListID) optional (null = any). */
    public List<ActionRequest> browse(long companyId, String state, String kind, String customer,
                                      boolean withDismissed, int limit) {
        try (SqlSession s = db.session()) {
            return s.getMapper(ActionMapper.class).browse(companyId, state, kind, customer, withDismissed, limit);
        }
    }

    public Optional<ActionRequest> find(long id) {
        try (SqlSession s = db.session()) {
            return Optional.ofNullable(s.getMapper(ActionMapper.class).find(id));
        }
    }

    public List<ActionAttempt> attempts(long actionId) {
        try (SqlSession s = db.session()) {
            return s.getMapper(ActionMapper.class).attempts(actionId);
        }
    }

    /** What a bulk action did per customer: failed and skipped first, at most {@code limit}. */
    public List<ActionResult> results(long actionId, int limit) {
        try (SqlSession s = db.session()) {
            return s.getMapper(ActionMapper.class).results(actionId, limit);
        }
    }

    /** Actions of the company queued or sent: what the next Web Connector run still has to do. */
    public int pendingCount(long companyId) {
        try (SqlSession s = db.session()) {
            return s.getMapper(ActionMapper.class).countOpen(companyId);
        }
    }

    /**
     * What a run did with the queue, for the Web Connector's status line: "2 payments posted to QuickBooks, 1 email
     * written; 1 action failed (see Ledgerbridge's action queue)", or empty when it sent nothing.
     */
    public String runSummary(SqlSession s, long runId) {
        int payments = 0;
        int emails = 0;
        int failed = 0;
        for (ActionMapper.KindState k : s.getMapper(ActionMapper.class).ofRun(runId)) {
            if (DONE.equals(k.state())) {
                if (POST_PAYMENT.equals(k.kind())) {
                    payments++;
                } else {
                    emails++;
                }
            } else if (FAILED.equals(k.state())) {
                failed++;
            }
        }
        List<String> parts = new ArrayList<>();
        if (payments > 0) {
            parts.add(payments + " payment" + (payments == 1 ? "" : "s") + " posted to QuickBooks");
        }
        if (emails > 0) {
            parts.add(emails + " email" + (emails == 1 ? "" : "s") + " written");
        }
        String out = String.join(", ", parts);
        if (failed > 0) {
            out += (out.isEmpty() ? "" : "; ") + failed + " action" + (failed == 1 ? "" : "s")
                    + " failed (see Ledgerbridge's action queue)";
        }
        return out;
    }

    /** Actions by state over all companies (every state present, 0 when none). */
    public Map<String, Long> depthByState() {
        Map<String, Long> out = new LinkedHashMap<>();
        STATES.forEach(st -> out.put(st, 0L));
        try (SqlSession s = db.session()) {
            for (ActionMapper.StateCount c : s.getMapper(ActionMapper.class).countByState()) {
                out.put(c.state(), c.count());
            }
        }
        return out;
    }

    /** The payload of an action as a map (empty when it has none). */
    public static Map<String, Object> payload(ActionRequest a) {
        if (a.payload() == null || a.payload().isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            return JSON.readValue(a.payload(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("action " + a.id() + " has an unreadable payload", e);
        }
    }

    // ---- what staff do in the queue browser ----------------------------------------------------------------------

    /** Failed -> queued: sent again on the next run (a conflict is then written over QuickBooks' value). */
    public ActionRequest retry(long companyId, long id) {
        try (SqlSession s = db.session()) {
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
        }
    }

    /** Queued -> cancelled (also a failed one, so it stops waiting for staff). */
    public ActionRequest cancel(long companyId, long id, String by) {
        try (SqlSession s = db.session()) {
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
                dequeueRefreshOf(s, a);
            }
            m.update(id, CANCELLED, a.statusCode(), "Cancelled by " + by + ".", null, null, true, clock.instant());
            m.setEmailState(id, CANCELLED);
            s.commit();
            return m.find(id);
        }
    }

    /** Hides a finished action from the queue browser's default list (or shows it again). */
    public ActionRequest dismiss(long companyId, long id, boolean dismissed) {
        try (SqlSession s = db.session()) {
            ActionMapper m = s.getMapper(ActionMapper.class);
            ActionRequest a = owned(m.lock(id), companyId, id);
            if (dismissed && !a.finished()) {
                throw new IllegalStateException("Only a finished action can be dismissed; #" + id + " is "
                        + a.state() + ".");
            }
            m.setDismissed(id, dismissed, clock.instant());
            s.commit();
            return m.find(id);
        }
    }

    private static ActionRequest owned(ActionRequest a, long companyId, long id) {
        if (a == null || a.companyId() != companyId) {
            throw new IllegalArgumentException("There is no action #" + id + " for this company.");
        }
        return a;
    }

    // ---- QuickBooks work, taken by the sync in the run's transactions ---------------------------------------------

    /**
     * A write whose answer never came (state sent), to check in QuickBooks before anything else; a payment once its
     * request was sent at least the check delay ago (a request sent later may still reach QuickBooks after the check,
     * which would then find nothing and post it again).
     */
    public Optional<ActionRequest> nextToCheck(SqlSession s, long companyId, long runId) {
        return Optional.ofNullable(s.getMapper(ActionMapper.class).nextSent(companyId, WRITE_KINDS, runId,
                checkCutoff()));
    }

    private Instant checkCutoff() {
        return clock.instant().minus(checkDelay);
    }

    /** The oldest queued write not held back for this run. */
    public Optional<ActionRequest> nextToSend(SqlSession s, long companyId, long runId) {
        return Optional.ofNullable(s.getMapper(ActionMapper.class).nextQueued(companyId, WRITE_KINDS, runId));
    }

    /** Whether the run has QuickBooks work of the queue: writes to check or send, customers to read again. */
    public boolean hasQuickBooksWork(SqlSession s, long companyId, long runId) {
        ActionMapper m = s.getMapper(ActionMapper.class);
        return m.nextSent(companyId, WRITE_KINDS, runId, checkCutoff()) != null
                || m.nextQueued(companyId, WRITE_KINDS, runId) != null
                || m.refreshQueueSize(companyId) > 0;
    }

    /** The action whose request {@code requestId} is out and unanswered, if any. */
    public Optional<ActionRequest> awaiting(SqlSession s, long companyId, String requestId) {
        return requestId == null ? Optional.empty()
                : Optional.ofNullable(s.getMapper(ActionMapper.class).findByRequestId(companyId, requestId));
    }

    /**
     * Records that a request for the action goes to QuickBooks now ({@code purpose} "write" counts an attempt, "check"
     * does not), with its qbXML masked; false, recording nothing, when the action is no longer as {@code a} was read
     * (another Web Connector session of the company took it meanwhile): the request must then not be sent, or
     * QuickBooks would get the write twice.
     */
    public boolean sent(SqlSession s, ActionRequest a, long runId, String requestId, String purpose, String qbxml) {
        ActionMapper m = s.getMapper(ActionMapper.class);
        Instant now = clock.instant();
        if (m.markSent(a.id(), requestId, "write".equals(purpose), now, a) == 0) {
            log.info("action {} was taken by another run meanwhile; not sent by run {}", a.id(), runId);
            return false;
        }
        m.insertAttempt(new ActionAttempt(0, a.id(), runId, requestId, purpose, mask(qbxml), null, null, null, now,
                null));
        m.setEmailState(a.id(), SENT);
        return true;
    }

    /** How many checks of the action, since its last write, QuickBooks answered with an error. */
    public int failedChecksInARow(SqlSession s, ActionRequest a) {
        List<ActionAttempt> all = s.getMapper(ActionMapper.class).attempts(a.id());
        int n = 0;
        for (int i = all.size() - 1; i >= 0 && "check".equals(all.get(i).purpose()); i--) {
            Integer code = all.get(i).statusCode();
            if (code != null && code >= 1000) {
                n++;
            }
        }
        return n;
    }

    /** Stores QuickBooks' answer to the request on the action's attempt. */
    public void answered(SqlSession s, ActionRequest a, String requestId, String response, Integer statusCode,
                         String outcome) {
        s.getMapper(ActionMapper.class).endAttempt(a.id(), requestId, mask(response), statusCode,
                cut(outcome, 500), clock.instant());
    }

    public void done(SqlSession s, ActionRequest a, Integer statusCode, String qbRef, String message) {
        ActionMapper m = s.getMapper(ActionMapper.class);
        m.update(a.id(), DONE, statusCode, message, qbRef, null, true, clock.instant());
        m.setEmailState(a.id(), DONE);
        log.info("action {} ({}) done: {}", a.id(), a.kind(), message);
    }

    public void fail(SqlSession s, ActionRequest a, Integer statusCode, String message) {
        ActionMapper m = s.getMapper(ActionMapper.class);
        m.update(a.id(), FAILED, statusCode, message, null, null, true, clock.instant());
        m.setEmailState(a.id(), FAILED);
        log.warn("action {} ({}) failed: {}", a.id(), a.kind(), message);
    }

    /** Back to queued, to be sent again in this run (e.g. a check found QuickBooks never got it). */
    public void requeue(SqlSession s, ActionRequest a, Integer statusCode, String message) {
        ActionMapper m = s.getMapper(ActionMapper.class);
        m.update(a.id(), QUEUED, statusCode, message, null, null, false, clock.instant());
        m.setEmailState(a.id(), QUEUED);
    }

    /** Left in state sent with its outcome unknown: checked again on the next run (not this one). */
    public void checkNextRun(SqlSession s, ActionRequest a, long runId, Integer statusCode, String message) {
        s.getMapper(ActionMapper.class).update(a.id(), SENT, statusCode, message, null, runId, false, clock.instant());
    }

    /**
     * QuickBooks answered "try later": queued again for the next run, or failed once it has been tried
     * {@link #maxAttempts()} times.
     */
    public void retryLater(SqlSession s, ActionRequest a, long runId, int statusCode, String message) {
        ActionMapper m = s.getMapper(ActionMapper.class);
        ActionRequest now = m.find(a.id());
        if (now.attempts() >= maxAttempts) {
            fail(s, a, statusCode, message + " Tried " + now.attempts() + " times (actions.max.attempts): it stays"
                    + " failed until you Retry it.");
            return;
        }
        m.update(a.id(), QUEUED, statusCode, message + " (attempt " + now.attempts() + " of " + maxAttempts + ")",
                null, runId, false, clock.instant());
        m.setEmailState(a.id(), QUEUED);
    }

    public void setPayload(SqlSession s, ActionRequest a, Map<String, Object> payload) {
        s.getMapper(ActionMapper.class).setPayload(a.id(), json(payload));
    }

    /** A stored customer's email, EditSequence and flags (empty when not stored). */
    public Optional<ActionMapper.CustomerState> customer(SqlSession s, long companyId, String listId) {
        List<ActionMapper.CustomerState> c = s.getMapper(ActionMapper.class).customers(companyId, List.of(listId));
        return c.isEmpty() ? Optional.empty() : Optional.of(c.get(0));
    }

    /** The head of the re-sync queue: customers to read again, in order. */
    public List<ActionMapper.RefreshRow> refreshBatch(SqlSession s, long companyId, int limit) {
        return s.getMapper(ActionMapper.class).refreshBatch(companyId, limit);
    }

    /** Notes that the customers of a batch are asked for by request {@code requestId}. */
    public void refreshAsked(SqlSession s, long companyId, List<ActionMapper.RefreshRow> batch, String requestId) {
        s.getMapper(ActionMapper.class).markRefreshAsked(companyId,
                batch.stream().map(ActionMapper.RefreshRow::listId).toList(), requestId);
    }

    /**
     * Before the customers read again are stored: forgets their stored EditSequence, so each is written as QuickBooks
     * has it even when QuickBooks did not change it (a re-sync repairs what drifted here).
     */
    public void forgetVersions(SqlSession s, long companyId, Collection<String> listIds) {
        if (!listIds.isEmpty()) {
            s.getMapper(ActionMapper.class).forgetVersions(companyId, listIds);
        }
    }

    /** The customers request {@code requestId} asked to read again (empty when it asked for none). */
    public List<ActionMapper.RefreshRow> refreshAskedBy(SqlSession s, long companyId, String requestId) {
        return requestId == null ? List.of() : s.getMapper(ActionMapper.class).refreshAsked(companyId, requestId);
    }

    /** Back to state sent with nothing held: the write's outcome is checked in QuickBooks in this same run. */
    public void checkAgain(SqlSession s, ActionRequest a, Integer statusCode, String message) {
        s.getMapper(ActionMapper.class).update(a.id(), SENT, statusCode, message, null, null, false, clock.instant());
    }

    /**
     * Customers of the re-sync queue were read again ({@code found}: those QuickBooks returned): each gets its result,
     * leaves the queue, and an action with none left is done.
     */
    public void refreshed(SqlSession s, long companyId, List<ActionMapper.RefreshRow> batch, Set<String> found) {
        refreshEnded(s, companyId, batch, found, null);
    }

    /**
     * QuickBooks refused to read a batch of the re-sync queue ({@code why} says how): each of its customers fails
     * with that reason and leaves the queue, so the run does not ask for the same batch again and again.
     */
    public void refreshRefused(SqlSession s, long companyId, List<ActionMapper.RefreshRow> batch, String why) {
        refreshEnded(s, companyId, batch, Set.of(), cut("failed: " + why, 500));
    }

    private void refreshEnded(SqlSession s, long companyId, List<ActionMapper.RefreshRow> batch, Set<String> found,
                              String failure) {
        if (batch.isEmpty()) {
            return;
        }
        ActionMapper m = s.getMapper(ActionMapper.class);
        Instant now = clock.instant();
        Map<Long, int[]> counts = new TreeMap<>();
        for (ActionMapper.RefreshRow r : batch) {
            boolean ok = found.contains(r.listId());
            String outcome = ok ? ActionResult.DONE : failure != null ? ActionResult.FAILED : ActionResult.SKIPPED;
            m.insertResult(new ActionResult(r.actionId(), r.listId(), outcome, ok ? "read again from QuickBooks"
                    : failure != null ? failure : "skipped: QuickBooks no longer has this customer", now));
            counts.computeIfAbsent(r.actionId(), k -> new int[3])[ok ? 0 : failure != null ? 2 : 1]++;
        }
        counts.forEach((id, c) -> m.addResultCounts(id, c[0], c[1], c[2]));
        m.dequeueRefresh(companyId, batch.stream().map(ActionMapper.RefreshRow::listId).toList());
        s.flushStatements();
        for (long id : m.refreshFinished(companyId)) {
            ActionRequest a = m.find(id);
            boolean allFailed = a.resultsFailed() > 0 && a.resultsDone() == 0 && a.resultsSkipped() == 0;
            m.update(id, allFailed ? FAILED : DONE, 0, summary(a, "read again"), null, null, true, now);
        }
    }

    // ---- carrying out bulk actions ----------------------------------------------------------------------------------

    private void queueRefresh(ActionRequest a, Set<String> ids) {
        List<String> all = new ArrayList<>(ids);
        int known = 0;
        try (SqlSession s = db.batchSession()) {
            ActionMapper m = s.getMapper(ActionMapper.class);
            Instant now = clock.instant();
            int skipped = 0;
            for (int i = 0; i < all.size(); i += CHUNK) {
                List<String> chunk = all.subList(i, Math.min(all.size(), i + CHUNK));
                Map<String, ActionMapper.CustomerState> stored = new HashMap<>();
                m.customers(a.companyId(), chunk).forEach(c -> stored.put(c.listId(), c));
                for (String id : chunk) {
                    if (stored.containsKey(id)) {
                        m.queueRefresh(a.companyId(), id, a.id(), now);
                        known++;
                    } else {
                        m.insertResult(new ActionResult(a.id(), id, ActionResult.SKIPPED,
                                "skipped: not a customer of this company here (a full Re-Sync finds new customers)",
                                now));
                        skipped++;
                    }
                }
            }
            m.addResultCounts(a.id(), 0, skipped, 0);
            if (known == 0) {
                m.update(a.id(), DONE, null, "Nothing to read again: none of the customers is known here.", null, null,
                        true, now);
            } else {
                m.update(a.id(), QUEUED, null, "Waiting for the next Web Connector run to read " + known + " customer"
                        + (known == 1 ? "" : "s") + " again from QuickBooks.", null, null, false, now);
            }
            s.commit();
        }
    }

    private void dequeueRefreshOf(SqlSession s, ActionRequest a) {
        ActionMapper m = s.getMapper(ActionMapper.class);
        List<String> mine = new ArrayList<>();
        for (ActionMapper.RefreshRow r : m.refreshBatch(a.companyId(), Integer.MAX_VALUE)) {
            if (r.actionId() == a.id()) {
                mine.add(r.listId());
            }
        }
        for (int i = 0; i < mine.size(); i += CHUNK) {
            m.dequeueRefresh(a.companyId(), mine.subList(i, Math.min(mine.size(), i + CHUNK)));
        }
    }

    /** Carries out a local bulk action for every customer, a chunk per transaction, keeping each customer's result. */
    private void runLocal(ActionRequest a, Set<String> ids) {
        List<String> all = new ArrayList<>(ids);
        boolean on = ENABLE_AUTO_PROCESSING.equals(a.kind());
        CustomerAction handler = handlers.get(a.kind());
        try (SqlSession s = db.batchSession()) {
            s.getMapper(ActionMapper.class).markSent(a.id(), null, true, clock.instant(), null);
            s.commit();
        }
        for (int i = 0; i < all.size(); i += CHUNK) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + CHUNK));
            try (SqlSession s = db.batchSession()) {
                ActionMapper m = s.getMapper(ActionMapper.class);
                Map<String, ActionMapper.CustomerState> stored = new HashMap<>();
                m.customers(a.companyId(), chunk).forEach(c -> stored.put(c.listId(), c));
                List<String> change = new ArrayList<>();
                List<ActionResult> results = new ArrayList<>();
                Instant now = clock.instant();
                for (String id : chunk) {
                    ActionMapper.CustomerState c = stored.get(id);
                    CustomerAction.Outcome o;
                    if (c == null) {
                        o = CustomerAction.Outcome.skipped("skipped: no such customer in this company");
                    } else if (c.isDeleted()) {
                        o = CustomerAction.Outcome.skipped("skipped: deleted in QuickBooks");
                    } else if (ENABLE_AUTO_PROCESSING.equals(a.kind()) || DISABLE_AUTO_PROCESSING.equals(a.kind())) {
                        if (c.autoProcessing() == on) {
                            o = CustomerAction.Outcome.skipped(on ? "already on" : "already off");
                        } else {
                            change.add(id);
                            o = CustomerAction.Outcome.done(on ? "turned on" : "turned off");
                        }
                    } else if (handler == null) {
                        o = CustomerAction.Outcome.failed("failed: card-information requests are not available on"
                                + " this server");
                    } else {
                        o = runHandler(handler, a, id);
                    }
                    results.add(new ActionResult(a.id(), id, o.outcome(), cut(o.message(), 500), now));
                }
                if (!change.isEmpty()) {
                    m.setAutoProcessing(a.companyId(), change, on, now);
                }
                int[] n = new int[3];
                for (ActionResult r : results) {
                    m.insertResult(r);
                    n[ActionResult.DONE.equals(r.outcome()) ? 0 : ActionResult.SKIPPED.equals(r.outcome()) ? 1 : 2]++;
                }
                m.addResultCounts(a.id(), n[0], n[1], n[2]);
                s.commit();
            }
        }
        try (SqlSession s = db.session()) {
            ActionMapper m = s.getMapper(ActionMapper.class);
            ActionRequest now = m.find(a.id());
            boolean allFailed = now.resultsFailed() > 0 && now.resultsDone() == 0 && now.resultsSkipped() == 0;
            m.update(a.id(), allFailed ? FAILED : DONE, null, summary(now, pastTense(a.kind())), null, null, true,
                    clock.instant());
            s.commit();
        }
    }

    private static CustomerAction.Outcome runHandler(CustomerAction handler, ActionRequest a, String listId) {
        try {
            CustomerAction.Outcome o = handler.apply(a.companyId(), listId, a.requestedBy());
            return o == null ? CustomerAction.Outcome.failed("failed: no outcome") : o;
        } catch (RuntimeException e) {
            log.warn("action {}: {} for customer {} failed", a.id(), a.kind(), listId, e);
            return CustomerAction.Outcome.failed("failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
        }
    }

    private static String pastTense(String kind) {
        return switch (kind) {
            case ENABLE_AUTO_PROCESSING -> "turned on";
            case DISABLE_AUTO_PROCESSING -> "turned off";
            case SEND_CARD_REQUEST -> "sent";
            default -> "done";
        };
    }

    /** "480 customers turned on, 20 skipped, 0 failed: see each customer's result." */
    static String summary(ActionRequest a, String doneWord) {
        StringBuilder b = new StringBuilder();
        b.append(a.resultsDone()).append(" customer").append(a.resultsDone() == 1 ? "" : "s").append(' ')
                .append(doneWord);
        if (a.resultsSkipped() > 0) {
            b.append(", ").append(a.resultsSkipped()).append(" skipped");
        }
        if (a.resultsFailed() > 0) {
            b.append(", ").append(a.resultsFailed()).append(" failed");
        }
        if (a.resultsSkipped() + a.resultsFailed() > 0) {
            b.append(" (each customer's result is listed with the action)");
        }
        return b.append('.').toString();
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

    private static String json(Map<String, ?> payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * qbXML as kept with an attempt: secret elements blanked, anything like a card number cut to its last four
     * digits, and at most {@value #MAX_XML_KEPT} characters.
     */
    public static String mask(String xml) {
        if (xml == null) {
            return null;
        }
        String out = SECRET_ELEMENT.matcher(xml).replaceAll("<$1>***</$1>");
        out = CARD_NUMBER.matcher(out).replaceAll("****$1");
        if (out.length() > MAX_XML_KEPT) {
            out = out.substring(0, MAX_XML_KEPT) + "\n... (cut: " + out.length() + " characters in all)";
        }
        return out;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
