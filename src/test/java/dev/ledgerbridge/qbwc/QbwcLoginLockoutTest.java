package dev.ledgerbridge.qbwc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.App;
import dev.ledgerbridge.MutableClock;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.config.Setting;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A Web Connector login is locked after qbwc.login.max.failures wrong passwords in a row, and only then. */
class QbwcLoginLockoutTest {
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

    private static String status(String username, String password) {
        List<String> slots = app.qbwc.authenticate(username, password, "127.0.0.1");
        return slots.get(1);
    }

    private static void fail(String username, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(status(username, "wrong password " + i)).isEqualTo("nvu");
        }
    }

    @Test
    void oneFailureFewerThanTheMaximumDoesNotLock() {
        // given
        app.companies.addLogin("almost", "Almost Co", PASSWORD);
        fail("almost", 2);

        // when
        String status = status("almost", PASSWORD);

        // then
        assertThat(status).isEmpty();
    }

    @Test
    void theMaximumNumberOfFailuresLocksUntilTheLockoutPasses() {
        // given
        app.companies.addLogin("locked", "Locked Co", PASSWORD);
        fail("locked", 3);

        // when / then
        assertThat(status("locked", PASSWORD)).isEqualTo("nvu");
        CLOCK.advance(Duration.ofSeconds(61));
        assertThat(status("locked", PASSWORD)).isEmpty();
    }
}
