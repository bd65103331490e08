package dev.ledgerbridge.auth;

import dev.ledgerbridge.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Signed-in browsers, kept in MariaDB so a restart or a second server instance keeps everyone signed in. The
 * browser holds a random id; the database holds its SHA-256, the login, a CSRF token and an idle deadline that
 * moves forward while the session is used.
 */
public final class StaffSessions {
    /** A session's deadline is moved at most this often, so reading pages does not write on every request. */
    private static final Duration TOUCH_EVERY = Duration.ofSeconds(30);

    private final Database db;
    private final Duration idle;
    private final Clock clock;

    public StaffSessions(Database db, Duration idle, Clock clock) {
        this.db = db;
        this.idle = idle;
        this.clock = clock;
    }

    /** A new session: the id for the cookie (shown nowhere else) and the stored session. */
    public record Started(String cookieValue, StaffSession session) {
    }

    public Started start(StaffUser user, String remoteAddress) {
        Instant now = clock.instant();
        String id = Secrets.token();
        String idHash = Secrets.sha256(id);
        return db.transaction(s -> {
            AccessMapper m = s.getMapper(AccessMapper.class);
            m.deleteExpiredSessions(now);
            m.insertSession(idHash, user.id(), Secrets.token(), now, now.plus(idle), remoteAddress);
            s.commit();
            return new Started(id, m.findSession(idHash, now));
        });
    }

    /** The live session behind a cookie value, its idle deadline moved on; empty when unknown or expired. */
    public Optional<StaffSession> find(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String idHash = Secrets.sha256(cookieValue);
        return db.transaction(s -> {
            AccessMapper m = s.getMapper(AccessMapper.class);
            StaffSession session = m.findSession(idHash, now);
            if (session == null) {
                return Optional.empty();
            }
            if (session.lastSeenAt().plus(TOUCH_EVERY).isBefore(now)) {
                m.touchSession(idHash, now, now.plus(idle));
                s.commit();
            }
            return Optional.of(session);
        });
    }

    public void end(String idHash) {
        db.inTransaction(s -> {
            s.getMapper(AccessMapper.class).deleteSession(idHash);
            s.commit();
        });
    }

    /** Leaves a one-time message for the next page this session sees. */
    public void flash(String idHash, String message) {
        db.inTransaction(s -> {
            s.getMapper(AccessMapper.class).setFlash(idHash, message.length() > 1000 ? message.substring(0, 1000) : message);
            s.commit();
        });
    }

    /** The one-time message, if any, removed as it is read. */
    public Optional<String> takeFlash(String idHash) {
        return db.transaction(s -> {
            AccessMapper m = s.getMapper(AccessMapper.class);
            String flash = m.flash(idHash);
            if (flash != null) {
                m.setFlash(idHash, null);
                s.commit();
            }
            return Optional.ofNullable(flash);
        });
    }
}
