package dev.ledgerbridge.qbwc;

import java.time.Instant;

/** One Web Connector session as stored: what the ticket unlocks and what the session has learned so far. */
public record QbwcSession(
        long id,
        String ticketHash,
        long companyId,
        long loginId,
        String state,
        String clientVersion,
        String remoteAddress,
        String companyFile,
        String qbxmlVersion,
        boolean hcpChecked,
        String observedFileId,
        String observedFileName,
        Long runId,
        boolean waitRequested,
        String lastError,
        Instant createdAt,
        Instant lastSeenAt,
        Instant expiresAt,
        Instant closedAt) {

    static final String OPEN = "open";
    static final String CLOSED = "closed";
    static final String SUPERSEDED = "superseded";
}
