package dev.ledgerbridge.action;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

public interface ActionMapper {
    void insert(@Param("row") NewAction row);

    ActionRequest find(@Param("id") long id);

    ActionRequest lock(@Param("id") long id);

    List<ActionRequest> findAll(@Param("ids") Collection<Long> ids);

    ActionRequest findByKey(@Param("key") String idempotencyKey);

    /** The ListIDs an action names, one per line. */
    String customersOf(@Param("id") long id);

    List<ActionRequest> list(@Param("companyId") long companyId, @Param("state") String state,
                             @Param("limit") int limit);

    /** The queue browser: newest first, each filter optional. */
    List<ActionRequest> browse(@Param("companyId") long companyId, @Param("state") String state,
                               @Param("kind") String kind, @Param("customer") String customer,
                               @Param("dismissed") boolean withDismissed, @Param("limit") int limit);

    /** Queued or sent actions of the company. */
    int countOpen(@Param("companyId") long companyId);

    /** The actions a run sent requests for, with their state now (one row per action). */
    List<KindState> ofRun(@Param("runId") long runId);

    /** An action's kind and state. */
    record KindState(String kind, String state) {
    }

    /** Actions by state over all companies, for the metrics. */
    List<StateCount> countByState();

    // ---- QuickBooks work of the sync ------------------------------------------------------------------------

    /**
     * The oldest action of the kinds in state sent (its answer never came), not held for this run; a payment only
     * with no request out or one sent at or before {@code sentBy} (an email written twice is harmless: its
     * EditSequence refuses the second).
     */
    ActionRequest nextSent(@Param("companyId") long companyId, @Param("kinds") Collection<String> kinds,
                           @Param("runId") long runId, @Param("sentBy") Instant sentBy);

    /** The oldest queued action of the kinds not held for this run. */
    ActionRequest nextQueued(@Param("companyId") long companyId, @Param("kinds") Collection<String> kinds,
                             @Param("runId") long runId);

    ActionRequest findByRequestId(@Param("companyId") long companyId, @Param("requestId") String requestId);

    /**
     * Marks the action sent; with {@code expected}, only while its state and attempts are still those read there
     * (another run may have taken it meanwhile). Returns the rows changed.
     */
    int markSent(@Param("id") long id, @Param("requestId") String requestId, @Param("attempt") boolean newAttempt,
                 @Param("now") Instant now, @Param("expected") ActionRequest expected);

    void update(@Param("id") long id, @Param("state") String state, @Param("statusCode") Integer statusCode,
                @Param("message") String message, @Param("qbRef") String qbRef,
                @Param("notBeforeRun") Long notBeforeRun, @Param("finished") boolean finished,
                @Param("now") Instant now);

    void setPayload(@Param("id") long id, @Param("payload") String payload);

    void resetAttempts(@Param("id") long id);

    void setDismissed(@Param("id") long id, @Param("dismissed") boolean dismissed, @Param("now") Instant now);

    void addResultCounts(@Param("id") long id, @Param("done") int done, @Param("skipped") int skipped,
                         @Param("failed") int failed);

    // ---- attempts and results ---------------------------------------------------------------------------------

    void insertAttempt(@Param("a") ActionAttempt attempt);

    void endAttempt(@Param("actionId") long actionId, @Param("requestId") String requestId,
                    @Param("response") String response, @Param("statusCode") Integer statusCode,
                    @Param("outcome") String outcome, @Param("now") Instant now);

    List<ActionAttempt> attempts(@Param("actionId") long actionId);

    void insertResult(@Param("r") ActionResult result);

    List<ActionResult> results(@Param("actionId") long actionId, @Param("limit") int limit);

    // ---- re-sync of chosen customers ----------------------------------------------------------------------------

    void queueRefresh(@Param("companyId") long companyId, @Param("listId") String listId,
                      @Param("actionId") long actionId, @Param("now") Instant now);

    List<RefreshRow> refreshBatch(@Param("companyId") long companyId, @Param("limit") int limit);

    void markRefreshAsked(@Param("companyId") long companyId, @Param("listIds") Collection<String> listIds,
                          @Param("requestId") String requestId);

    List<RefreshRow> refreshAsked(@Param("companyId") long companyId, @Param("requestId") String requestId);

    /** Forgets the stored EditSequence of customers about to be read again, so they are written whatever it is. */
    void forgetVersions(@Param("companyId") long companyId, @Param("listIds") Collection<String> listIds);

    int refreshQueueSize(@Param("companyId") long companyId);

    void dequeueRefresh(@Param("companyId") long companyId, @Param("listIds") Collection<String> listIds);

    /** Re-sync actions of the company still queued with nothing left in the refresh queue. */
    List<Long> refreshFinished(@Param("companyId") long companyId);

    // ---- customers, read for bulk actions and write-backs --------------------------------------------------------

    List<CustomerState> customers(@Param("companyId") long companyId, @Param("listIds") Collection<String> listIds);

    /** Turns the switch of the customers on or off, recording when each was turned on (see CustomerSettingMapper). */
    void setAutoProcessing(@Param("companyId") long companyId, @Param("listIds") Collection<String> listIds,
                           @Param("on") boolean on, @Param("now") Instant now);

    // ---- the email write-back of the customer page ------------------------------------------------------------

    void upsertEmail(@Param("companyId") long companyId, @Param("listId") String listId, @Param("email") String email,
                     @Param("actionId") long actionId, @Param("now") Instant now);

    void setEmailState(@Param("actionId") long actionId, @Param("state") String state);

    PendingEmail pendingEmail(@Param("companyId") long companyId, @Param("listId") String listId);

    /** Insert holder (MyBatis fills {@code id}). */
    final class NewAction {
        public Long id;
        public long companyId;
        public String kind;
        public String targetType;
        public String targetId;
        public String key;
        public String customers;
        public int customerCount;
        public String payload;
        public String message;
        public String requestedBy;
        public Instant now;
    }

    /** A count of actions in one state. */
    record StateCount(String state, long count) {
    }

    /** A customer waiting to be read again, and the action that asked. */
    record RefreshRow(String listId, long actionId) {
    }

    /** What bulk actions and write-backs need to know of a stored customer. */
    record CustomerState(String listId, String email, String editSequence, boolean isDeleted,
                         boolean autoProcessing) {
    }
}
