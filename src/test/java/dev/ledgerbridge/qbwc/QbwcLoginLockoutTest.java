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

/**
 * Wrong Web Connector passwords slow down the address they come from (after qbwc.login.max.failures in a row, with
 * growing waits) and never lock the login for the QuickBooks PC; every refusal is answered "nvu".
 */
class QbwcLoginLockoutTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String QUICKBOOKS_PC = "192.0.2.20";
    private static final String ATTACKER = "198.51.100.66";
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    static App app;

    @BeforeAll
    static void open() {
        app = App.open(TestDb.freshConfig(Map.of(Setting.QBWC_LOGIN_MAX_FAILURES, "3",
                Setting.QBWC_LOGIN_LOCKOUT_SECONDS, "60", Setting.LOGIN_UNKNOWN_MAX_FAILURES, "4")), CLOCK);
    }

    @AfterAll
    static void close() {
        app.close();
    }

    private static String status(String username, String password, String address) {
        List<String> slots = app.qbwc.authenticate(username, password, address);
        return slots.get(1);
    }

    private static void fail(String username, String address, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(status(username, "wrong password " + i, address)).isEqualTo("nvu");
        }
    }

    @Test
    void oneFailureFewerThanTheMaximumDoesNotSlowDown() {
        // given
        app.companies.addLogin("almost", "Almost Co", PASSWORD);
        fail("almost", QUICKBOOKS_PC, 2);

        // when
        String status = status("almost", PASSWORD, QUICKBOOKS_PC);

        // then
        assertThat(status).isEmpty();
    }

    @Test
    void theMaximumNumberOfFailuresMakesThatAddressWaitAndTheWaitGrows() {
        // given
        app.companies.addLogin("slowed", "Slowed Co", PASSWORD);
        fail("slowed", QUICKBOOKS_PC, 3);

        // when / then: 1 second, then 2 after the next failure
        assertThat(status("slowed", PASSWORD, QUICKBOOKS_PC)).isEqualTo("nvu");
        CLOCK.advance(Duration.ofMillis(1100));
        fail("slowed", QUICKBOOKS_PC, 1);
        CLOCK.advance(Duration.ofMillis(1100));
        assertThat(status("slowed", PASSWORD, QUICKBOOKS_PC)).isEqualTo("nvu");
        CLOCK.advance(Duration.ofMillis(1000));
        assertThat(status("slowed", PASSWORD, QUICKBOOKS_PC)).isEmpty();
    }

    @Test
    void guessesFromAnotherAddressNeverKeepTheQuickBooksPcOut() {
        // given: someone who knows the username tries passwords far past the limit
        app.companies.addLogin("target", "Target Co", PASSWORD);
        fail("target", ATTACKER, 15);

        // when
        String pc = status("target", PASSWORD, QUICKBOOKS_PC);

        // then: the Web Connector on the QuickBooks PC syncs; the guesser's address still waits
        assertThat(pc).isEmpty();
        assertThat(status("target", PASSWORD, ATTACKER)).isEqualTo("nvu");
    }

    @Test
    void manyUnknownUsernamesFromOneAddressSlowDownEveryLoginFromIt() {
        // given
        app.companies.addLogin("bystander", "Bystander Co", PASSWORD);
        String scanner = "203.0.113.77";
        for (int i = 0; i < 4; i++) {
            assertThat(status("no-such-login-" + i, PASSWORD, scanner)).isEqualTo("nvu");
        }

        // then
        assertThat(status("bystander", PASSWORD, scanner)).isEqualTo("nvu");
        assertThat(status("bystander", PASSWORD, QUICKBOOKS_PC)).isEmpty();
    }

    @Test
    void aPasswordLongerThanBcryptTakesIsAnsweredNvu() {
        // given
        app.companies.addLogin("longpw", "Long Password Co", PASSWORD);

        // then: answered like any wrong password, for a known and an unknown username
        assertThat(status("longpw", "x".repeat(150), QUICKBOOKS_PC)).isEqualTo("nvu");
        assertThat(status("nobody-at-all", "x".repeat(150), QUICKBOOKS_PC)).isEqualTo("nvu");
        assertThat(status("longpw", PASSWORD, QUICKBOOKS_PC)).isEmpty();
    }
}
