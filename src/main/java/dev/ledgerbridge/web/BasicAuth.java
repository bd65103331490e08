package dev.ledgerbridge.web;

import dev.ledgerbridge.auth.Secrets;
import dev.ledgerbridge.auth.StaffService;
import dev.ledgerbridge.auth.StaffUser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP Basic authentication against staff logins. bcrypt is slow by design, so a successful check is
 * remembered for a few minutes under a SHA-256 of the credentials (never the password itself).
 */
final class BasicAuth {
    private static final Duration REMEMBER = Duration.ofMinutes(5);
    private static final int MAX_REMEMBERED = 1000;

    private final StaffService staff;
    private final Clock clock;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private record Remembered(StaffUser user, Instant until) {
    }

    BasicAuth(StaffService staff, Clock clock) {
        this.staff = staff;
        this.clock = clock;
    }

    Optional<StaffUser> authenticate(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String key = Secrets.sha256(decoded);
        Instant now = clock.instant();
        Remembered r = remembered.get(key);
        if (r != null && r.until().isAfter(now)) {
            return Optional.of(r.user());
        }
        Optional<StaffUser> user = staff.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
        if (user.isPresent()) {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(key, new Remembered(user.get(), now.plus(REMEMBER)));
        }
        return user;
    }
}
