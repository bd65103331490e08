package dev.ledgerbridge.auth;

import java.time.Instant;

/** An API token as listed to admins: never the token itself, only the first characters. */
public record ApiToken(long id, String name, String tokenPrefix, String createdBy, Instant createdAt,
                       Instant lastUsedAt, Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
