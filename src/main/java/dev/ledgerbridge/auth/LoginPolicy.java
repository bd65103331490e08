package dev.ledgerbridge.auth;

import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.Setting;
import java.time.Duration;

/**
 * How failed sign-ins are throttled, for Web Connector and staff logins alike: after {@code maxFailures} failures in
 * a row of one login from one address, that address waits before its next try of that login, 1 second at first and
 * twice as long after each further failure, at most {@code longestWait}. {@code unknownMaxFailures} sign-ins with
 * usernames that do not exist make every sign-in from the address wait the same way.
 */
public record LoginPolicy(int maxFailures, Duration longestWait, int unknownMaxFailures) {

    public static LoginPolicy of(Config config) {
        return new LoginPolicy(config.getInt(Setting.QBWC_LOGIN_MAX_FAILURES),
                Duration.ofSeconds(config.getInt(Setting.QBWC_LOGIN_LOCKOUT_SECONDS)),
                config.getInt(Setting.LOGIN_UNKNOWN_MAX_FAILURES));
    }

    /** The wait after {@code failures} failures in a row where {@code threshold} are allowed; zero below it. */
    Duration waitAfter(int failures, int threshold) {
        if (failures < threshold) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - threshold, 30);
        Duration wait = Duration.ofSeconds(1L << doublings);
        return wait.compareTo(longestWait) > 0 ? longestWait : wait;
    }
}
