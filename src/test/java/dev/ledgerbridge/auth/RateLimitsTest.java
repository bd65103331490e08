package dev.ledgerbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.MutableClock;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.db.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The card page's sliding-window limit, counted in the database. */
class RateLimitsTest {
    private static Database db;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-04T12:00:00Z"));

    @BeforeAll
    static void open() {
        db = Database.open(TestDb.freshConfig(), List.of(RateLimitMapper.class));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private RateLimits limiter(String prefix) {
        return new RateLimits(db, prefix, 3, Duration.ofMinutes(10), clock);
    }

    @Test
    void allowsTheLimitPerKeyThenRefusesUntilTheOldestHitLeavesTheWindow() {
        RateLimits limiter = limiter("t1");
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
        RateLimits limiter = limiter("t2");
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.allow("a")).isTrue();
        }
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.allow("a")).isFalse();
        }
        clock.advance(Duration.ofMinutes(10));
        assertThat(limiter.allow("a")).isTrue();
    }

    @Test
    void twoInstancesShareOneLimit() {
        RateLimits one = limiter("t3");
        RateLimits other = new RateLimits(db, "t3", 3, Duration.ofMinutes(10), clock);
        assertThat(one.allow("addr")).isTrue();
        assertThat(other.allow("addr")).isTrue();
        assertThat(one.allow("addr")).isTrue();
        assertThat(other.allow("addr")).as("the hits of the first instance count on the second").isFalse();
        assertThat(new RateLimits(db, "other-limit", 3, Duration.ofMinutes(10), clock).allow("addr"))
                .as("another limit's keys are apart").isTrue();
    }

    @Test
    void concurrentHitsNeverPassTheLimit() throws Exception {
        RateLimits limiter = new RateLimits(db, "t4", 5, Duration.ofMinutes(10), clock);
        java.util.concurrent.atomic.AtomicInteger allowed = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                for (int k = 0; k < 3; k++) {
                    if (limiter.allow("busy")) {
                        allowed.incrementAndGet();
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(allowed.get()).isEqualTo(5);
    }
}
