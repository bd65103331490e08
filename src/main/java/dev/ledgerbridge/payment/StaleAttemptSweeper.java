package dev.ledgerbridge.payment;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes attempts a process abandoned at the gateway (left Pending by a crash or restart, perhaps after the
 * gateway approved them): runs {@link Payments#resumeStale()} when the server starts and then every
 * {@link Payments#STALE}, on one daemon thread, from {@link #start()} to {@link #stop()}. Several servers on one
 * database may all run it: each attempt is claimed by one of them.
 */
public final class StaleAttemptSweeper {
    private static final Logger log = LoggerFactory.getLogger(StaleAttemptSweeper.class);
    private final Payments payments;
    private final Duration every;
    private ScheduledExecutorService executor;

    public StaleAttemptSweeper(Payments payments) {
        this(payments, Payments.STALE);
    }

    StaleAttemptSweeper(Payments payments, Duration every) {
        this.payments = payments;
        this.every = every;
    }

    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stale-payments");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::sweep, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            int n = payments.resumeStale();
            if (n > 0) {
                log.info("{} abandoned payment attempts finished at the gateway", n);
            }
        } catch (RuntimeException e) {
            log.error("finishing abandoned payment attempts failed; the next sweep tries again", e);
        }
    }

    public synchronized boolean running() {
        return executor != null;
    }

    /** Stops sweeping and waits up to 30 s for a sweep in progress to finish. */
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
    }
}
