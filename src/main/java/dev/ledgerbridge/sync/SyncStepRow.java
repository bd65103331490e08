package dev.ledgerbridge.sync;

import java.time.Instant;

/** What one step of a run did: requests, records, bytes, time, status codes and outcome. */
public record SyncStepRow(
        long runId,
        String step,
        int position,
        String state,
        boolean fullResync,
        int requests,
        int received,
        int inserted,
        int updated,
        int unchanged,
        int deleted,
        long bytes,
        long durationMs,
        String statusCodes,
        String hresult,
        String error,
        Instant startedAt,
        Instant endedAt) {

    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String HELD = "held";

    public boolean open() {
        return PENDING.equals(state) || RUNNING.equals(state);
    }

    /** This step in another state, with another error (null: none). */
    SyncStepRow withState(String newState, String newError) {
        return new SyncStepRow(runId, step, position, newState, fullResync, requests, received, inserted, updated,
                unchanged, deleted, bytes, durationMs, statusCodes, hresult, newError, startedAt, endedAt);
    }

    /** This step with one more request sent, started at {@code at} unless it had started already. */
    SyncStepRow requested(Instant at) {
        return new SyncStepRow(runId, step, position, RUNNING, fullResync, requests + 1, received, inserted, updated,
                unchanged, deleted, bytes, durationMs, statusCodes, hresult, error, startedAt == null ? at : startedAt,
                endedAt);
    }

    /** This step ended at {@code at}, with the hresult that ended it (null: none). */
    SyncStepRow ended(Instant at, String endingHresult) {
        return new SyncStepRow(runId, step, position, state, fullResync, requests, received, inserted, updated,
                unchanged, deleted, bytes, durationMs, statusCodes, endingHresult == null ? hresult : endingHresult,
                error, startedAt, at);
    }

    /** This step in {@code newState} with one response's counts added and its status codes. */
    SyncStepRow plus(String newState, int moreReceived, int moreInserted, int moreUpdated, int moreUnchanged,
                     int moreDeleted, long moreBytes, long moreMillis, String codes) {
        return new SyncStepRow(runId, step, position, newState, fullResync, requests, received + moreReceived,
                inserted + moreInserted, updated + moreUpdated, unchanged + moreUnchanged, deleted + moreDeleted,
                bytes + moreBytes, durationMs + moreMillis, codes, hresult, error, startedAt, endedAt);
    }
}
