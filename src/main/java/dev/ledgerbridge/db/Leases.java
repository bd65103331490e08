package dev.ledgerbridge.db;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Leases in the database for work that one instance at a time does: an instance takes the named lease for a while,
 * renews it as long as it works, and lets it go when it stops; the lease of an instance that died expires and the next
 * instance to ask takes it. Nothing depends on a lock inside one process or on GET_LOCK (which a Galera cluster does
 * not share between nodes): taking a lease is a conditional update of its row.
 */
public final class Leases {
    private final Database db;
    private final Clock clock;
    private final String owner;

    public Leases(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.owner = newInstanceId();
    }

    /** A new id for this process in rows it claims: its host name and a random part. */
    public static String newInstanceId() {
        return host() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String host() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            return h.length() > 60 ? h.substring(0, 60) : h;
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }

    /** This instance's id, as lease rows name it. */
    public String owner() {
        return owner;
    }

    /** Takes or renews the lease {@code name} for {@code length}; false when another instance holds it. */
    public boolean take(String name, Duration length) {
        return db.transaction(s -> {
            LeaseMapper m = s.getMapper(LeaseMapper.class);
            Instant now = clock.instant();
            m.ensure(name, now);
            return m.take(name, owner, now, now.plus(length)) == 1;
        });
    }

    /** Lets the lease go at once, when this instance holds it. */
    public void release(String name) {
        db.inTransaction(s -> s.getMapper(LeaseMapper.class).release(name, owner, clock.instant()));
    }

    /** The instance holding the unexpired lease {@code name}, or null. */
    public String holder(String name) {
        return db.transaction(s -> s.getMapper(LeaseMapper.class).holder(name, clock.instant()));
    }
}
