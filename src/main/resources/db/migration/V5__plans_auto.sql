-- Ledgerbridge schema, version 5: installment plans and auto processing. A company's rules for charging open
-- invoices on their due dates, installment plans that split one invoice into dated amounts, and one row per charge
-- attempt the scheduler makes: its unique key is the claim that lets only one scheduler (thread or server instance)
-- make that attempt, and the same key goes to the payments core as the charge's idempotency key.

-- The company's auto processing rules (no row: off, with the defaults below).
CREATE TABLE auto_setting (
    company_id        BIGINT       NOT NULL PRIMARY KEY,
    enabled           BOOLEAN      NOT NULL DEFAULT FALSE,
    delay_days        INT          NOT NULL DEFAULT 0,   -- charge this many days after (negative: before) the due date
    run_hour          INT          NOT NULL DEFAULT 9,   -- hour of the day (0-23) in auto.processing.timezone
    max_retries       INT          NOT NULL DEFAULT 0,   -- a declined charge is tried again at most this many times
    retry_days        INT          NOT NULL DEFAULT 3,   -- days between a decline and its retry
    updated_at        DATETIME     NOT NULL,
    updated_by        VARCHAR(100) NULL,
    CONSTRAINT fk_auto_setting_company FOREIGN KEY (company_id) REFERENCES company (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- An installment plan: one invoice's balance split into dated amounts charged to one payment profile.
-- state: active | paused | completed | cancelled. While active or paused the plan replaces the invoice's due date
-- for auto processing; live_invoice makes that one plan per invoice at a time.
CREATE TABLE installment_plan (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    company_id        BIGINT        NOT NULL,
    customer_list_id  VARCHAR(36)   NOT NULL,
    invoice_txn_id    VARCHAR(36)   NOT NULL,
    profile_id        BIGINT        NOT NULL,
    state             VARCHAR(20)   NOT NULL,
    total             DECIMAL(15,2) NOT NULL,
    created_at        DATETIME      NOT NULL,
    created_by        VARCHAR(100)  NOT NULL,
    updated_at        DATETIME      NOT NULL,
    updated_by        VARCHAR(100)  NOT NULL,
    live_invoice      VARCHAR(36) AS (CASE WHEN state IN ('active', 'paused') THEN invoice_txn_id END) STORED,
    CONSTRAINT uq_installment_plan_live UNIQUE (company_id, live_invoice),
    CONSTRAINT fk_installment_plan_company FOREIGN KEY (company_id) REFERENCES company (id),
    INDEX ix_installment_plan_customer (company_id, customer_list_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One dated amount of a plan. state: scheduled | charged | declined | failed | skipped (the last four are final;
-- a declined charge that the company's retry rule tries again stays scheduled with retry_on set).
CREATE TABLE installment (
    plan_id           BIGINT        NOT NULL,
    seq               INT           NOT NULL,
    due_date          DATE          NOT NULL,
    amount            DECIMAL(15,2) NOT NULL,
    state             VARCHAR(20)   NOT NULL,
    attempts          INT           NOT NULL DEFAULT 0,
    retry_on          DATE          NULL,
    result            VARCHAR(20)   NULL,            -- the last attempt's Approved | Declined | Skipped | Error
    message           VARCHAR(1000) NULL,
    payment_id        BIGINT        NULL,
    charged_at        DATETIME      NULL,
    PRIMARY KEY (plan_id, seq),
    CONSTRAINT fk_installment_plan FOREIGN KEY (plan_id) REFERENCES installment_plan (id) ON DELETE CASCADE,
    INDEX ix_installment_due (state, due_date)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One charge attempt by the scheduler. charge_key is auto:{invoiceTxnId}:{dueDate}:{attempt} or
-- plan:{planId}:{seq}:{attempt}; inserting it is the claim (a second scheduler's insert fails on the unique key).
-- state: claimed (a scheduler owns it until lease_until; a claim whose lease ran out is finished by another one with
-- the same key, which the payments core answers without charging twice) -> done.
CREATE TABLE auto_charge (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    company_id        BIGINT        NOT NULL,
    charge_key        VARCHAR(100)  NOT NULL,
    kind              VARCHAR(20)   NOT NULL,        -- auto | installment
    customer_list_id  VARCHAR(36)   NOT NULL,
    invoice_txn_id    VARCHAR(36)   NOT NULL,
    due_date          DATE          NOT NULL,        -- the invoice's due date, or the installment's date
    plan_id           BIGINT        NULL,
    installment_seq   INT           NULL,
    attempt           INT           NOT NULL,
    profile_id        BIGINT        NOT NULL,
    amount            DECIMAL(15,2) NOT NULL,
    state             VARCHAR(20)   NOT NULL,
    claimed_by        VARCHAR(100)  NOT NULL,
    claimed_at        DATETIME      NOT NULL,
    lease_until       DATETIME      NOT NULL,
    result            VARCHAR(20)   NULL,
    message           VARCHAR(1000) NULL,
    payment_id        BIGINT        NULL,
    finished_at       DATETIME      NULL,
    CONSTRAINT uq_auto_charge_key UNIQUE (company_id, charge_key),
    CONSTRAINT fk_auto_charge_company FOREIGN KEY (company_id) REFERENCES company (id),
    INDEX ix_auto_charge_invoice (company_id, invoice_txn_id, due_date),
    INDEX ix_auto_charge_state (state, lease_until)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
