package dev.ledgerbridge.action;

import static dev.ledgerbridge.action.ActionQueue.DONE;
import static dev.ledgerbridge.action.ActionQueue.FAILED;
import static dev.ledgerbridge.action.ActionQueue.MAX_XML_KEPT;
import static dev.ledgerbridge.action.ActionQueue.QUEUED;
import static dev.ledgerbridge.action.ActionQueue.SENT;
import static dev.ledgerbridge.action.ActionQueue.WRITE_KINDS;
import static dev.ledgerbridge.action.ActionText.cut;
import static dev.ledgerbridge.action.ActionText.json;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's QuickBooks work, taken by the sync in the run's transactions: writes (payment posts, email write-backs)
 * to check or send, one request per action, and customers of re-sync actions to read again. Each method works in the
 * session it is given, so an action's state moves with the run's own rows; an action found in state sent at the
 * start of a run is checked in QuickBooks before it is ever sent again.
 */
public final class QuickBooksWork {
    private static final Logger log = LoggerFactory.getLogger(QuickBooksWork.class);

    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_CHECK_DELAY = Duration.ofMinutes(5);

    private static final Pattern SECRET_ELEMENT = Pattern.compile(
            "<(CreditCardNumber|CardSecurityCode|Password|SecurityCode)>[^<]*</\\1>");
    private static final Pattern CARD_NUMBER = Pattern.compile("(?<![0-9])[0-9]{9,15}([0-9]{4})(?![0-9])");

    private final Clock clock;
    private final int maxAttempts;
    private final Duration checkDelay;

    public QuickBooksWork(Clock clock) {
        this(clock, DEFAULT_MAX_ATTEMPTS, DEFAULT_CHECK_DELAY);
    }

    /**
     * @param maxAttempts how often a write QuickBooks answers "try later" is sent before it fails
     * @param checkDelay  how long after a write whose answer never came was sent QuickBooks is asked whether it got
     *                    it: before then the request may still be on its way (a Web Connector session replaced by
     *                    another still holds it), and a check finding nothing would send it a second time
     */
    public QuickBooksWork(Clock clock, int maxAttempts, Duration checkDelay) {
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.checkDelay = checkDelay;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

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
            m.update(id, allFailed ? FAILED : DONE, 0, BulkRunner.summary(a, "read again"), null, null, true, now);
        }
    }

    /**
     * qbXML as kept with an attempt: secret elements blanked, anything like a card number cut to its last four
     * digits, and at most {@value ActionQueue#MAX_XML_KEPT} characters.
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
}
