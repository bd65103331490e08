package dev.ledgerbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Settings come from the file, then the environment, then flags; a wrong one stops the start naming its key. */
class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path file(String... lines) throws IOException {
        Path f = dir.resolve("ledgerbridge.properties");
        Files.write(f, List.of(lines), StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void theFileOverridesTheDefaults() throws IOException {
        // given
        Path f = file("qbwc.app.name=Acme Sync", "qbwc.max.returned=200");

        // when
        Config c = ConfigLoader.load(f, Map.of(), Map.of());

        // then
        assertThat(c.get(Setting.QBWC_APP_NAME)).isEqualTo("Acme Sync");
        assertThat(c.maxReturned()).isEqualTo(200);
        assertThat(c.get(Setting.QBWC_RUN_EVERY_MINUTES)).isEqualTo(Setting.QBWC_RUN_EVERY_MINUTES.defaultValue());
    }

    @Test
    void theEnvironmentOverridesTheFile() throws IOException {
        // given
        Path f = file("qbwc.max.returned=200", "db.user=from-file");
        Map<String, String> env = Map.of("LEDGERBRIDGE_QBWC_MAX_RETURNED", "300", "LEDGERBRIDGE_DB_USER", "from-env");

        // when
        Config c = ConfigLoader.load(f, env, Map.of());

        // then
        assertThat(c.maxReturned()).isEqualTo(300);
        assertThat(c.get(Setting.DB_USER)).isEqualTo("from-env");
    }

    @Test
    void flagsOverrideTheEnvironmentAndTheFile() throws IOException {
        // given
        Path f = file("http.port=1111", "data.dir=from-file");
        Map<String, String> env = Map.of("LEDGERBRIDGE_HTTP_PORT", "2222", "LEDGERBRIDGE_DATA_DIR", "from-env");
        Map<Setting, String> flags = Map.of(Setting.HTTP_PORT, "3333");

        // when
        Config c = ConfigLoader.load(f, env, flags);

        // then
        assertThat(c.httpPort()).isEqualTo(3333);
        assertThat(c.get(Setting.DATA_DIR)).isEqualTo("from-env");
    }

    @Test
    void anUnknownKeyInTheFileFailsNamingTheKey() throws IOException {
        // given
        Path f = file("http.port=8080", "qbwc.max.retruned=100");

        // then
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("qbwc.max.retruned");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "http.port              | 80a",
        "http.port              | 65536",
        "http.port              | -1",
        "qbwc.max.returned      | 0",
        "qbwc.run.every.minutes | 1441",
        "security.password.cost | 3",
        "sync.company.timezone  | Mars/Olympus_Mons",
        "db.url                 | jdbc:postgresql://db.local:5432/ledgerbridge",
        "db.url                 | db.local:3306/ledgerbridge",
        "qbwc.min.client.version | latest",
    })
    void aBadValueInTheFileFailsNamingTheKey(String key, String value) throws IOException {
        // given
        Path f = file(key + "=" + value);

        // then
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key);
    }

    @Test
    void aBadValueFromTheEnvironmentFailsNamingTheKey() throws IOException {
        // given
        Path f = file();
        Map<String, String> env = Map.of("LEDGERBRIDGE_HTTP_PORT", "eighty");

        // then
        assertThatThrownBy(() -> ConfigLoader.load(f, env, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.port");
    }

    @Test
    void aMariaDbJdbcUrlIsAccepted() throws IOException {
        // given
        Path f = file("db.url=jdbc:mariadb://db.local:3306/ledgerbridge");

        // when
        Config c = ConfigLoader.load(f, Map.of(), Map.of());

        // then
        assertThat(c.embeddedDatabase()).isFalse();
        assertThat(c.get(Setting.DB_URL)).isEqualTo("jdbc:mariadb://db.local:3306/ledgerbridge");
    }
}
