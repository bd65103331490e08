package dev.ledgerbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerbridge.App;
import dev.ledgerbridge.MutableClock;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.Setting;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Staff logins on a real database: failed sign-ins throttled per login and address with growing waits (never a lock
 * someone else can set off), a per-address limit for unknown usernames, and the first-start admin.
 */
class StaffServiceTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String HOME = "192.0.2.10";
    private static final String ATTACKER = "198.51.100.66";
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    static Config config;
    static App app;

    @BeforeAll
    static void open() {
        config = TestDb.freshConfig(Map.of(Setting.QBWC_LOGIN_MAX_FAILURES, "3",
                Setting.QBWC_LOGIN_LOCKOUT_SECONDS, "60", Setting.LOGIN_UNKNOWN_MAX_FAILURES, "4"));
        app = App.open(config, CLOCK);
    }

    @AfterAll
    static void close() {
        app.close();
    }

    private static void fail(String username, String address, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(app.staff.authenticate(username, "wrong password " + i, address)).isEmpty();
        }
    }

    private static Optional<StaffUser> signIn(String username, String address) {
        return app.staff.authenticate(username, PASSWORD, address);
    }

    @Test
    void afterMaxFailuresTheAddressWaitsASecondThenTwiceAsLongAfterEachFailure() {
        // given
        app.staff.add("slowed", PASSWORD, StaffService.ROLE_STAFF);
        fail("slowed", HOME, 3);

        // when / then: even the right password waits its second
        assertThat(signIn("slowed", HOME)).isEmpty();
        CLOCK.advance(Duration.ofMillis(1100));
        fail("slowed", HOME, 1); // the fourth failure in a row: 2 seconds
        CLOCK.advance(Duration.ofMillis(1100));
        assertThat(signIn("slowed", HOME)).as("1.1 s into a 2 s wait").isEmpty();
        CLOCK.advance(Duration.ofMillis(1000));
        assertThat(signIn("slowed", HOME)).hasValueSatisfying(
                u -> assertThat(u.role()).isEqualTo(StaffService.ROLE_STAFF));
    }

    @Test
    void someoneElsesFailuresDoNotKeepTheLoginsOwnerOut() {
        // given: an attacker guesses far more than the limit from another address
        app.staff.add("target", PASSWORD, StaffService.ROLE_ADMIN);
        fail("target", ATTACKER, 12);

        // when / then: the owner signs in from their own address at once; the attacker's address still waits
        assertThat(signIn("target", HOME)).isPresent();
        assertThat(signIn("target", ATTACKER)).isEmpty();
    }

    @Test
    void theWaitNeverGrowsBeyondTheLongestWait() {
        // given: 12 failures in a row, each after the previous wait
        app.staff.add("patient", PASSWORD, StaffService.ROLE_STAFF);
        for (int i = 0; i < 12; i++) {
            fail("patient", HOME, 1);
            CLOCK.advance(Duration.ofSeconds(61));
        }
        fail("patient", HOME, 1);

        // then: 2^10 seconds would be 17 minutes; the wait is the longest, 60 s
        CLOCK.advance(Duration.ofSeconds(59));
        assertThat(signIn("patient", HOME)).isEmpty();
        CLOCK.advance(Duration.ofSeconds(2));
        assertThat(signIn("patient", HOME)).isPresent();
    }

    @Test
    void manyUnknownUsernamesFromOneAddressSlowDownEverySignInFromIt() {
        // given
        app.staff.add("bystander", PASSWORD, StaffService.ROLE_STAFF);
        String scanner = "203.0.113.77";
        for (int i = 0; i < 4; i++) {
            assertThat(app.staff.authenticate("nobody-" + i, PASSWORD, scanner)).isEmpty();
        }

        // when / then: a real login from that address waits; from elsewhere it does not
        assertThat(signIn("bystander", scanner)).isEmpty();
        assertThat(signIn("bystander", HOME)).isPresent();
        CLOCK.advance(Duration.ofMillis(1100));
        assertThat(signIn("bystander", scanner)).isPresent();
    }

    @Test
    void everyServerOnTheDatabaseSeesTheSameThrottle() {
        // given: the failures reach one server
        app.staff.add("shared", PASSWORD, StaffService.ROLE_STAFF);
        fail("shared", HOME, 3);

        // when: the next try goes to another server on the same database
        try (App other = App.open(config, CLOCK)) {
            // then
            assertThat(other.staff.authenticate("shared", PASSWORD, HOME)).isEmpty();
            CLOCK.advance(Duration.ofMillis(1100));
            assertThat(other.staff.authenticate("shared", PASSWORD, HOME)).isPresent();
        }
    }

    @Test
    void wrongPasswordsSentAllAtOnceAreAllRefusedWithoutAnErrorAndCounted() throws Exception {
        // given: a fresh login, and eight wrong passwords from one address at the same moment
        app.staff.add("rushed", PASSWORD, StaffService.ROLE_STAFF);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Optional<StaffUser>>> answers = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < 8; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return app.staff.authenticate("rushed", "wrong password " + n, HOME);
                }));
            }
            go.countDown();

            // then: each is a plain refusal (no error) and the address waits (those arriving during the wait are
            // refused uncounted); the longest wait later, the right password is taken
            for (Future<Optional<StaffUser>> a : answers) {
                assertThat(a.get(60, TimeUnit.SECONDS)).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(signIn("rushed", HOME)).isEmpty();
        CLOCK.advance(Duration.ofSeconds(61));
        assertThat(signIn("rushed", HOME)).isPresent();
    }

    @Test
    void doesNotThrottleBeforeMaxFailures() {
        // given
        app.staff.add("almost", PASSWORD, StaffService.ROLE_STAFF);
        fail("almost", HOME, 2);

        // when
        Optional<StaffUser> u = signIn("almost", HOME);

        // then
        assertThat(u).isPresent();
    }

    @Test
    void aSuccessfulSignInStartsTheCountAgain() {
        // given: two failures, a success, two more failures (four in all, but never three in a row)
        app.staff.add("resets", PASSWORD, StaffService.ROLE_STAFF);
        fail("resets", HOME, 2);
        assertThat(signIn("resets", HOME)).isPresent();
        fail("resets", HOME, 2);

        // when
        Optional<StaffUser> u = signIn("resets", HOME);

        // then
        assertThat(u).isPresent();
    }

    @Test
    void aPasswordResetEndsTheWait() {
        // given
        app.staff.add("forgetful", PASSWORD, StaffService.ROLE_STAFF);
        fail("forgetful", HOME, 3);
        long id = app.staff.list().stream().filter(u -> u.username().equals("forgetful")).findFirst().orElseThrow()
                .id();

        // when
        String reset = app.staff.resetPassword(id);

        // then
        assertThat(app.staff.authenticate("forgetful", reset, HOME)).isPresent();
        assertThat(signIn("forgetful", HOME)).as("the old password").isEmpty();
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
            assertThat(fresh.staff.authenticate("admin", first.get(), HOME)).hasValueSatisfying(
                    u -> assertThat(u.role()).isEqualTo(StaffService.ROLE_ADMIN));
            assertThat(second).isEmpty();
        }
    }
}
