package dev.ledgerbridge.auth;

import java.time.Instant;

/** A staff login for the admin pages and the JSON API. Role is "admin" or "staff". */
public record StaffUser(long id, String username, String passwordHash, String role, boolean enabled,
                        Instant createdAt, Instant lastLoginAt) {
}
