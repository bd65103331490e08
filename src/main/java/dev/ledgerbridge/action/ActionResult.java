package dev.ledgerbridge.action;

import java.time.Instant;

/** What a bulk action did for one customer: {@code outcome} done, skipped or failed, and why. */
public record ActionResult(long actionId, String listId, String outcome, String message, Instant at) {
    public static final String DONE = "done";
    public static final String SKIPPED = "skipped";
    public static final String FAILED = "failed";
}
