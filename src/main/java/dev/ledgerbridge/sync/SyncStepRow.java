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
}
