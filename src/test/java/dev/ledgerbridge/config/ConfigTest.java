package dev.ledgerbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.ledgerbridge.App;
import dev.ledgerbridge.LogCapture;
import dev.ledgerbridge.Main;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ConfigTest {
    private static final String DB_PASSWORD = "Zq7-db-secret-4711";

    private static Config withDbPassword() {
        return Config.of(Map.of(
                Setting.DB_URL, "jdbc:mariadb://db.local:3306/ledgerbridge",
                Setting.DB_USER, "ledgerbridge",
                Setting.DB_PASSWORD, DB_PASSWORD,
                Setting.HTTP_PORT, "9090"));
    }

    @Test
    void describeMasksTheDbPasswordAndShowsEveryOtherValue() {
        // given
        Config c = withDbPassword();

        // when
        String description = c.describe();

        // then
        assertThat(description).doesNotContain(DB_PASSWORD).contains("db.password = ********");
        assertThat(description)
                .contains("db.url = jdbc:mariadb://db.local:3306/ledgerbridge")
                .contains("db.user = ledgerbridge")
                .contains("http.port = 9090")
                .contains("qbwc.max.returned = 500");
        for (Setting s : Setting.values()) {
            assertThat(description).contains(s.key() + " = ");
        }
    }

    @Test
    void describeShowsAnEmptyDbPasswordAsEmpty() {
        // given
        Config c = Config.of(Map.of());

        // when
        String description = c.describe();

        // then
        assertThat(description).contains("db.password = \n").doesNotContain("********");
    }

    @Test
    void theEffectiveConfigurationLoggedAtStartCarriesNoDbPassword() {
        // given
        Config c = withDbPassword();

        // when: logged the way `serve` logs it, on the logger of Main
        try (LogCapture log = LogCapture.start(Level.INFO, "dev.ledgerbridge")) {
            LoggerFactory.getLogger(Main.class).info("Ledgerbridge " + App.version() + " starting; " + c.describe());

            // then
            assertThat(log.events()).hasSize(1);
            assertThat(log.events().get(0).getFormattedMessage()).contains("db.password = ********")
                    .contains("db.user = ledgerbridge");
            assertThat(log.texts()).noneMatch(t -> t.contains(DB_PASSWORD));
        }
    }
}
