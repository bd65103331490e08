package dev.ledgerbridge.sync;

import java.time.Instant;

/** One sync run (one Web Connector session) with the planner's cursor. */
public record SyncRun(
        long id,
        long companyId,
        Instant startedAt,
        Instant endedAt,
        String outcome,
        String error,
        String hresult,
        String qbxmlVersion,
        String plan,
        String currentStep,
        String iteratorId,
        Integer iteratorRemaining,
        String awaitingRequestId,
        int requestSeq,
        Instant stepMaxModified,
        Integer stepMaxOffset,
        int stepPages,
        Instant windowTo,
        Integer windowToOffset,
        int lastPercent,
        Instant processingUntil,
        int recordsReceived,
        int recordsInserted,
        int recordsUpdated,
        int recordsDeleted) {

    public static final String RUNNING = "running";
    public static final String SUCCESS = "success";
    public static final String FAILED = "failed";
    public static final String INTERRUPTED = "interrupted";
    public static final String REFUSED = "refused";

    public boolean finished() {
        return !RUNNING.equals(outcome);
    }
}
