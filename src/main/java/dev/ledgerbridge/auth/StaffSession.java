package dev.ledgerbridge.auth;

import java.time.Instant;

/** A signed-in browser: who, with which role, the CSRF token its forms carry, and until when it stays valid. */
public record StaffSession(String idHash, long staffId, String username, String role, String csrfToken,
                           Instant lastSeenAt, Instant expiresAt) {

    public boolean admin() {
        return StaffService.ROLE_ADMIN.equals(role);
    }
}
