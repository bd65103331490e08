package dev.ledgerbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** conf/ledgerbridge.properties, the file operators read and edit, stays in step with {@link Setting}. */
class SettingTest {
    private static final Path SHIPPED_FILE = Path.of("conf", "ledgerbridge.properties");

    private static Properties shippedFile() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(SHIPPED_FILE, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void everySettingIsInTheShippedFileWithItsDefault() throws IOException {
        // given
        Properties file = shippedFile();

        // then
        SoftAssertions soft = new SoftAssertions();
        for (Setting s : Setting.values()) {
            soft.assertThat(file.getProperty(s.key())).as("%s in %s", s.key(), SHIPPED_FILE)
                    .isEqualTo(s.defaultValue());
        }
        soft.assertAll();
    }

    @Test
    void theShippedFileHasNoKeyThatIsNotASetting() throws IOException {
        // given
        Properties file = shippedFile();

        // then
        assertThat(file.stringPropertyNames())
                .allSatisfy(key -> assertThat(Setting.byKey(key)).as("setting for key '%s'", key).isPresent());
    }

    @Test
    void theShippedFileLoadsAsTheDefaults() {
        // when
        Config fromFile = ConfigLoader.load(SHIPPED_FILE, Map.of(), Map.of());

        // then
        assertThat(fromFile.describe()).isEqualTo(Config.of(Map.of()).describe());
    }
}
