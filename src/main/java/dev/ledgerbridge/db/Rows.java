package dev.ledgerbridge.db;

import java.util.List;
import java.util.function.Consumer;

/**
 * Rows written several to a statement ({@code INSERT ... VALUES (...), (...), ...}): the database parses and runs one
 * statement for many rows, which costs it a fraction of one statement per row. Statements stay well below the
 * server's packet limit however large a response QuickBooks sent.
 */
public final class Rows {
    /** The most rows one multi-row statement carries. */
    public static final int PER_STATEMENT = 250;

    private Rows() {
    }

    /** Hands {@code rows} to {@code write} in consecutive slices of at most {@link #PER_STATEMENT}. */
    public static <T> void inStatements(List<T> rows, Consumer<List<T>> write) {
        for (int from = 0; from < rows.size(); from += PER_STATEMENT) {
            write.accept(rows.subList(from, Math.min(rows.size(), from + PER_STATEMENT)));
        }
    }
}
