package dev.ledgerbridge.db;

/** The embedded database belongs to another running process. */
public final class DatabaseInUseException extends DatabaseException {
    private static final long serialVersionUID = 1L;

    public DatabaseInUseException(String message) {
        super(message);
    }
}
