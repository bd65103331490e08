package dev.ledgerbridge.action;

import static dev.ledgerbridge.action.ActionQueue.BULK_KINDS;
import static dev.ledgerbridge.action.ActionQueue.DISABLE_AUTO_PROCESSING;
import static dev.ledgerbridge.action.ActionQueue.DONE;
import static dev.ledgerbridge.action.ActionQueue.ENABLE_AUTO_PROCESSING;
import static dev.ledgerbridge.action.ActionQueue.FAILED;
import static dev.ledgerbridge.action.ActionQueue.QUEUED;
import static dev.ledgerbridge.action.ActionQueue.SEND_CARD_REQUEST;
import static dev.ledgerbridge.action.ActionText.cut;

import dev.ledgerbridge.db.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the bulk actions the queue was asked for: a local one (auto processing on or off, card-information
 * requests) for every customer at once, a chunk per transaction, keeping each customer's result; a re-sync by putting
 * its customers in the re-sync queue the sync reads on the next Web Connector run.
 */
final class BulkRunner {
    private static final Logger log = LoggerFactory.getLogger(BulkRunner.class);
    private static final int CHUNK = 500;

    private final Database db;
    private final Clock clock;
    private final Map<String, CustomerAction> handlers = new ConcurrentHashMap<>();

    BulkRunner(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Sets the work of a local bulk action done elsewhere (e.g. {@link ActionQueue#SEND_CARD_REQUEST}). */
    void register(String kind, CustomerAction action) {
        if (!BULK_KINDS.containsKey(kind)) {
            throw new IllegalArgumentException("not a bulk action: " + kind);
        }
        handlers.put(kind, action);
    }

    /** Puts the known customers of a re-sync in the re-sync queue; the others get their result at once. */
    void queueRefresh(ActionRequest a, Set<String> ids) {
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

    /** Takes the customers of a re-sync out of the re-sync queue (the action is cancelled). */
    void dequeueRefreshOf(SqlSession s, ActionRequest a) {
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
    void runLocal(ActionRequest a, Set<String> ids) {
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
}
