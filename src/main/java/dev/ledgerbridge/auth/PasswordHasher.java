package dev.ledgerbridge.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** bcrypt hashing of login passwords (Web Connector logins and staff logins alike). */
public final class PasswordHasher {
    private final int cost;
    private final String dummyHash;

    public PasswordHasher(int cost) {
        this.cost = cost;
        this.dummyHash = hash("not a password");
    }

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    /** True when the password matches; a null hash is checked against a dummy so timing does not reveal it. */
    public boolean verify(String password, String hash) {
        String against = hash == null ? dummyHash : hash;
        boolean ok = BCrypt.verifyer().verify((password == null ? "" : password).getBytes(StandardCharsets.UTF_8),
                against.getBytes(StandardCharsets.UTF_8)).verified;
        return ok && hash != null;
    }
}
