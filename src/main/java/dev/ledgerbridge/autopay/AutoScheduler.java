package dev.ledgerbridge.autopay;

import dev.ledgerbridge.db.Leases;
import dev.ledgerbridge.payment.Periodic;
import java.time.Clock;
import java.time.Duration;

/**
 * The scheduler inside the server: runs {@link AutoProcessing#runOnce} every tick from {@link #start()} (the server
 * started) to {@link #stop()} (the server stopping, which waits for a run in progress). Several servers on one
 * database may all run it: the one holding its lease in the database runs, and each charge is claimed by one run.
 */
public final class AutoScheduler {
    private final Periodic periodic;

    /** A tick of zero makes a scheduler that never runs. */
    public AutoScheduler(AutoProcessing auto, Clock clock, Duration tick, Leases leases) {
        this.periodic = new Periodic("auto-processing", tick, tick, leases, () -> auto.runOnce(clock.instant()));
    }

    public void start() {
        periodic.start();
    }

    public boolean running() {
        return periodic.running();
    }

    public void stop() {
        periodic.stop();
    }
}
