package dev.ledgerbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;

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
}
