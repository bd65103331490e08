package dev.ledgerbridge.autopay;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler inside the server: runs {@link AutoProcessing#runOnce} every tick on one daemon thread, from
 * {@link #start()} (the server started) to {@link #stop()} (the server stopping, which waits for a run in progress).
 * A run that fails is logged and the next tick tries again; several servers on one database may all run it.
 */
public final class AutoScheduler {
    private static final Logger log = LoggerFactory.getLogger(AutoScheduler.class);
    private final AutoProcessing auto;
    private final Clock clock;
    private final Duration tick;
    private ScheduledExecutorService executor;

    /** A tick of zero makes a scheduler that never runs. */
    public AutoScheduler(AutoProcessing auto, Clock clock, Duration tick) {
        this.auto = auto;
        this.clock = clock;
        this.tick = tick;
    }

    public synchronized void start() {
        if (executor != null || tick.isZero()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "auto-processing");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        log.info("auto processing scheduler started: a run every {} s", tick.toSeconds());
    }

    private void tick() {
        try {
            auto.runOnce(clock.instant());
        } catch (RuntimeException e) {
            log.error("auto processing run failed; the next one tries again", e);
        }
    }

    public synchronized boolean running() {
        return executor != null;
    }

    /** Stops ticking and waits up to 30 s for a run in progress to finish. */
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
        log.info("auto processing scheduler stopped");
    }
}
