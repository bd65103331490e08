package dev.ledgerbridge.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.util.Set;

/**
 * Which database failures end a transaction that may simply be run again: those a MariaDB Galera cluster (or any
 * MariaDB under concurrency) produces when the transaction itself was sound. Everything else (a constraint broken,
 * bad SQL, a value out of range) is a real error and is not retried.
 */
public final class Retryable {
    /**
     * 1213: deadlock, and Galera's certification failure (another node committed a conflicting write first);
     * 1205: lock wait timeout; 1047: "WSREP has not yet prepared node for application use" (a node that left the
     * primary component or is still joining); 1180: the commit itself failed; 1927: the connection was killed;
     * 2006/2013: the server went away or the connection was lost in the middle of a statement.
     */
    private static final Set<Integer> CODES = Set.of(1213, 1205, 1047, 1180, 1927, 2006, 2013);

    private Retryable() {
    }

    /** Whether {@code failure} (or one of its causes) is one that a new attempt of the same transaction may pass. */
    public static boolean failure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException e) {
                String state = e.getSQLState();
                if (CODES.contains(e.getErrorCode())) {
                    return true;
                }
                // 08xxx: the connection failed (a node went down during failover); 40001: serialization failure
                if (state != null && (state.startsWith("08") || state.equals("40001"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
