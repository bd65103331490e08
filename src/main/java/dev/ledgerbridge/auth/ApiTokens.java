package dev.ledgerbridge.auth;

import dev.ledgerbridge.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Tokens for programs that use the JSON API ({@code Authorization: Bearer}). A token is 256 random bits shown once
 * when an admin creates it; only its SHA-256 is stored (a slow hash adds nothing to a secret of that strength).
 */
public final class ApiTokens {
    static final String PREFIX = "lbt_";
    private static final Duration MARK_USED_EVERY = Duration.ofMinutes(1);

    private final Database db;
    private final Clock clock;

    public ApiTokens(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A new token: the secret (to show once) and what is listed afterwards. */
    public record Created(String token, String name) {
    }

    public Created create(String name, long staffId) {
        String n = name == null ? "" : name.trim();
        if (n.isEmpty() || n.length() > 100) {
            throw new IllegalArgumentException("a token name is 1 to 100 characters, e.g. the program that uses it");
        }
        String token = PREFIX + Secrets.token();
        db.inTransaction(s -> {
            s.getMapper(AccessMapper.class).insertToken(n, Secrets.sha256(token), token.substring(0, 10), staffId,
                    clock.instant());
            s.commit();
        });
        return new Created(token, n);
    }

    /** The staff login a valid, unrevoked token acts for. */
    public Optional<StaffUser> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(token);
        Instant now = clock.instant();
        return db.transaction(s -> {
            AccessMapper m = s.getMapper(AccessMapper.class);
            StaffUser owner = m.tokenOwner(hash);
            if (owner != null) {
                m.tokenUsed(hash, now, now.minus(MARK_USED_EVERY));
                s.commit();
            }
            return Optional.ofNullable(owner);
        });
    }

    public List<ApiToken> list() {
        return db.transaction(s -> {
            return s.getMapper(AccessMapper.class).tokens();
        });
    }

    /** Revokes a token; false when there was no such live token. */
    public boolean revoke(long id) {
        return db.transaction(s -> {
            boolean done = s.getMapper(AccessMapper.class).revokeToken(id, clock.instant()) > 0;
            s.commit();
            return done;
        });
    }
}
