-- Ledgerbridge schema, version 10: failed sign-ins are throttled per login and remote address, with growing waits,
-- instead of locking a login for everyone after a few failures (which let anyone lock staff and the Web Connector
-- out). Rows live in the database so every server instance on it applies the same throttle. login_id 0 counts the
-- address's sign-ins with usernames that do not exist. A row whose last failure is a day old starts again at one.
CREATE TABLE login_throttle (
    realm             VARCHAR(10)  NOT NULL,           -- staff (admin pages, JSON API) | qbwc (Web Connector)
    login_id          BIGINT       NOT NULL,           -- staff_user.id or qbwc_login.id; 0 = unknown usernames
    address           VARCHAR(64)  NOT NULL,           -- the remote address the sign-ins came from
    failures          INT          NOT NULL,           -- failed sign-ins in a row
    last_failure_at   DATETIME(3)  NOT NULL,
    wait_until        DATETIME(3)  NULL,               -- no sign-in of the login from the address before this
    PRIMARY KEY (realm, login_id, address),
    INDEX ix_login_throttle_last (last_failure_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- the per-login lock these replace
ALTER TABLE staff_user DROP COLUMN failed_attempts, DROP COLUMN locked_until;
ALTER TABLE qbwc_login DROP COLUMN failed_attempts, DROP COLUMN locked_until;
