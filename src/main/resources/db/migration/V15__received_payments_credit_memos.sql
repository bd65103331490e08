-- Payments received and credit memos as QuickBooks has them, whoever entered them: with their customer and the
-- invoices they were applied to, so a customer's history shows them, and a change or deletion of one tells the sync
-- which invoices and balances to read again.

CREATE TABLE received_payment (
    company_id           BIGINT        NOT NULL,
    txn_id               VARCHAR(36)   NOT NULL,
    edit_sequence        VARCHAR(16)   NOT NULL,
    txn_number           VARCHAR(20)   NULL,
    time_created         DATETIME      NULL,
    time_modified        DATETIME      NULL,
    customer_list_id     VARCHAR(36)   NULL,
    customer_full_name   VARCHAR(255)  NULL,
    txn_date             DATE          NULL,
    ref_number           VARCHAR(20)   NULL,
    total_amount         DECIMAL(15,2) NULL,
    payment_method       VARCHAR(100)  NULL,
    deposit_to_account   VARCHAR(255)  NULL,
    memo                 TEXT          NULL,
    unused_payment       DECIMAL(15,2) NULL,
    unused_credits       DECIMAL(15,2) NULL,
    is_deleted           BOOLEAN       NOT NULL DEFAULT FALSE,
    deleted_at           DATETIME      NULL,
    seen_run_id          BIGINT        NULL,
    synced_at            DATETIME      NOT NULL,
    PRIMARY KEY (company_id, txn_id),
    INDEX ix_received_payment_customer (company_id, customer_list_id, txn_date),
    CONSTRAINT fk_received_payment_company FOREIGN KEY (company_id) REFERENCES company (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What a payment was applied to (AppliedToTxnRet), in document order.
CREATE TABLE received_payment_applied (
    company_id        BIGINT         NOT NULL,
    txn_id            VARCHAR(36)    NOT NULL,
    position          INT            NOT NULL,
    applied_txn_id    VARCHAR(36)    NOT NULL,
    txn_type          VARCHAR(40)    NULL,
    txn_date          DATE           NULL,
    ref_number        VARCHAR(20)    NULL,
    amount            DECIMAL(15,2)  NULL,
    discount_amount   DECIMAL(15,2)  NULL,
    PRIMARY KEY (company_id, txn_id, position),
    INDEX ix_received_payment_applied_to (company_id, applied_txn_id),
    CONSTRAINT fk_received_payment_applied FOREIGN KEY (company_id, txn_id)
        REFERENCES received_payment (company_id, txn_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE credit_memo (
    company_id           BIGINT        NOT NULL,
    txn_id               VARCHAR(36)   NOT NULL,
    edit_sequence        VARCHAR(16)   NOT NULL,
    txn_number           VARCHAR(20)   NULL,
    time_created         DATETIME      NULL,
    time_modified        DATETIME      NULL,
    customer_list_id     VARCHAR(36)   NULL,
    customer_full_name   VARCHAR(255)  NULL,
    txn_date             DATE          NULL,
    ref_number           VARCHAR(20)   NULL,
    is_pending           BOOLEAN       NOT NULL DEFAULT FALSE,
    subtotal             DECIMAL(15,2) NULL,
    sales_tax_total      DECIMAL(15,2) NULL,
    total_amount         DECIMAL(15,2) NULL,
    credit_remaining     DECIMAL(15,2) NULL,
    memo                 TEXT          NULL,
    is_deleted           BOOLEAN       NOT NULL DEFAULT FALSE,
    deleted_at           DATETIME      NULL,
    seen_run_id          BIGINT        NULL,
    synced_at            DATETIME      NOT NULL,
    PRIMARY KEY (company_id, txn_id),
    INDEX ix_credit_memo_customer (company_id, customer_list_id, txn_date),
    CONSTRAINT fk_credit_memo_company FOREIGN KEY (company_id) REFERENCES company (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE credit_memo_line (
    company_id        BIGINT         NOT NULL,
    txn_id            VARCHAR(36)    NOT NULL,
    position          INT            NOT NULL,
    txn_line_id       VARCHAR(36)    NULL,
    is_group          BOOLEAN        NOT NULL DEFAULT FALSE,
    group_txn_line_id VARCHAR(36)    NULL,
    item_list_id      VARCHAR(36)    NULL,
    item_full_name    VARCHAR(255)   NULL,
    description       TEXT           NULL,
    quantity          DECIMAL(20,5)  NULL,
    rate              DECIMAL(20,5)  NULL,
    rate_percent      DECIMAL(12,5)  NULL,
    amount            DECIMAL(15,2)  NULL,
    service_date      DATE           NULL,
    sales_tax_code    VARCHAR(10)    NULL,
    PRIMARY KEY (company_id, txn_id, position),
    CONSTRAINT fk_credit_memo_line FOREIGN KEY (company_id, txn_id) REFERENCES credit_memo (company_id, txn_id)
        ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The invoices (and refunds) a credit memo was applied to, as QuickBooks links them.
CREATE TABLE credit_memo_linked_txn (
    company_id        BIGINT         NOT NULL,
    txn_id            VARCHAR(36)    NOT NULL,
    position          INT            NOT NULL,
    linked_txn_id     VARCHAR(36)    NOT NULL,
    txn_type          VARCHAR(40)    NULL,
    txn_date          DATE           NULL,
    ref_number        VARCHAR(20)    NULL,
    link_type         VARCHAR(10)    NULL,
    amount            DECIMAL(15,2)  NULL,
    PRIMARY KEY (company_id, txn_id, position),
    INDEX ix_credit_memo_linked_to (company_id, linked_txn_id),
    CONSTRAINT fk_credit_memo_linked FOREIGN KEY (company_id, txn_id) REFERENCES credit_memo (company_id, txn_id)
        ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The verify step of each company: where a verification in progress stands (the run doing it and its phase:
-- 'customers', 'invoices', 'done'), and when the mirror was last proved equal to QuickBooks, having checked how
-- many records and corrected how many.
CREATE TABLE sync_verify (
    company_id        BIGINT       NOT NULL PRIMARY KEY,
    run_id            BIGINT       NULL,
    phase             VARCHAR(16)  NOT NULL,
    checked           INT          NOT NULL DEFAULT 0,
    corrected         INT          NOT NULL DEFAULT 0,
    last_verified_at  DATETIME     NULL,
    last_checked      INT          NULL,
    last_corrected    INT          NULL,
    CONSTRAINT fk_sync_verify_company FOREIGN KEY (company_id) REFERENCES company (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
