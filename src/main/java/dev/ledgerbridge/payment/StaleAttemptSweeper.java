package dev.ledgerbridge.payment;

import dev.ledgerbridge.db.Leases;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes attempts a process abandoned at the gateway (left Pending by a crash or restart, perhaps after the
 * gateway approved them): runs {@link Payments#resumeStale()} when the server starts and then every
 * {@link Payments#STALE}, on one daemon thread, from {@link #start()} to {@link #stop()}. Several servers on one
 * database may all run it: the instance holding its lease sweeps, and each attempt is claimed by one of them.
 */
public final class StaleAttemptSweeper {
    private static final Logger log = LoggerFactory.getLogger(StaleAttemptSweeper.class);
    private final Periodic periodic;

    public StaleAttemptSweeper(Payments payments, Leases leases) {
        this.periodic = new Periodic("stale-payments", Duration.ZERO, Payments.STALE, leases, () -> {
            int n = payments.resumeStale();
            if (n > 0) {
                log.info("{} abandoned payment attempts finished at the gateway", n);
            }
        });
    }

    public void start() {
        periodic.start();
    }

    public boolean running() {
        return periodic.running();
    }

    /** Stops sweeping and waits up to 30 s for a sweep in progress to finish. */
    public void stop() {
        periodic.stop();
    }
}
