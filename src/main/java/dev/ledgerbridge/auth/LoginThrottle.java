package dev.ledgerbridge.auth;

import dev.ledgerbridge.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throttles failed sign-ins by login and remote address (see {@link LoginPolicy}), so repeated wrong passwords slow
 * down whoever sends them without locking the login for anyone else. The counts live in the database (one row per
 * realm, login and address), so every server instance on it applies the same throttle.
 */
public final class LoginThrottle {
    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    /** Staff logins: the admin pages and the JSON API. */
    public static final String STAFF = "staff";
    /** Web Connector logins. */
    public static final String QBWC = "qbwc";
    /** The login id under which an address's sign-ins with unknown usernames are counted. */
    private static final long UNKNOWN = 0;
    /** A row whose last failure is this old starts again from one failure. */
    static final Duration FORGET_AFTER = Duration.ofDays(1);
    private static final int MAX_ADDRESS = 64;
    private static final int ATTEMPTS = 3;

    private final Database db;
    private final LoginPolicy policy;
    private final Clock clock;

    public LoginThrottle(Database db, LoginPolicy policy, Clock clock) {
        this.db = db;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Whether a sign-in of the login (null: a username that does not exist) from the address must wait now; read in
     * the caller's transaction.
     */
    public boolean waiting(SqlSession s, String realm, Long loginId, String address) {
        Instant until = s.getMapper(ThrottleMapper.class).waitUntil(realm, loginId == null ? UNKNOWN : loginId,
                address(address));
        return until != null && until.isAfter(clock.instant());
    }

    /**
     * Counts a failed sign-in of the login (null: a username that does not exist) from the address, in a transaction
     * of its own. Sign-ins failing at the same moment may make the database give up one of them (a deadlock): it is
     * counted again, and never turns the refusal into an error.
     */
    public void failed(String realm, Long loginId, String address) {
        long id = loginId == null ? UNKNOWN : loginId;
        String from = address(address);
        int threshold = loginId == null ? policy.unknownMaxFailures() : policy.maxFailures();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try (SqlSession s = db.session()) {
                ThrottleMapper m = s.getMapper(ThrottleMapper.class);
                Instant now = clock.instant();
                m.addFailure(realm, id, from, now, now.minus(FORGET_AFTER));
                Duration wait = policy.waitAfter(m.failures(realm, id, from), threshold);
                if (!wait.isZero()) {
                    m.setWait(realm, id, from, now.plus(wait));
                }
                s.commit();
                m.deleteOlderThan(now.minus(FORGET_AFTER));
                s.commit();
                return;
            } catch (PersistenceException e) {
                if (attempt == ATTEMPTS) {
                    log.warn("a failed {} sign-in from {} could not be counted: {}", realm, from, e.getMessage());
                }
            }
        }
    }

    /** A sign-in of the login from the address succeeded: its failures there are forgotten (caller's transaction). */
    public void succeeded(SqlSession s, String realm, long loginId, String address) {
        s.getMapper(ThrottleMapper.class).delete(realm, loginId, address(address));
    }

    /** Forgets the failures of a login from every address (its password was reset, or it was enabled again). */
    public static void forget(SqlSession s, String realm, long loginId) {
        s.getMapper(ThrottleMapper.class).deleteLogin(realm, loginId);
    }

    private static String address(String address) {
        if (address == null) {
            return "";
        }
        return address.length() <= MAX_ADDRESS ? address : address.substring(0, MAX_ADDRESS);
    }
}
