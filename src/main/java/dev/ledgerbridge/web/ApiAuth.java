package dev.ledgerbridge.web;

import dev.ledgerbridge.auth.ApiTokens;
import dev.ledgerbridge.auth.StaffService;
import dev.ledgerbridge.auth.StaffUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who sends a request to the JSON API or /doctor: an API token ({@code Authorization: Bearer}) or a staff login over
 * HTTP Basic. bcrypt is slow by design, so a successful Basic sign-in is remembered for a few minutes under a keyed
 * hash of the credentials (never the password itself) with the stored password hash it matched; each request reads
 * the login again and uses the memory only while the login is enabled and its password hash unchanged, so a reset
 * or a disable takes effect on the next request.
 */
final class ApiAuth {
    private static final Duration REMEMBER = Duration.ofMinutes(5);
    private static final int MAX_REMEMBERED = 1000;

    private final StaffService staff;
    private final ApiTokens tokens;
    private final Clock clock;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    private final SecretKeySpec cacheKey;

    private record Remembered(long staffId, String passwordHash, Instant until) {
    }

    ApiAuth(StaffService staff, ApiTokens tokens, Clock clock) {
        this.staff = staff;
        this.tokens = tokens;
        this.clock = clock;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.cacheKey = new SecretKeySpec(key, "HmacSHA256");
    }

    /** The staff login the request acts for, or empty. */
    Optional<StaffUser> authenticate(HttpServletRequest req) {
        String header = req.getHeader("Authorization");
        if (header == null) {
            return Optional.empty();
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return tokens.authenticate(header.substring(7).trim());
        }
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String key = keyOf(decoded);
        Instant now = clock.instant();
        Remembered r = remembered.get(key);
        if (r != null && r.until().isAfter(now)) {
            Optional<StaffUser> current = staff.stillValid(r.staffId(), r.passwordHash());
            if (current.isPresent()) {
                return current;
            }
            remembered.remove(key);
        }
        Optional<StaffUser> user = staff.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1),
                req.getRemoteAddr());
        if (user.isPresent()) {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(key, new Remembered(user.get().id(), user.get().passwordHash(), now.plus(REMEMBER)));
        }
        return user;
    }

    /**
     * 401 with a Bearer challenge only: a Basic challenge would make a browser ask for a login and then send it with
     * every later request to this server, including those another site makes it send.
     */
    static void refuse(HttpServletResponse resp, String message) throws IOException {
        resp.setHeader("WWW-Authenticate", "Bearer realm=\"Ledgerbridge\"");
        Json.error(resp, 401, "unauthorized", message);
    }

    private String keyOf(String credentials) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(cacheKey);
            return HexFormat.of().formatHex(mac.doFinal(credentials.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
