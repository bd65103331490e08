package dev.ledgerbridge.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.MutableClock;
import dev.ledgerbridge.TestDb;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Job leases in the database: one holder at a time, renewed by it, released on stop, expiring when it dies. */
class LeasesTest {
    private static Database db;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-04T12:00:00Z"));

    @BeforeAll
    static void open() {
        db = Database.open(TestDb.freshConfig(), List.of(LeaseMapper.class));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void oneInstanceHoldsALeaseUntilItReleasesItOrItExpires() {
        Leases one = new Leases(db, clock);
        Leases two = new Leases(db, clock);
        Duration length = Duration.ofMinutes(2);

        assertThat(one.take("job-a", length)).isTrue();
        assertThat(two.take("job-a", length)).as("held by the first").isFalse();
        assertThat(two.take("job-b", length)).as("another job's lease is apart").isTrue();
        assertThat(one.holder("job-a")).isEqualTo(one.owner());

        clock.advance(Duration.ofMinutes(1));
        assertThat(one.take("job-a", length)).as("renewed by its holder").isTrue();
        clock.advance(Duration.ofSeconds(90));
        assertThat(two.take("job-a", length)).as("the renewal runs two minutes from the renewal").isFalse();

        one.release("job-a");
        assertThat(two.take("job-a", length)).as("released on stop").isTrue();
        assertThat(one.take("job-a", length)).isFalse();

        // the holder dies: nobody renews, and after the lease's length another takes over
        clock.advance(Duration.ofMinutes(2));
        assertThat(one.take("job-a", length)).as("expired").isTrue();
        assertThat(one.holder("job-a")).isEqualTo(one.owner());
    }

    @Test
    void ofManyAskingAtOnceExactlyOneGetsTheLease() throws Exception {
        int n = 6;
        List<Leases> instances = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            instances.add(new Leases(db, clock));
        }
        CyclicBarrier together = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<Boolean>> got = new ArrayList<>();
        for (Leases l : instances) {
            got.add(pool.submit(() -> {
                together.await();
                return l.take("contested", Duration.ofMinutes(5));
            }));
        }
        int winners = 0;
        for (Future<Boolean> f : got) {
            winners += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(winners).isEqualTo(1);
    }
}
