package dev.ledgerbridge.payment;

import dev.ledgerbridge.db.Leases;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job the server runs on one daemon thread, every {@code every} after {@code firstAfter}, from {@link #start()} to
 * {@link #stop()} (which waits up to 30 s for a run in progress). A run that fails is logged and the next one tries
 * again. A period of zero makes a job that never runs.
 *
 * <p>Several instances on one database each run the job's thread, but a run happens only on the instance holding the
 * job's lease in the database ({@link Leases}, named like the job): it is renewed at every run, released on stop,
 * and expires {@link #leaseLength} after the last run of an instance that died, when another instance takes it over.
 */
public final class Periodic {
    private static final Logger log = LoggerFactory.getLogger(Periodic.class);
    private final String name;
    private final Duration firstAfter;
    private final Duration every;
    private final Runnable job;
    private final Leases leases;
    private ScheduledExecutorService executor;

    public Periodic(String name, Duration firstAfter, Duration every, Leases leases, Runnable job) {
        this.name = name;
        this.firstAfter = firstAfter;
        this.every = every;
        this.leases = leases;
        this.job = job;
    }

    /** How long a lease lasts after a run starts: longer than a run and the pause after it. */
    Duration leaseLength() {
        return every.multipliedBy(2).plus(Duration.ofMinutes(2));
    }

    public synchronized void start() {
        if (executor != null || every.isZero()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::run, firstAfter.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        log.info("{} started: a run every {} s", name, every.toSeconds());
    }

    private void run() {
        try {
            if (!leases.take(name, leaseLength())) {
                log.debug("{}: another instance holds the lease", name);
                return;
            }
            job.run();
        } catch (RuntimeException e) {
            log.error("{} failed; the next run tries again", name, e);
        }
    }

    public synchronized boolean running() {
        return executor != null;
    }

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
        try {
            leases.release(name);
        } catch (RuntimeException e) {
            log.warn("{}: the lease could not be released ({}); it expires by itself", name, e.toString());
        }
        log.info("{} stopped", name);
    }
}
