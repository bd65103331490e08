package dev.ledgerbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private static final String PASSWORD = "correct horse battery";
    private final PasswordHasher hasher = new PasswordHasher(4);

    @Test
    void storesASaltedBcryptHashNeverThePassword() {
        // when
        String first = hasher.hash(PASSWORD);
        String second = hasher.hash(PASSWORD);

        // then
        assertThat(first).startsWith("$2").doesNotContain(PASSWORD).doesNotContain("horse");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void verifiesTheRightPasswordOnly() {
        // given
        String hash = hasher.hash(PASSWORD);

        // then
        assertThat(hasher.verify(PASSWORD, hash)).isTrue();
        assertThat(hasher.verify("correct horse battery!", hash)).isFalse();
        assertThat(hasher.verify("", hash)).isFalse();
        assertThat(hasher.verify(null, hash)).isFalse();
    }

    @Test
    void aNullHashNeverVerifies() {
        assertThat(hasher.verify(PASSWORD, null)).isFalse();
        assertThat(hasher.verify("not a password", null)).isFalse();
        assertThat(hasher.verify(null, null)).isFalse();
    }

    @Test
    void aPasswordLongerThanBcryptTakesIsAWrongPasswordNotAnError() {
        // given: a stored hash, and a password that starts with the same 72 bytes
        String stored = "p".repeat(PasswordHasher.MAX_BYTES);
        String hash = hasher.hash(stored);

        // then: a 150-character password is simply wrong, whether the login exists or not
        assertThat(hasher.verify(stored, hash)).isTrue();
        assertThat(hasher.verify(stored + "p".repeat(78), hash)).isFalse();
        assertThat(hasher.verify("x".repeat(150), null)).isFalse();
    }

    @Test
    void aChosenPasswordIsMeasuredInBytesAsBcryptReadsIt() {
        // 72 plain letters are fine; 37 accented letters are 74 bytes, more than bcrypt reads
        Passwords.check("a".repeat(72));
        assertThatThrownBy(() -> Passwords.check("\u00e9".repeat(37))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 72 bytes");
    }
}
