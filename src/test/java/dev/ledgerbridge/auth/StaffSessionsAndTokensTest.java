package dev.ledgerbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerbridge.App;
import dev.ledgerbridge.MutableClock;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.config.Setting;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Staff sessions and API tokens on a real database: idle timeout, restart, hashes only, revocation. */
class StaffSessionsAndTokensTest {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    static App app;
    static StaffUser admin;

    @BeforeAll
    static void open() {
        app = App.open(TestDb.freshConfig(Map.of(Setting.ADMIN_SESSION_IDLE_MINUTES, "30")), CLOCK);
        app.staff.add("sessions-admin", "correct horse battery", StaffService.ROLE_ADMIN);
        admin = app.staff.authenticate("sessions-admin", "correct horse battery", "127.0.0.1").orElseThrow();
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void endsASessionAfterTheIdleTimeoutButNotWhileItIsUsed() {
        // given
        StaffSessions.Started s = app.sessions.start(admin, "127.0.0.1");

        // when used every 20 minutes for an hour, it stays
        for (int i = 0; i < 3; i++) {
            CLOCK.advance(Duration.ofMinutes(20));
            assertThat(app.sessions.find(s.cookieValue())).as("after %d x 20 minutes of use", i + 1).isPresent();
        }

        // when left alone for 31 minutes, it is gone
        CLOCK.advance(Duration.ofMinutes(31));
        assertThat(app.sessions.find(s.cookieValue())).isEmpty();
    }

    @Test
    void keepsSessionsInTheDatabaseUnderTheHashOfTheirId() throws Exception {
        StaffSessions.Started s = app.sessions.start(admin, "127.0.0.1");
        try (Connection c = app.db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id_hash FROM staff_session")) {
            while (rs.next()) {
                assertThat(rs.getString(1)).isNotEqualTo(s.cookieValue()).hasSize(64);
            }
        }
        assertThat(app.sessions.find(s.cookieValue()).orElseThrow().idHash()).isEqualTo(Secrets.sha256(s.cookieValue()));
        app.sessions.end(s.session().idHash());
        assertThat(app.sessions.find(s.cookieValue())).isEmpty();
        assertThat(app.sessions.find("made-up")).isEmpty();
    }

    @Test
    void givesAOneTimeMessageOnce() {
        StaffSessions.Started s = app.sessions.start(admin, null);
        app.sessions.flash(s.session().idHash(), "Saved.");
        assertThat(app.sessions.takeFlash(s.session().idHash())).hasValue("Saved.");
        assertThat(app.sessions.takeFlash(s.session().idHash())).isEmpty();
    }

    @Test
    void acceptsATokenUntilItIsRevokedAndStoresOnlyItsHash() throws Exception {
        ApiTokens.Created t = app.tokens.create("nightly export", admin.id());
        assertThat(app.tokens.authenticate(t.token())).hasValueSatisfying(u ->
                assertThat(u.username()).isEqualTo("sessions-admin"));
        try (Connection c = app.db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT token_hash, token_prefix FROM api_token")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(Secrets.sha256(t.token()));
            assertThat(t.token()).startsWith(rs.getString(2)).hasSizeGreaterThan(40);
        }
        ApiToken listed = app.tokens.list().stream().filter(x -> x.name().equals("nightly export")).findFirst()
                .orElseThrow();
        assertThat(listed.lastUsedAt()).isNotNull();
        assertThat(app.tokens.revoke(listed.id())).isTrue();
        assertThat(app.tokens.authenticate(t.token())).isEmpty();
        assertThat(app.tokens.revoke(listed.id())).isFalse();
        assertThat(app.tokens.authenticate("lbt_guess")).isEmpty();
        assertThatThrownBy(() -> app.tokens.create(" ", admin.id())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsTheLastEnabledAdmin() {
        // given: the only admin of this database
        long onlyAdmin = admin.id();

        // then
        assertThatThrownBy(() -> app.staff.setEnabled(onlyAdmin, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("last enabled admin");
    }
}
