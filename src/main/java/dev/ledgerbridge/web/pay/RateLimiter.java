package dev.ledgerbridge.web.pay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sliding-window limit per key (a remote address, a link): at most {@code limit} hits in {@code window}. Kept in
 * memory: it only slows down guessing and hammering, so losing it on a restart costs nothing. The number of keys is
 * bounded; the least recently used are forgotten first.
 */
final class RateLimiter {
    static final int MAX_KEYS = 20_000;
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> hits = new LinkedHashMap<>(256, 0.75f, true);

    RateLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Counts a hit for the key; false when the key has had {@code limit} hits within the window already. */
    synchronized boolean allow(String key) {
        Instant now = clock.instant();
        Instant from = now.minus(window);
        Deque<Instant> q = hits.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!q.isEmpty() && !q.peekFirst().isAfter(from)) {
            q.pollFirst();
        }
        if (q.size() >= limit) {
            return false;
        }
        q.addLast(now);
        if (hits.size() > MAX_KEYS) {
            Iterator<Map.Entry<String, Deque<Instant>>> it = hits.entrySet().iterator();
            while (hits.size() > MAX_KEYS && it.hasNext()) {
                it.next();
                it.remove();
            }
        }
        return true;
    }

    /** Seconds until the key's oldest hit leaves the window (for Retry-After). */
    synchronized long retryAfterSeconds(String key) {
        Deque<Instant> q = hits.get(key);
        if (q == null || q.isEmpty()) {
            return 1;
        }
        return Math.max(1, Duration.between(clock.instant(), q.peekFirst().plus(window)).toSeconds() + 1);
    }
}
