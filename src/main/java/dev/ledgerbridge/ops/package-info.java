/**
 * What IT runs beside the server. In: the configuration (certificate settings, public.url, the database) and an
 * operator's command. Out: certificates (read for the HTTPS port, or made self-signed by {@code cert}), the
 * doctor's report of what the Web Connector will refuse and how to fix it, and SQL backups written and restored
 * with the MariaDB client programs shipped with the embedded database.
 */
package dev.ledgerbridge.ops;
