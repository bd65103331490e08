package dev.ledgerbridge.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerbridge.db.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.ibatis.session.SqlSession;

/**
 * Requests for the action queue: bulk actions chosen on the Customers page and write-backs to QuickBooks. Each is
 * stored with state {@code queued} and an idempotency key (a repeated request with the same key returns the first);
 * carrying them out belongs to the queue's worker and the sync, which pick them up from here.
 */
public final class ActionQueue {
    public static final String QUEUED = "queued";
    public static final String SENT = "sent";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final List<String> STATES = List.of(QUEUED, SENT, DONE, FAILED);

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
    /** Customers one request may name. */
    public static final int MAX_CUSTOMERS = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final Clock clock;

    public ActionQueue(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Queues a bulk action for the given customers. Throws IllegalArgumentException for an unknown kind, no
     * customers or too many; a key already used returns the request stored under it.
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
                if (id.length() > 36) {
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
        return insert(companyId, kind, ids, null, idempotencyKey, requestedBy, null);
    }

    /**
     * Queues the write-back of a customer's new primary email to QuickBooks; the latest edit replaces an earlier
     * one still waiting. Runs in the caller's transaction.
     */
    public ActionRequest queueEmailWriteback(SqlSession s, long companyId, String listId, String email,
                                             String requestedBy) {
        ActionRequest a = insert(s, companyId, UPDATE_EMAIL, Set.of(listId), Map.of("email", email), null,
                requestedBy, null);
        s.getMapper(ActionMapper.class).upsertEmail(companyId, listId, email, a.id(), clock.instant());
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
        payload.put("amount", post.amount().toPlainString());
        payload.put("txnDate", post.txnDate().toString());
        payload.put("paymentMethodName", post.paymentMethodName());
        payload.put("depositAccountName", post.depositAccountName());
        payload.put("refNumber", post.refNumber());
        payload.put("applied", post.applied().stream()
                .map(a -> Map.of("txnId", a.invoiceTxnId(), "amount", a.amount().toPlainString())).toList());
        return insert(s, post.companyId(), POST_PAYMENT, Set.of(post.customerListId()), payload, post.idempotencyKey(),
                post.requestedBy(), null);
    }

    /** The state of each of the given actions (queued, sent, done, failed), by id; unknown ids are absent. */
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

    /** The newest requests of a company, optionally in one state. */
    public List<ActionRequest> list(long companyId, String state, int limit) {
        try (SqlSession s = db.session()) {
            return s.getMapper(ActionMapper.class).list(companyId, state, limit);
        }
    }

    private ActionRequest insert(long companyId, String kind, Set<String> ids, Map<String, String> payload,
                                 String key, String requestedBy, String message) {
        try (SqlSession s = db.session()) {
            ActionRequest a = insert(s, companyId, kind, ids, payload, key, requestedBy, message);
            s.commit();
            return a;
        }
    }

    private ActionRequest insert(SqlSession s, long companyId, String kind, Set<String> ids,
                                 Map<String, ?> payload, String key, String requestedBy, String message) {
        ActionMapper m = s.getMapper(ActionMapper.class);
        if (key != null) {
            if (key.isBlank() || key.length() > 36) {
                throw new IllegalArgumentException("an idempotency key is 1 to 36 characters");
            }
            ActionRequest earlier = m.findByKey(key);
            if (earlier != null) {
                return earlier;
            }
        }
        ActionMapper.NewAction row = new ActionMapper.NewAction();
        row.companyId = companyId;
        row.kind = kind;
        row.key = key == null ? UUID.randomUUID().toString() : key;
        row.customers = String.join("\n", ids);
        row.customerCount = ids.size();
        try {
            row.payload = payload == null ? null : JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        row.message = message;
        row.requestedBy = requestedBy;
        Instant now = clock.instant();
        row.now = now;
        m.insert(row);
        return m.find(row.id);
    }
}
