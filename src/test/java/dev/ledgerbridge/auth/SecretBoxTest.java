package dev.ledgerbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerbridge.App;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.Setting;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secrets key: AES-GCM sealing, where the key comes from, and the start-up check that it reads what is stored. */
class SecretBoxTest {
    static final String OTHER_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void sealsWithAFreshNonceAndOpensOnlyWithTheSameKey() {
        SecretBox box = SecretBox.ofKey(TestDb.SECRETS_KEY);

        String a = box.seal("sk_test_abc123");
        String b = box.seal("sk_test_abc123");

        assertThat(a).startsWith("v1:").doesNotContain("sk_test").isNotEqualTo(b);
        assertThat(box.open(a)).isEqualTo("sk_test_abc123");
        assertThatThrownBy(() -> SecretBox.ofKey(OTHER_KEY).open(a)).isInstanceOf(SecretBox.WrongKey.class);
        String tampered = a.substring(0, a.length() - 2) + (a.endsWith("A=") ? "B=" : "A=");
        assertThatThrownBy(() -> box.open(tampered)).isInstanceOf(SecretBox.WrongKey.class);
        assertThat(SecretBox.last4("sk_test_abc123")).isEqualTo("c123");
        assertThat(box.toString()).doesNotContain(TestDb.SECRETS_KEY);
    }

    @Test
    void aKeyThatIsNotThirtyTwoBytesOfBase64IsRefusedSayingWhatToGive() {
        assertThatThrownBy(() -> SecretBox.ofKey("not base64!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> SecretBox.ofKey(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
    }

    @Test
    void withoutAConfiguredKeyAKeyFileIsMadeOnceReadableByTheOwnerOnly(@TempDir Path dir) throws Exception {
        Config config = Config.of(Map.of(Setting.DATA_DIR, dir.toString()));

        SecretBox first = SecretBox.of(config);
        String sealed = first.seal("whsec_1");
        SecretBox second = SecretBox.of(config);

        Path file = dir.resolve(SecretBox.KEY_FILE);
        assertThat(file).exists();
        assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(second.open(sealed)).isEqualTo("whsec_1");
        assertThat(SecretBox.of(Config.of(Map.of(Setting.DATA_DIR, dir.toString(), Setting.SECRETS_KEY,
                TestDb.SECRETS_KEY))).source()).contains("LEDGERBRIDGE_SECRETS_KEY");
    }

    @Test
    void aServerWhoseKeyCannotReadTheStoredSecretsRefusesToStart() {
        Config config = TestDb.freshConfig();
        App.open(config, Clock.systemUTC()).close(); // the first start stores the probe

        Config otherKey = config.with(Map.of(Setting.SECRETS_KEY, OTHER_KEY));

        assertThatThrownBy(() -> App.open(otherKey, Clock.systemUTC()).close())
                .isInstanceOf(SecretBox.WrongKey.class)
                .hasMessageContaining("encrypted with another key")
                .hasMessageContaining("LEDGERBRIDGE_SECRETS_KEY");
        App.open(config, Clock.systemUTC()).close(); // the right key still starts
    }
}
