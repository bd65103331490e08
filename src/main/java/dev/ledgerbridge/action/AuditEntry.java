package dev.ledgerbridge.action;

import java.time.Instant;

/** One staff action: who did what, when, from which address, in which company, to what. */
public record AuditEntry(long id, Instant at, String staff, String remoteAddress, String action, Long companyId,
                         String target, String detail) {
}
