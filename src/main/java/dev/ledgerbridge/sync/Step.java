package dev.ledgerbridge.sync;

import dev.ledgerbridge.qbxml.QbxmlRenderer;
import dev.ledgerbridge.qbxml.QbxmlResponseReader;
import dev.ledgerbridge.qbxml.RsStatus;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;

/**
 * One kind of work a run can do: a qbXML request (rendered from a template), the handling of its response,
 * and the watermark it advances when it completes.
 */
interface Step {
    /** Name stored in the run's plan and shown in the sync history. */
    String name();

    /** Steps that must have completed in this run before this one may start. */
    List<String> dependsOn();

    /** Key of this step's watermark. */
    String entity();

    /** Whether the query pages through a qbXML iterator. */
    boolean iterates();

    String template();

    /** The qbXML response element this step's request is answered with, e.g. CustomerQueryRs. */
    String responseElement();

    /** The template model for one request. */
    Map<String, Object> model(Request request);

    /** The template model for one request, for steps whose request depends on stored rows. */
    default Map<String, Object> model(Request request, SqlSession session, long companyId) {
        return model(request);
    }

    /** Whether the step has anything to ask QuickBooks this run; a step without work is done at once. */
    default boolean hasWork(SqlSession session, long companyId) {
        return true;
    }

    /** As {@link #hasWork(SqlSession, long)}, for steps whose work depends on the run (e.g. held until the next). */
    default boolean hasWork(SqlSession session, long companyId, long runId) {
        return hasWork(session, companyId);
    }

    /** For a step without an iterator: whether another request follows this response. */
    default boolean more(SqlSession session, long companyId) {
        return false;
    }

    /**
     * For a step with an iterator whose iterator is exhausted: whether it goes on with another query (a new iterator)
     * in this run rather than completing.
     */
    default boolean continues(SqlSession session, long companyId, long runId) {
        return false;
    }

    /** As {@link #more(SqlSession, long)}, knowing the run. */
    default boolean more(SqlSession session, long companyId, long runId) {
        return more(session, companyId);
    }

    /**
     * The qbXML of one request, in the transaction that records it as sent. Steps whose template changes from
     * request to request (the action queue's writes and checks) render it themselves and note what they sent.
     */
    default String render(QbxmlRenderer renderer, String qbxmlVersion, Request request, SqlSession session,
                          long companyId, long runId) {
        return renderer.render(template(), qbxmlVersion, model(request, session, companyId));
    }

    /** Whether a response element answers this step's request (one element for most steps). */
    default boolean answeredBy(String responseElement) {
        return responseElement().equals(responseElement);
    }

    /** An error status code that is, for this step, an answer like any other (e.g. "none of these exist"). */
    default boolean accepts(int statusCode) {
        return false;
    }

    /** Receives one response's records inside the response's transaction. */
    Work work(SqlSession session, long companyId, long runId, boolean fullResync);

    /** What the planner knows when it renders a request. */
    record Request(String requestId, String iteratorId, int maxReturned, String from, String to) {
        boolean continuing() {
            return iteratorId != null;
        }
    }

    /** Collects the records of one response and writes them. */
    abstract class Work implements QbxmlResponseReader.Handler {
        RsStatus status;
        int responses;
        int received;
        int inserted;
        int updated;
        int unchanged;
        int deleted;
        OffsetDateTime maxTime;
        /** The whole response text, for steps that keep it (the action queue's attempts). */
        String response;
        final List<OffsetDateTime> times = new java.util.ArrayList<>();

        @Override
        public void onStatus(RsStatus s) {
            responses++;
            if (status == null) {
                status = s;
            }
        }

        void seen(OffsetDateTime t) {
            if (t != null) {
                times.add(t);
            }
            if (t != null && (maxTime == null || t.toInstant().isAfter(maxTime.toInstant()))) {
                maxTime = t;
            }
        }

        /** Writes what is still buffered. */
        abstract void finish();

        /** Work at the end of a completed full re-sync (e.g. marking what QuickBooks no longer has). */
        void afterFullResync() {
        }
    }
}
