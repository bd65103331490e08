package dev.ledgerbridge.auth;

import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.Setting;
import java.time.Duration;
import java.time.Instant;

/** How many failed logins in a row lock a login, and for how long. Shared by Web Connector and staff logins. */
public record LoginPolicy(int maxFailures, Duration lockout) {

    public static LoginPolicy of(Config config) {
        return new LoginPolicy(config.getInt(Setting.QBWC_LOGIN_MAX_FAILURES),
                Duration.ofSeconds(config.getInt(Setting.QBWC_LOGIN_LOCKOUT_SECONDS)));
    }

    public boolean locked(Instant lockedUntil, Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public Instant lockedUntil(Instant now) {
        return now.plus(lockout);
    }
}
