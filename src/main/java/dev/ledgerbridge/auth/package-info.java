/**
 * Logins. In: usernames and passwords (staff logins; the hashing and lockout rules Web Connector logins share).
 * Out: bcrypt hashes in MariaDB and yes/no answers; never a password or hash in a log.
 */
package dev.ledgerbridge.auth;
