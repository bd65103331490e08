/**
 * The database. In: the configuration (embedded MariaDB under the data dir, or an external JDBC URL).
 * Out: a migrated schema and MyBatis sessions for the record packages' mappers, with two ways for their statements
 * to carry many rows or IDs without MyBatis rebuilding SQL for each ({@link dev.ledgerbridge.db.Rows}: a one-row
 * insert run for many rows in one statement; {@link dev.ledgerbridge.db.InLists}: {@code IN (#{ids})}); where the
 * database is for the
 * client programs (backup); the order the process lets go of things when it is stopped ({@link
 * dev.ledgerbridge.db.ShutdownOrder}: the HTTP server before the database); and {@link dev.ledgerbridge.db.OwnerOnly},
 * how the files of the data folder that hold secrets (and backups) are kept from other users.
 */
package dev.ledgerbridge.db;
