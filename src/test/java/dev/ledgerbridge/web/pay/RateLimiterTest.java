package dev.ledgerbridge.web.pay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The card page's sliding-window limit. */
class RateLimiterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-04T12:00:00Z"));
    private final RateLimiter limiter = new RateLimiter(3, Duration.ofMinutes(10), clock);

    @Test
    void allowsTheLimitPerKeyThenRefusesUntilTheOldestHitLeavesTheWindow() {
        assertThat(limiter.allow("a")).isTrue();
        clock.advance(Duration.ofMinutes(4));
        assertThat(limiter.allow("a")).isTrue();
        assertThat(limiter.allow("a")).isTrue();
        assertThat(limiter.allow("a")).isFalse();
        assertThat(limiter.allow("b")).as("another key has its own window").isTrue();
        assertThat(limiter.retryAfterSeconds("a")).isEqualTo(6 * 60 + 1);

        clock.advance(Duration.ofMinutes(6));
        assertThat(limiter.allow("a")).as("the first hit left the window").isTrue();
        assertThat(limiter.allow("a")).isFalse();
    }

    @Test
    void refusedHitsDoNotCountSoASteadyTrickleGetsThrough() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.allow("a")).isTrue();
        }
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.allow("a")).isFalse();
        }
        clock.advance(Duration.ofMinutes(10));
        assertThat(limiter.allow("a")).isTrue();
    }

    @Test
    void forgetsTheLeastRecentlyUsedKeysBeyondItsBound() {
        RateLimiter one = new RateLimiter(1, Duration.ofMinutes(10), clock);
        assertThat(one.allow("first")).isTrue();
        for (int i = 0; i < RateLimiter.MAX_KEYS; i++) {
            one.allow("k" + i);
        }
        assertThat(one.allow("first")).as("forgotten, so allowed again").isTrue();
        assertThat(one.allow("k" + (RateLimiter.MAX_KEYS - 1))).as("recent keys are kept").isFalse();
    }
}
