package dev.ledgerbridge.auth;

import dev.ledgerbridge.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A sliding-window limit per key (a remote address, a link): at most {@code limit} hits in {@code window}, counted in
 * the database so that every instance behind a load balancer applies the same limit. Hits on one key are serialised
 * on the key's row (written first), so concurrent hits on several instances never let more than the limit through.
 * Refused hits are not counted. Old hits are forgotten now and then by whichever hit comes along.
 */
public final class RateLimits {
    private final Database db;
    private final String prefix;
    private final int limit;
    private final Duration window;
    private final Clock clock;

    /** {@code prefix} keeps the keys of different limits apart. */
    public RateLimits(Database db, String prefix, int limit, Duration window, Clock clock) {
        this.db = db;
        this.prefix = prefix;
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Counts a hit for the key; false when the key has had {@code limit} hits within the window already. */
    public boolean allow(String key) {
        String bucket = bucket(key);
        Instant now = clock.instant();
        Instant from = now.minus(window);
        boolean allowed = db.transaction(s -> {
            RateLimitMapper m = s.getMapper(RateLimitMapper.class);
            m.touch(bucket, now);
            if (m.hitsSince(bucket, from) >= limit) {
                return false;
            }
            m.addHit(bucket, now);
            return true;
        });
        if (ThreadLocalRandom.current().nextInt(200) == 0) {
            db.inTransaction(s -> {
                RateLimitMapper m = s.getMapper(RateLimitMapper.class);
                m.deleteHitsBefore(from);
                m.deleteKeysBefore(from);
            });
        }
        return allowed;
    }

    /** Seconds until the key's oldest hit leaves the window (for Retry-After). */
    public long retryAfterSeconds(String key) {
        Instant now = clock.instant();
        Instant oldest = db.transaction(s -> s.getMapper(RateLimitMapper.class).oldestSince(bucket(key),
                now.minus(window)));
        if (oldest == null) {
            return 1;
        }
        return Math.max(1, Duration.between(now, oldest.plus(window)).toSeconds() + 1);
    }

    private String bucket(String key) {
        String b = prefix + ":" + key;
        // a link or address longer than the column is cut; its hash keeps it apart from others
        return b.length() <= 120 ? b : b.substring(0, 100) + "#" + Integer.toHexString(b.hashCode());
    }
}
