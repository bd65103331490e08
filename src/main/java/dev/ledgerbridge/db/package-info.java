/**
 * The database. In: the configuration (embedded MariaDB under the data dir, or an external JDBC URL).
 * Out: a migrated schema and MyBatis sessions for the record packages' mappers.
 */
package dev.ledgerbridge.db;
