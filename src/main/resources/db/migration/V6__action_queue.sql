-- Ledgerbridge schema, version 6: the action queue carried out. Each request gets a target, attempts, the qbXML
-- status of its last answer and the run that may take it next; each attempt keeps the qbXML it sent and received
-- (masked, capped); bulk actions keep what happened per customer; a re-sync of chosen customers waits in
-- customer_refresh; and every staff action is written to the audit log.
--
-- state: queued -> sent -> done | failed | cancelled. "sent" means a request went to QuickBooks and no answer was
-- stored: before anything is sent again, QuickBooks is asked whether it already has it.

ALTER TABLE action_request
    ADD COLUMN target_type     VARCHAR(20)  NULL AFTER kind,          -- customer | payment | customers (bulk)
    ADD COLUMN target_id       VARCHAR(36)  NULL AFTER target_type,   -- a ListID or a payment id
    ADD COLUMN attempts        INT          NOT NULL DEFAULT 0,
    ADD COLUMN status_code     INT          NULL,                     -- qbXML statusCode of the last answer
    ADD COLUMN qb_ref          VARCHAR(36)  NULL,                     -- what QuickBooks made: a payment's TxnID
    ADD COLUMN request_id      VARCHAR(40)  NULL,                     -- qbXML requestID of the request in flight
    ADD COLUMN not_before_run  BIGINT       NULL,                     -- retry-later: not in this run (id) again
    ADD COLUMN sent_at         DATETIME     NULL,
    ADD COLUMN finished_at     DATETIME     NULL,
    ADD COLUMN dismissed       BOOLEAN      NOT NULL DEFAULT FALSE,
    ADD COLUMN results_done    INT          NOT NULL DEFAULT 0,        -- bulk: customers done / skipped / failed
    ADD COLUMN results_skipped INT          NOT NULL DEFAULT 0,
    ADD COLUMN results_failed  INT          NOT NULL DEFAULT 0,
    ADD INDEX ix_action_request_kind (company_id, kind, state, id),
    ADD INDEX ix_action_request_request (company_id, request_id),
    ADD INDEX ix_action_request_target (company_id, target_id),
    ADD INDEX ix_action_request_open (company_id, state, id);

-- One request to QuickBooks for an action: the write itself or the query that checks whether a write whose answer
-- never came was applied. Texts are masked and cut at 64 KB.
CREATE TABLE action_attempt (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    action_id         BIGINT        NOT NULL,
    run_id            BIGINT        NULL,
    request_id        VARCHAR(40)   NULL,
    purpose           VARCHAR(20)   NOT NULL,          -- write | check | read
    request_xml       MEDIUMTEXT    NULL,
    response_xml      MEDIUMTEXT    NULL,
    status_code       INT           NULL,
    outcome           VARCHAR(500)  NULL,
    started_at        DATETIME      NOT NULL,
    ended_at          DATETIME      NULL,
    CONSTRAINT fk_action_attempt_action FOREIGN KEY (action_id) REFERENCES action_request (id) ON DELETE CASCADE,
    INDEX ix_action_attempt_action (action_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What a bulk action did for each customer it named.
CREATE TABLE action_result (
    action_id         BIGINT        NOT NULL,
    list_id           VARCHAR(36)   NOT NULL,
    outcome           VARCHAR(20)   NOT NULL,          -- done | skipped | failed
    message           VARCHAR(500)  NULL,
    at                DATETIME      NOT NULL,
    PRIMARY KEY (action_id, list_id),
    CONSTRAINT fk_action_result_action FOREIGN KEY (action_id) REFERENCES action_request (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Customers a re-sync action asked to be read again from QuickBooks on the next run.
-- seq keeps the queue's order: a batch asked for is still its head when the answer comes.
CREATE TABLE customer_refresh (
    seq               BIGINT AUTO_INCREMENT PRIMARY KEY,
    company_id        BIGINT        NOT NULL,
    list_id           VARCHAR(36)   NOT NULL,
    action_id         BIGINT        NOT NULL,
    queued_at         DATETIME      NOT NULL,
    request_id        VARCHAR(40)   NULL,              -- the qbXML request that asked for it last
    CONSTRAINT uq_customer_refresh UNIQUE (company_id, list_id),
    INDEX ix_customer_refresh_action (action_id),
    CONSTRAINT fk_customer_refresh_action FOREIGN KEY (action_id) REFERENCES action_request (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every staff action: who, what, when, from where.
CREATE TABLE audit_log (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    at                DATETIME      NOT NULL,
    staff             VARCHAR(100)  NOT NULL,
    remote_address    VARCHAR(64)   NULL,
    action            VARCHAR(60)   NOT NULL,
    company_id        BIGINT        NULL,
    target            VARCHAR(100)  NULL,
    detail            VARCHAR(1000) NULL,
    INDEX ix_audit_log_at (at, id),
    INDEX ix_audit_log_staff (staff, at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
