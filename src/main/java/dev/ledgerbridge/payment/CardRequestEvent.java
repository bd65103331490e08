package dev.ledgerbridge.payment;

import java.time.Instant;

/** One step in a card-information request's history: sent (to whom), send-failed, opened, declined, completed, refused. */
public record CardRequestEvent(long id, long requestId, Instant at, String event, String detail, String remoteAddress) {
}
