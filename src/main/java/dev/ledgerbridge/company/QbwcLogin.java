package dev.ledgerbridge.company;

import java.time.Instant;

/** A Web Connector login, bound to one company; {@code fileId} is the FileID written in its .qwc file. */
public record QbwcLogin(long id, String username, long companyId, String passwordHash, String fileId,
                        boolean enabled, Instant createdAt) {
}
