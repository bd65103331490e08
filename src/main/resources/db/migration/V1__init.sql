-- Ledgerbridge schema, version 1. Every table that holds QuickBooks data is keyed by company.
-- Times are DATETIME in UTC; money is DECIMAL(15,2); QuickBooks IDs and EditSequence are strings.

CREATE TABLE company (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    name              VARCHAR(200)  NOT NULL,
    -- the company file this company is bound to, learned on its first successful run
    bound_file_id     VARCHAR(64)   NULL,
    bound_file_name   VARCHAR(255)  NULL,
    bound_file_path   VARCHAR(1000) NULL,
    bound_at          DATETIME      NULL,
    qb_product        VARCHAR(200)  NULL,
    qb_country        VARCHAR(8)    NULL,
    qbxml_version     VARCHAR(8)    NULL,
    last_contact_at   DATETIME      NULL,
    last_success_at   DATETIME      NULL,
    created_at        DATETIME      NOT NULL,
    CONSTRAINT uq_company_name UNIQUE (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE qbwc_login (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    username          VARCHAR(100) NOT NULL,
    company_id        BIGINT       NOT NULL,
    password_hash     VARCHAR(100) NOT NULL,
    file_id           CHAR(38)     NOT NULL,
    enabled           BOOLEAN      NOT NULL DEFAULT TRUE,
    failed_attempts   INT          NOT NULL DEFAULT 0,
    locked_until      DATETIME     NULL,
    created_at        DATETIME     NOT NULL,
    CONSTRAINT uq_qbwc_login_username UNIQUE (username),
    CONSTRAINT fk_qbwc_login_company FOREIGN KEY (company_id) REFERENCES company (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE staff_user (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    username          VARCHAR(100) NOT NULL,
    password_hash     VARCHAR(100) NOT NULL,
    role              VARCHAR(20)  NOT NULL,
    enabled           BOOLEAN      NOT NULL DEFAULT TRUE,
    failed_attempts   INT          NOT NULL DEFAULT 0,
    locked_until      DATETIME     NULL,
    created_at        DATETIME     NOT NULL,
    last_login_at     DATETIME     NULL,
    CONSTRAINT uq_staff_user_username UNIQUE (username)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One Web Connector session (authenticate .. closeConnection). The ticket itself is never stored, only its hash.
CREATE TABLE qbwc_session (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    ticket_hash       CHAR(64)     NOT NULL,
    company_id        BIGINT       NOT NULL,
    login_id          BIGINT       NOT NULL,
    state             VARCHAR(20)  NOT NULL,          -- open | closed | superseded | failed
    client_version    VARCHAR(40)  NULL,
    remote_address    VARCHAR(64)  NULL,
    company_file      VARCHAR(1000) NULL,
    qbxml_version     VARCHAR(8)   NULL,
    hcp_checked       BOOLEAN      NOT NULL DEFAULT FALSE,
    observed_file_id  VARCHAR(64)  NULL,
    observed_file_name VARCHAR(255) NULL,
    run_id            BIGINT       NULL,
    wait_requested    BOOLEAN      NOT NULL DEFAULT FALSE,
    last_error        TEXT         NULL,
    created_at        DATETIME     NOT NULL,
    last_seen_at      DATETIME     NOT NULL,
    expires_at        DATETIME     NOT NULL,
    closed_at         DATETIME     NULL,
    CONSTRAINT uq_qbwc_session_ticket UNIQUE (ticket_hash),
    CONSTRAINT fk_qbwc_session_company FOREIGN KEY (company_id) REFERENCES company (id),
    CONSTRAINT fk_qbwc_session_login FOREIGN KEY (login_id) REFERENCES qbwc_login (id),
    INDEX ix_qbwc_session_company (company_id, state)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One sync run per Web Connector session, with the planner's cursor: everything needed to answer the next call.
CREATE TABLE sync_run (
    id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
    company_id           BIGINT       NOT NULL,
    started_at           DATETIME     NOT NULL,
    ended_at             DATETIME     NULL,
    outcome              VARCHAR(20)  NOT NULL,        -- running | success | failed | interrupted | refused
    error                TEXT         NULL,
    hresult              VARCHAR(20)  NULL,
    qbxml_version        VARCHAR(8)   NULL,
    plan                 VARCHAR(500) NOT NULL,        -- step names in order, comma separated
    current_step         VARCHAR(40)  NULL,
    iterator_id          VARCHAR(64)  NULL,
    iterator_remaining   INT          NULL,
    awaiting_request_id  VARCHAR(50)  NULL,
    request_seq          INT          NOT NULL DEFAULT 0,
    step_max_modified    DATETIME     NULL,
    step_max_offset      INT          NULL,            -- minutes east of UTC of that TimeModified
    step_pages           INT          NOT NULL DEFAULT 0,
    window_to            DATETIME     NULL,            -- upper bound of the current pull when it is split
    window_to_offset     INT          NULL,
    last_percent         INT          NOT NULL DEFAULT 0,
    processing_until     DATETIME     NULL,
    records_received     INT          NOT NULL DEFAULT 0,
    records_inserted     INT          NOT NULL DEFAULT 0,
    records_updated      INT          NOT NULL DEFAULT 0,
    records_deleted      INT          NOT NULL DEFAULT 0,
    CONSTRAINT fk_sync_run_company FOREIGN KEY (company_id) REFERENCES company (id),
    INDEX ix_sync_run_company (company_id, started_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE sync_step (
    run_id               BIGINT       NOT NULL,
    step                 VARCHAR(40)  NOT NULL,
    position             INT          NOT NULL,
    state                VARCHAR(20)  NOT NULL,        -- pending | running | done | failed | held
    full_resync          BOOLEAN      NOT NULL DEFAULT FALSE,
    requests             INT          NOT NULL DEFAULT 0,
    received             INT          NOT NULL DEFAULT 0,
    inserted             INT          NOT NULL DEFAULT 0,
    updated              INT          NOT NULL DEFAULT 0,
    unchanged            INT          NOT NULL DEFAULT 0,
    deleted              INT          NOT NULL DEFAULT 0,
    bytes                BIGINT       NOT NULL DEFAULT 0,
    duration_ms          BIGINT       NOT NULL DEFAULT 0,
    status_codes         VARCHAR(200) NULL,
    hresult              VARCHAR(20)  NULL,
    error                TEXT         NULL,
    started_at           DATETIME     NULL,
    ended_at             DATETIME     NULL,
    PRIMARY KEY (run_id, step),
    CONSTRAINT fk_sync_step_run FOREIGN KEY (run_id) REFERENCES sync_run (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Per company and entity: how far the last completed pull reached, in QuickBooks' own TimeModified terms.
CREATE TABLE sync_watermark (
    company_id           BIGINT       NOT NULL,
    entity               VARCHAR(40)  NOT NULL,
    watermark            DATETIME     NULL,
    watermark_offset     INT          NULL,
    resync_requested     BOOLEAN      NOT NULL DEFAULT FALSE,
    resync_requested_at  DATETIME     NULL,
    resync_run_id        BIGINT       NULL,
    last_completed_at    DATETIME     NULL,
    PRIMARY KEY (company_id, entity),
    CONSTRAINT fk_sync_watermark_company FOREIGN KEY (company_id) REFERENCES company (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE customer (
    company_id        BIGINT        NOT NULL,
    list_id           VARCHAR(36)   NOT NULL,
    edit_sequence     VARCHAR(16)   NOT NULL,
    time_created      DATETIME      NULL,
    time_modified     DATETIME      NULL,
    name              VARCHAR(100)  NULL,
    full_name         VARCHAR(255)  NULL,
    is_active         BOOLEAN       NOT NULL DEFAULT TRUE,
    parent_list_id    VARCHAR(36)   NULL,
    sublevel          INT           NOT NULL DEFAULT 0,
    company_name      VARCHAR(100)  NULL,
    salutation        VARCHAR(15)   NULL,
    first_name        VARCHAR(100)  NULL,
    middle_name       VARCHAR(100)  NULL,
    last_name         VARCHAR(100)  NULL,
    job_title         VARCHAR(100)  NULL,
    bill_addr1        VARCHAR(100)  NULL,
    bill_addr2        VARCHAR(100)  NULL,
    bill_addr3        VARCHAR(100)  NULL,
    bill_addr4        VARCHAR(100)  NULL,
    bill_addr5        VARCHAR(100)  NULL,
    bill_city         VARCHAR(100)  NULL,
    bill_state        VARCHAR(50)   NULL,
    bill_postal_code  VARCHAR(30)   NULL,
    bill_country      VARCHAR(50)   NULL,
    bill_note         VARCHAR(100)  NULL,
    ship_addr1        VARCHAR(100)  NULL,
    ship_addr2        VARCHAR(100)  NULL,
    ship_addr3        VARCHAR(100)  NULL,
    ship_addr4        VARCHAR(100)  NULL,
    ship_addr5        VARCHAR(100)  NULL,
    ship_city         VARCHAR(100)  NULL,
    ship_state        VARCHAR(50)   NULL,
    ship_postal_code  VARCHAR(30)   NULL,
    ship_country      VARCHAR(50)   NULL,
    ship_note         VARCHAR(100)  NULL,
    phone             VARCHAR(50)   NULL,
    mobile            VARCHAR(50)   NULL,
    alt_phone         VARCHAR(50)   NULL,
    fax               VARCHAR(50)   NULL,
    email             VARCHAR(1023) NULL,
    cc                VARCHAR(1023) NULL,
    contact           VARCHAR(100)  NULL,
    alt_contact       VARCHAR(100)  NULL,
    customer_type     VARCHAR(255)  NULL,
    terms             VARCHAR(100)  NULL,
    balance           DECIMAL(15,2) NULL,
    total_balance     DECIMAL(15,2) NULL,
    account_number    VARCHAR(100)  NULL,
    credit_limit      DECIMAL(15,2) NULL,
    job_status        VARCHAR(20)   NULL,
    notes             TEXT          NULL,
    is_deleted        BOOLEAN       NOT NULL DEFAULT FALSE,
    deleted_at        DATETIME      NULL,
    auto_processing   BOOLEAN       NOT NULL DEFAULT FALSE,
    seen_run_id       BIGINT        NULL,
    synced_at         DATETIME      NOT NULL,
    PRIMARY KEY (company_id, list_id),
    INDEX ix_customer_full_name (company_id, full_name),
    INDEX ix_customer_modified (company_id, time_modified),
    CONSTRAINT fk_customer_company FOREIGN KEY (company_id) REFERENCES company (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE invoice (
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
    po_number            VARCHAR(25)   NULL,
    terms                VARCHAR(100)  NULL,
    due_date             DATE          NULL,
    subtotal             DECIMAL(15,2) NULL,
    sales_tax_percentage DECIMAL(9,5)  NULL,
    sales_tax_total      DECIMAL(15,2) NULL,
    applied_amount       DECIMAL(15,2) NULL,
    balance_remaining    DECIMAL(15,2) NULL,
    is_paid              BOOLEAN       NOT NULL DEFAULT FALSE,
    is_pending           BOOLEAN       NOT NULL DEFAULT FALSE,
    memo                 TEXT          NULL,
    is_deleted           BOOLEAN       NOT NULL DEFAULT FALSE,
    deleted_at           DATETIME      NULL,
    seen_run_id          BIGINT        NULL,
    synced_at            DATETIME      NOT NULL,
    PRIMARY KEY (company_id, txn_id),
    INDEX ix_invoice_customer (company_id, customer_list_id, txn_date),
    INDEX ix_invoice_modified (company_id, time_modified),
    CONSTRAINT fk_invoice_company FOREIGN KEY (company_id) REFERENCES company (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE invoice_line (
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
    CONSTRAINT fk_invoice_line_invoice FOREIGN KEY (company_id, txn_id) REFERENCES invoice (company_id, txn_id)
        ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE invoice_linked_txn (
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
    CONSTRAINT fk_invoice_linked_invoice FOREIGN KEY (company_id, txn_id) REFERENCES invoice (company_id, txn_id)
        ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Customers whose balance must be read again: QuickBooks does not change a customer's TimeModified when only
-- its balance moves (an invoice, a payment), so the sync asks for those balances by ListID.
CREATE TABLE balance_refresh (
    company_id        BIGINT       NOT NULL,
    list_id           VARCHAR(36)  NOT NULL,
    queued_at         DATETIME     NOT NULL,
    PRIMARY KEY (company_id, list_id),
    CONSTRAINT fk_balance_refresh_company FOREIGN KEY (company_id) REFERENCES company (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
