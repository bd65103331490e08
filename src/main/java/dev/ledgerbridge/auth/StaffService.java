package dev.ledgerbridge.auth;

import dev.ledgerbridge.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.exceptions.PersistenceException;

/** Staff logins: creation, the first-start admin, and password checks throttled after repeated failures. */
public final class StaffService {
    public static final String ROLE_ADMIN = "admin";
    public static final String ROLE_STAFF = "staff";
    /** The time of the last sign-in is written at most this often (API clients sign in again and again). */
    private static final Duration LAST_LOGIN_EVERY = Duration.ofMinutes(1);

    private final Database db;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Clock clock;

    public StaffService(Database db, PasswordHasher hasher, LoginPolicy policy, Clock clock) {
        this.db = db;
        this.hasher = hasher;
        this.throttle = new LoginThrottle(db, policy, clock);
        this.clock = clock;
    }

    /** Creates a staff login; throws IllegalArgumentException when the name is taken or the password too weak. */
    public void add(String username, String password, String role) {
        Passwords.checkUsername(username);
        Passwords.check(password);
        if (!ROLE_ADMIN.equals(role) && !ROLE_STAFF.equals(role)) {
            throw new IllegalArgumentException("role must be admin or staff");
        }
        String hash = hasher.hash(password);
        try (SqlSession s = db.session()) {
            StaffMapper m = s.getMapper(StaffMapper.class);
            if (m.findByUsername(username) != null) {
                throw new IllegalArgumentException("a staff login named '" + username + "' already exists");
            }
            m.insert(username, hash, role, clock.instant());
            s.commit();
        } catch (PersistenceException e) {
            throw new IllegalArgumentException("a staff login named '" + username + "' already exists", e);
        }
    }

    /**
     * When there is no staff login at all, creates "admin" with a random password and returns that password
     * (the caller shows it once); otherwise empty.
     */
    public Optional<String> ensureInitialAdmin() {
        try (SqlSession s = db.session()) {
            if (s.getMapper(StaffMapper.class).count() > 0) {
                return Optional.empty();
            }
        }
        String password = Passwords.generate();
        add("admin", password, ROLE_ADMIN);
        return Optional.of(password);
    }

    /**
     * The user when the name and password match and the login is enabled, and the address is not made to wait after
     * repeated failures ({@link LoginThrottle}). The password is checked in every case, so an unknown name, a
     * disabled login or a wait take as long to answer as a wrong password.
     */
    public Optional<StaffUser> authenticate(String username, String password, String remoteAddress) {
        Instant now = clock.instant();
        return db.transaction(s -> {
            StaffMapper m = s.getMapper(StaffMapper.class);
            StaffUser u = username == null ? null : m.findByUsername(username);
            Long id = u == null ? null : u.id();
            boolean ok = hasher.verify(password, u == null ? null : u.passwordHash());
            if (throttle.waiting(s, LoginThrottle.STAFF, id, remoteAddress)) {
                return Optional.empty();
            }
            if (u == null || !u.enabled() || !ok) {
                throttle.failed(LoginThrottle.STAFF, id, remoteAddress);
                return Optional.empty();
            }
            throttle.succeeded(s, LoginThrottle.STAFF, u.id(), remoteAddress);
            if (u.lastLoginAt() == null || u.lastLoginAt().isBefore(now.minus(LAST_LOGIN_EVERY))) {
                m.recordSuccess(u.id(), now);
            }
            s.commit();
            return Optional.of(u);
        });
    }

    /**
     * The login as it is now, when it is still enabled and still has the password hash a remembered sign-in was
     * checked against; empty once the password was reset or the login disabled. A cheap read, no bcrypt.
     */
    public Optional<StaffUser> stillValid(long id, String passwordHash) {
        return db.transaction(s -> {
            StaffUser u = s.getMapper(StaffMapper.class).findById(id);
            return u != null && u.enabled() && Secrets.same(u.passwordHash(), passwordHash) ? Optional.of(u)
                    : Optional.empty();
        });
    }

    public java.util.List<StaffUser> list() {
        return db.transaction(s -> {
            return s.getMapper(StaffMapper.class).list();
        });
    }

    public Optional<StaffUser> user(long id) {
        return db.transaction(s -> {
            return Optional.ofNullable(s.getMapper(StaffMapper.class).findById(id));
        });
    }

    /**
     * Gives a staff login a new generated password (returned, to show once), forgets its failed sign-ins and ends its
     * sessions.
     */
    public String resetPassword(long id) {
        String password = Passwords.generate();
        String hash = hasher.hash(password);
        db.inTransaction(s -> {
            StaffMapper m = s.getMapper(StaffMapper.class);
            if (m.setPassword(id, hash) == 0) {
                throw new IllegalArgumentException("no staff login with id " + id);
            }
            m.endSessions(id);
            LoginThrottle.forget(s, LoginThrottle.STAFF, id);
            s.commit();
        });
        return password;
    }

    /**
     * Enables or disables a staff login; disabling ends its sessions. The last enabled admin cannot be disabled,
     * so someone can always manage logins.
     */
    public void setEnabled(long id, boolean enabled) {
        db.inTransaction(s -> {
            StaffMapper m = s.getMapper(StaffMapper.class);
            StaffUser u = m.findById(id);
            if (u == null) {
                throw new IllegalArgumentException("no staff login with id " + id);
            }
            if (!enabled && u.enabled() && ROLE_ADMIN.equals(u.role()) && m.countEnabledAdmins() <= 1) {
                throw new IllegalArgumentException("'" + u.username() + "' is the last enabled admin; enable or add"
                        + " another admin first");
            }
            m.setEnabled(id, enabled);
            if (!enabled) {
                m.endSessions(id);
            }
            LoginThrottle.forget(s, LoginThrottle.STAFF, id);
            s.commit();
        });
    }
}
