package dev.ledgerbridge.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** Generated passwords and the rules a chosen password must meet. */
public final class Passwords {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    public static final int MIN_LENGTH = 10;

    private Passwords() {
    }

    /** A random password of 20 characters without look-alike letters. */
    public static String generate() {
        StringBuilder b = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            b.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return b.toString();
    }

    /** Throws IllegalArgumentException with a message a person can act on when the password is too weak. */
    public static void check(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the password must be at least " + MIN_LENGTH + " characters long");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_BYTES) {
            throw new IllegalArgumentException("the password must be at most " + PasswordHasher.MAX_BYTES
                    + " bytes long (" + PasswordHasher.MAX_BYTES + " letters without accents)");
        }
    }

    /** Usernames: 1-100 characters, letters, digits and . _ @ - only. */
    public static void checkUsername(String username) {
        if (username == null || !username.matches("[A-Za-z0-9._@-]{1,100}")) {
            throw new IllegalArgumentException("a username is 1 to 100 letters, digits or . _ @ - characters");
        }
    }
}
