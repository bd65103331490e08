/**
 * Logins. In: usernames, passwords and the addresses they come from (staff logins; the hashing and the sign-in
 * throttle Web Connector logins share), session cookies and API tokens. Out: bcrypt hashes of passwords, SHA-256 of
 * session ids and tokens, sessions with an idle deadline and failed sign-ins per login and address in MariaDB, and
 * yes/no answers; never a password, hash, session id or token in a log. The secrets key
 * ({@link dev.ledgerbridge.auth.SecretBox}): AES-GCM sealing of secrets staff enter, with a key that is never in the
 * database, checked against a stored probe when the server starts.
 */
package dev.ledgerbridge.auth;
