-- Ledgerbridge schema, version 2: the admin pages. Staff sessions and API tokens (only hashes of their secrets
-- are stored), settings Ledgerbridge keeps per customer, the action queue's requests, and indexes that keep the
-- customer list fast at 100,000 customers whatever column it is sorted by.

-- A signed-in browser. The cookie holds a random id; only its SHA-256 is stored.
CREATE TABLE staff_session (
    id_hash           CHAR(64)     NOT NULL PRIMARY KEY,
    staff_id          BIGINT       NOT NULL,
    csrf_token        CHAR(43)     NOT NULL,
    created_at        DATETIME     NOT NULL,
    last_seen_at      DATETIME     NOT NULL,
    expires_at        DATETIME     NOT NULL,          -- last_seen_at + the idle timeout
    remote_address    VARCHAR(64)  NULL,
    flash             VARCHAR(1000) NULL,              -- a one-time message for the next page shown
    CONSTRAINT fk_staff_session_user FOREIGN KEY (staff_id) REFERENCES staff_user (id) ON DELETE CASCADE,
    INDEX ix_staff_session_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A token for programs that use the JSON API (Authorization: Bearer). Only its SHA-256 is stored.
CREATE TABLE api_token (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    name              VARCHAR(100) NOT NULL,
    token_hash        CHAR(64)     NOT NULL,
    token_prefix      VARCHAR(12)  NOT NULL,           -- the first characters, so a person can tell tokens apart
    staff_id          BIGINT       NOT NULL,           -- the admin who created it; the token acts with staff rights
    created_at        DATETIME     NOT NULL,
    last_used_at      DATETIME     NULL,
    revoked_at        DATETIME     NULL,
    CONSTRAINT uq_api_token_hash UNIQUE (token_hash),
    CONSTRAINT fk_api_token_user FOREIGN KEY (staff_id) REFERENCES staff_user (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What Ledgerbridge keeps about a customer that QuickBooks does not: more addresses for receipts and requests,
-- and notes. (Auto processing is customer.auto_processing.)
CREATE TABLE customer_setting (
    company_id        BIGINT       NOT NULL,
    list_id           VARCHAR(36)  NOT NULL,
    extra_emails      TEXT         NULL,               -- one address per line
    notes             TEXT         NULL,
    updated_at        DATETIME     NOT NULL,
    updated_by        VARCHAR(100) NULL,
    PRIMARY KEY (company_id, list_id),
    CONSTRAINT fk_customer_setting_company FOREIGN KEY (company_id) REFERENCES company (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Requests for the action queue: bulk actions from the Customers page and write-backs to QuickBooks (a changed
-- primary email). state: queued -> sent -> done | failed; the idempotency key makes a repeated request harmless.
CREATE TABLE action_request (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    company_id        BIGINT        NOT NULL,
    kind              VARCHAR(40)   NOT NULL,
    state             VARCHAR(20)   NOT NULL,
    idempotency_key   CHAR(36)      NOT NULL,
    customers         MEDIUMTEXT    NOT NULL,          -- ListIDs, one per line
    customer_count    INT           NOT NULL,
    payload           TEXT          NULL,              -- JSON: what the action needs (e.g. {"email": ...})
    message           TEXT          NULL,
    requested_by      VARCHAR(100)  NOT NULL,
    created_at        DATETIME      NOT NULL,
    updated_at        DATETIME      NOT NULL,
    CONSTRAINT uq_action_request_key UNIQUE (idempotency_key),
    CONSTRAINT fk_action_request_company FOREIGN KEY (company_id) REFERENCES company (id),
    INDEX ix_action_request_state (company_id, state, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The primary email waiting to be written back to QuickBooks, per customer (the latest edit wins).
CREATE TABLE email_writeback (
    company_id        BIGINT        NOT NULL,
    list_id           VARCHAR(36)   NOT NULL,
    email             VARCHAR(1023) NOT NULL,
    action_id         BIGINT        NOT NULL,
    state             VARCHAR(20)   NOT NULL,
    created_at        DATETIME      NOT NULL,
    PRIMARY KEY (company_id, list_id),
    CONSTRAINT fk_email_writeback_action FOREIGN KEY (action_id) REFERENCES action_request (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The customer list at 100,000 customers. active_state (active and not deleted) turns the list's filter into one
-- equality, so each sort column has an index for the whole list and one for either filter: a page of any sort and
-- filter is read from an index in order, never sorted. search_text (name, company and the start of the email) has
-- its own narrow index, so a search reads that index instead of the table, and rides along in the name indexes, so
-- a search matching many customers walks them in name order without reading rows. Email can be 1023 characters, too long
-- to index whole: the list sorts and searches by its first 100.
ALTER TABLE customer
    ADD COLUMN active_state BOOLEAN AS (is_active AND NOT is_deleted) STORED,
    ADD COLUMN email_sort VARCHAR(100) AS (LEFT(email, 100)) STORED,
    -- general_ci: still blind to case and accents, and a third cheaper to compare than unicode_ci
    ADD COLUMN search_text VARCHAR(460) COLLATE utf8mb4_general_ci
        AS (CONCAT_WS(' ', full_name, company_name, LEFT(email, 100))) STORED,
    DROP INDEX ix_customer_full_name,
    ADD INDEX ix_customer_full_name (company_id, full_name, search_text),
    ADD INDEX ix_customer_state_name (company_id, active_state, full_name, search_text),
    ADD INDEX ix_customer_balance (company_id, balance),
    ADD INDEX ix_customer_state_balance (company_id, active_state, balance),
    ADD INDEX ix_customer_total_balance (company_id, total_balance),
    ADD INDEX ix_customer_state_total_balance (company_id, active_state, total_balance),
    ADD INDEX ix_customer_email (company_id, email_sort),
    ADD INDEX ix_customer_state_email (company_id, active_state, email_sort),
    ADD INDEX ix_customer_state_modified (company_id, active_state, time_modified),
    ADD INDEX ix_customer_search (company_id, active_state, search_text),
    ADD INDEX ix_customer_synced (company_id, synced_at);
