package dev.ledgerbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerbridge.App;
import dev.ledgerbridge.MutableClock;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.config.Setting;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Staff logins on a real database: lockout after repeated failures, the first-start admin. */
class StaffServiceTest {
    private static final String PASSWORD = "correct horse battery";
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    static App app;

    @BeforeAll
    static void open() {
        app = App.open(TestDb.freshConfig(Map.of(Setting.QBWC_LOGIN_MAX_FAILURES, "3",
                Setting.QBWC_LOGIN_LOCKOUT_SECONDS, "60")), CLOCK);
    }

    @AfterAll
    static void close() {
        app.close();
    }

    private static void fail(String username, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(app.staff.authenticate(username, "wrong password " + i)).isEmpty();
        }
    }

    @Test
    void locksALoginAfterMaxFailuresUntilTheLockoutPasses() {
        // given
        app.staff.add("locked", PASSWORD, StaffService.ROLE_STAFF);
        fail("locked", 3);

        // when / then: even the right password fails while locked
        assertThat(app.staff.authenticate("locked", PASSWORD)).isEmpty();
        CLOCK.advance(Duration.ofSeconds(59));
        assertThat(app.staff.authenticate("locked", PASSWORD)).isEmpty();

        // when / then: the lockout has passed
        CLOCK.advance(Duration.ofSeconds(2));
        assertThat(app.staff.authenticate("locked", PASSWORD)).hasValueSatisfying(
                u -> assertThat(u.role()).isEqualTo(StaffService.ROLE_STAFF));
    }

    @Test
    void doesNotLockBeforeMaxFailures() {
        // given
        app.staff.add("almost", PASSWORD, StaffService.ROLE_STAFF);
        fail("almost", 2);

        // when
        Optional<StaffUser> u = app.staff.authenticate("almost", PASSWORD);

        // then
        assertThat(u).isPresent();
    }

    @Test
    void aSuccessfulLoginResetsTheFailureCount() {
        // given: two failures, a success, two more failures (four in all, but never three in a row)
        app.staff.add("resets", PASSWORD, StaffService.ROLE_STAFF);
        fail("resets", 2);
        assertThat(app.staff.authenticate("resets", PASSWORD)).isPresent();
        fail("resets", 2);

        // when
        Optional<StaffUser> u = app.staff.authenticate("resets", PASSWORD);

        // then
        assertThat(u).isPresent();
        assertThat(app.staff.authenticate("resets", PASSWORD)).hasValueSatisfying(
                stored -> assertThat(stored.failedAttempts()).isZero());
    }

    @Test
    void refusesATakenUsername() {
        // given
        app.staff.add("taken", PASSWORD, StaffService.ROLE_ADMIN);

        // then
        assertThatThrownBy(() -> app.staff.add("taken", "another long password", StaffService.ROLE_STAFF))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already exists");
    }

    @Test
    void theInitialAdminPasswordIsReturnedOnceAndAuthenticates() {
        // given: a database with no staff login at all
        try (App fresh = App.open(TestDb.freshConfig(), CLOCK)) {
            // when
            Optional<String> first = fresh.staff.ensureInitialAdmin();
            Optional<String> second = fresh.staff.ensureInitialAdmin();

            // then
            assertThat(first).hasValueSatisfying(p -> assertThat(p).hasSizeGreaterThanOrEqualTo(Passwords.MIN_LENGTH));
            assertThat(fresh.staff.authenticate("admin", first.get())).hasValueSatisfying(
                    u -> assertThat(u.role()).isEqualTo(StaffService.ROLE_ADMIN));
            assertThat(second).isEmpty();
        }
    }
}
