package dev.ledgerbridge.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** bcrypt hashing of login passwords (Web Connector logins and staff logins alike). */
public final class PasswordHasher {
    /** bcrypt reads at most this many bytes of a password; the library refuses longer ones. */
    public static final int MAX_BYTES = 72;

    private final int cost;
    private final String dummyHash;

    public PasswordHasher(int cost) {
        this.cost = cost;
        this.dummyHash = hash("not a password");
    }

    /** The hash of a password of at most {@link #MAX_BYTES} UTF-8 bytes (checked by {@link Passwords#check}). */
    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    /**
     * True when the password matches. A null hash is checked against a dummy, and a password longer than bcrypt
     * takes is checked as an empty one, so neither answers faster; both are false, like any wrong password.
     */
    public boolean verify(String password, String hash) {
        String against = hash == null ? dummyHash : hash;
        byte[] given = (password == null ? "" : password).getBytes(StandardCharsets.UTF_8);
        boolean tooLong = given.length > MAX_BYTES;
        boolean ok = BCrypt.verifyer().verify(tooLong ? new byte[0] : given,
                against.getBytes(StandardCharsets.UTF_8)).verified;
        return ok && hash != null && !tooLong;
    }
}
