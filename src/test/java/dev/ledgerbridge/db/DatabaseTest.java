package dev.ledgerbridge.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.App;
import dev.ledgerbridge.EmbeddedDataDir;
import dev.ledgerbridge.company.QbwcLogin;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class DatabaseTest {
    @Test
    void theEmbeddedDatabaseKeepsDataAcrossARestart() {
        // given
        String username = EmbeddedDataDir.unique("persist");
        QbwcLogin created;
        try (App first = App.open(EmbeddedDataDir.config(), Clock.systemUTC())) {
            created = first.companies.addLogin(username, "Persist Co", "correct horse battery");
        }

        // when
        try (App second = App.open(EmbeddedDataDir.config(), Clock.systemUTC())) {
            // then
            assertThat(second.db.embedded()).isTrue();
            assertThat(second.companies.login(username)).hasValueSatisfying(l -> {
                assertThat(l.id()).isEqualTo(created.id());
                assertThat(l.fileId()).isEqualTo(created.fileId());
                assertThat(second.hasher.verify("correct horse battery", l.passwordHash())).isTrue();
            });
            assertThat(second.companies.companyByName("Persist Co")).isPresent();
        }
    }
}
