package dev.ledgerbridge.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets one of several instances starting at once migrate the database, the others waiting until it is done. Flyway
 * serialises with MariaDB's GET_LOCK, which a Galera cluster does not replicate: two instances connected to two
 * nodes would both take "the" lock. Here the lock is a row: every instance creates the one-row table if it is
 * missing and inserts the row; the database lets exactly one insert win (a duplicate key, or on Galera a
 * certification failure, for every other). The winner migrates and deletes the row; the others wait for it to go and
 * then find nothing left to migrate. A row older than {@link #ABANDONED} belongs to an instance that died while
 * migrating and is taken over.
 */
final class MigrationLock {
    private static final Logger log = LoggerFactory.getLogger(MigrationLock.class);
    static final Duration ABANDONED = Duration.ofMinutes(15);
    private static final Duration WAIT = Duration.ofMinutes(20);

    private MigrationLock() {
    }

    /** Runs {@code migration} while holding the lock. */
    static void around(DataSource ds, Runnable migration) {
        String owner = UUID.randomUUID().toString();
        Instant deadline = Instant.now().plus(WAIT);
        boolean announced = false;
        while (true) {
            if (take(ds, owner)) {
                try {
                    migration.run();
                } finally {
                    release(ds, owner);
                }
                return;
            }
            if (!announced) {
                log.info("another instance is migrating the database; waiting for it");
                announced = true;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new DatabaseException("another instance has been migrating the database for more than "
                        + WAIT.toMinutes() + " minutes; if none is running, delete the row of the table migration_lock");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DatabaseException("interrupted while waiting for another instance's migration", e);
            }
        }
    }

    private static boolean take(DataSource ds, String owner) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("CREATE TABLE IF NOT EXISTS migration_lock (id TINYINT PRIMARY KEY, owner VARCHAR(36) NOT NULL,"
                    + " taken_at DATETIME(3) NOT NULL) ENGINE=InnoDB");
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement del = c.prepareStatement("DELETE FROM migration_lock WHERE id = 1 AND taken_at < ?")) {
                del.setTimestamp(1, Timestamp.from(Instant.now().minus(ABANDONED)));
                if (del.executeUpdate() > 0) {
                    log.warn("took over the migration lock of an instance that did not finish in {} minutes",
                            ABANDONED.toMinutes());
                }
            }
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO migration_lock (id, owner, taken_at) VALUES (1, ?, ?)")) {
                ins.setString(1, owner);
                ins.setTimestamp(2, now);
                ins.executeUpdate();
            }
            // read back: on Galera the insert of a loser may have been certified against the winner's and failed
            try (PreparedStatement q = c.prepareStatement("SELECT owner FROM migration_lock WHERE id = 1");
                 ResultSet rs = q.executeQuery()) {
                return rs.next() && owner.equals(rs.getString(1));
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == 1062 || Retryable.failure(e)) {
                return false;
            }
            throw new DatabaseException("cannot take the migration lock: " + e.getMessage(), e);
        }
    }

    private static void release(DataSource ds, String owner) {
        try (Connection c = ds.getConnection();
             PreparedStatement del = c.prepareStatement("DELETE FROM migration_lock WHERE id = 1 AND owner = ?")) {
            c.setAutoCommit(true);
            del.setString(1, owner);
            del.executeUpdate();
        } catch (SQLException e) {
            log.warn("could not release the migration lock ({}); it is taken over after {} minutes", e.getMessage(),
                    ABANDONED.toMinutes());
        }
    }
}
