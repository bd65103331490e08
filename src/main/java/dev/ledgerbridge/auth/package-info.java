/**
 * Logins. In: usernames and passwords (staff logins; the hashing and lockout rules Web Connector logins share),
 * session cookies and API tokens. Out: bcrypt hashes of passwords, SHA-256 of session ids and tokens, sessions with
 * an idle deadline in MariaDB, and yes/no answers; never a password, hash, session id or token in a log.
 */
package dev.ledgerbridge.auth;
