-- Ledgerbridge schema, version 19: several server instances on one database (a Galera cluster behind a load
-- balancer). What one instance kept in its memory and others need moves here.

-- A job that one instance at a time runs (auto processing, the stale-payment sweeper): the instance holding an
-- unexpired lease runs it; the lease of an instance that died expires and another takes it over.
CREATE TABLE job_lease (
    name              VARCHAR(40)  NOT NULL PRIMARY KEY,
    owner             VARCHAR(100) NOT NULL,           -- host/random id of the instance holding it
    expires_at        DATETIME(3)  NOT NULL,
    taken_at          DATETIME(3)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The card page's sliding-window limits (per remote address, per link): one row per key, written on every hit so
-- that concurrent hits on any instance or node are serialised on it (Galera certifies the write), and one row per
-- hit allowed within the window.
CREATE TABLE rate_limit_key (
    bucket            VARCHAR(120) NOT NULL PRIMARY KEY,
    hits_seen         BIGINT       NOT NULL,
    touched_at        DATETIME(3)  NOT NULL,
    INDEX ix_rate_limit_key_touched (touched_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE rate_limit_hit (
    id                BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    bucket            VARCHAR(120) NOT NULL,
    hit_at            DATETIME(3)  NOT NULL,
    INDEX ix_rate_limit_hit (bucket, hit_at),
    INDEX ix_rate_limit_hit_at (hit_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A message written to the outbox (no SMTP server set) is also kept here, encrypted with the secrets key (it holds a
-- customer's one-time link), so the Outbox page of any instance shows it, not only that of the instance whose data
-- dir holds the .eml file.
ALTER TABLE mail_log ADD COLUMN message_sealed MEDIUMTEXT NULL AFTER outbox_file;
