package dev.ledgerbridge.action;

import java.time.Instant;

/** One request to QuickBooks for an action ({@code purpose} write, check or read), masked and size-capped. */
public record ActionAttempt(long id, long actionId, Long runId, String requestId, String purpose, String requestXml,
                            String responseXml, Integer statusCode, String outcome, Instant startedAt,
                            Instant endedAt) {
}
