-- Ledgerbridge schema, version 3: the payments core. Payment settings per company, payment profiles (cards kept at
-- the gateway: only its token, brand, last four digits, expiry and name are stored here, never a card number),
-- every attempt to collect or refund money, and the built-in sandbox gateway's own state.

-- Per company: which gateway takes its payments and how they are posted to QuickBooks. Credentials are never
-- stored: credentials_ref names where to read them (env:VARIABLE).
CREATE TABLE payment_settings (
    company_id           BIGINT        NOT NULL PRIMARY KEY,
    gateway              VARCHAR(40)   NOT NULL,
    credentials_ref      VARCHAR(200)  NULL,
    currency             CHAR(3)       NOT NULL,
    payment_method_name  VARCHAR(31)   NOT NULL,          -- QuickBooks PaymentMethodRef FullName
    deposit_account_name VARCHAR(159)  NULL,              -- QuickBooks DepositToAccountRef FullName (empty: Undeposited Funds)
    updated_at           DATETIME      NOT NULL,
    updated_by           VARCHAR(100)  NULL,
    CONSTRAINT fk_payment_settings_company FOREIGN KEY (company_id) REFERENCES company (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A card saved at the gateway for one customer.
CREATE TABLE payment_profile (
    id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
    company_id           BIGINT        NOT NULL,
    customer_list_id     VARCHAR(36)   NOT NULL,
    gateway              VARCHAR(40)   NOT NULL,
    gateway_customer_id  VARCHAR(100)  NOT NULL,
    token                VARCHAR(100)  NOT NULL,
    brand                VARCHAR(20)   NOT NULL,
    last4                CHAR(4)       NOT NULL,
    exp_month            INT           NOT NULL,
    exp_year             INT           NOT NULL,
    name_on_card         VARCHAR(100)  NULL,
    is_default           BOOLEAN       NOT NULL DEFAULT FALSE,
    auto_enabled         BOOLEAN       NOT NULL DEFAULT TRUE,
    added_by             VARCHAR(100)  NOT NULL,
    created_at           DATETIME      NOT NULL,
    removed_at           DATETIME      NULL,
    removed_by           VARCHAR(100)  NULL,
    CONSTRAINT fk_payment_profile_company FOREIGN KEY (company_id) REFERENCES company (id),
    INDEX ix_payment_profile_customer (company_id, customer_list_id, removed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every attempt to take or return money: kind charge (against invoices) | deposit (no invoice yet) | refund;
-- result Pending (at the gateway now) | Approved | Declined | Skipped | Error. The idempotency key is unique per
-- company, so a repeated request (or two processes racing with one key) finds the first attempt instead of
-- charging again. post_action_id is the action-queue request that posts an approved payment to QuickBooks.
CREATE TABLE payment_txn (
    id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
    company_id           BIGINT        NOT NULL,
    customer_list_id     VARCHAR(36)   NOT NULL,
    profile_id           BIGINT        NULL,
    kind                 VARCHAR(10)   NOT NULL,
    source               VARCHAR(20)   NOT NULL,          -- manual | deposit | auto | installment | card-request | api
    amount               DECIMAL(15,2) NOT NULL,
    currency             CHAR(3)       NOT NULL,
    result               VARCHAR(10)   NOT NULL,
    message              VARCHAR(1000) NULL,
    gateway              VARCHAR(40)   NULL,
    gateway_ref          VARCHAR(100)  NULL,
    refund_of            BIGINT        NULL,
    idempotency_key      VARCHAR(100)  NOT NULL,
    post_key             CHAR(36)      NOT NULL,          -- the key of its post to QuickBooks (36 characters at most)
    post_action_id       BIGINT        NULL,
    staff_user           VARCHAR(100)  NOT NULL,
    attempts             INT           NOT NULL DEFAULT 1,
    created_at           DATETIME      NOT NULL,
    updated_at           DATETIME      NOT NULL,
    CONSTRAINT uq_payment_txn_key UNIQUE (company_id, idempotency_key),
    CONSTRAINT fk_payment_txn_company FOREIGN KEY (company_id) REFERENCES company (id),
    CONSTRAINT fk_payment_txn_profile FOREIGN KEY (profile_id) REFERENCES payment_profile (id),
    CONSTRAINT fk_payment_txn_refund FOREIGN KEY (refund_of) REFERENCES payment_txn (id),
    INDEX ix_payment_txn_customer (company_id, customer_list_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The invoices a charge pays, with the amount applied to each (none for a deposit).
CREATE TABLE payment_txn_invoice (
    payment_id           BIGINT        NOT NULL,
    company_id           BIGINT        NOT NULL,
    invoice_txn_id       VARCHAR(36)   NOT NULL,
    amount               DECIMAL(15,2) NOT NULL,
    PRIMARY KEY (payment_id, invoice_txn_id),
    CONSTRAINT fk_payment_txn_invoice_txn FOREIGN KEY (payment_id) REFERENCES payment_txn (id) ON DELETE CASCADE,
    INDEX ix_payment_txn_invoice (company_id, invoice_txn_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The sandbox gateway's own books, so its tokens and charges outlive a restart like a real gateway's. A payment
-- method keeps the behaviour its test card asked for (approve, decline, ...), never the number.
CREATE TABLE sandbox_customer (
    id                   VARCHAR(40)   NOT NULL PRIMARY KEY,
    reference            VARCHAR(200)  NOT NULL,
    created_at           DATETIME      NOT NULL,
    CONSTRAINT uq_sandbox_customer_reference UNIQUE (reference)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE sandbox_method (
    token                VARCHAR(40)   NOT NULL PRIMARY KEY,
    customer_id          VARCHAR(40)   NOT NULL,
    brand                VARCHAR(20)   NOT NULL,
    last4                CHAR(4)       NOT NULL,
    exp_month            INT           NOT NULL,
    exp_year             INT           NOT NULL,
    behaviour            VARCHAR(20)   NOT NULL,          -- approve | decline | insufficient | timeout
    created_at           DATETIME      NOT NULL,
    deleted_at           DATETIME      NULL,
    CONSTRAINT fk_sandbox_method_customer FOREIGN KEY (customer_id) REFERENCES sandbox_customer (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE sandbox_charge (
    ref                  VARCHAR(40)   NOT NULL PRIMARY KEY,
    idempotency_key      VARCHAR(200)  NOT NULL,
    kind                 VARCHAR(10)   NOT NULL,          -- charge | refund
    token                VARCHAR(40)   NULL,
    original_ref         VARCHAR(40)   NULL,
    amount               DECIMAL(15,2) NOT NULL,
    currency             CHAR(3)       NOT NULL,
    outcome              VARCHAR(10)   NOT NULL,          -- APPROVED | DECLINED
    message              VARCHAR(200)  NULL,
    answered             BOOLEAN       NOT NULL DEFAULT TRUE,  -- false while its answer was "lost" (timeout)
    created_at           DATETIME      NOT NULL,
    CONSTRAINT uq_sandbox_charge_key UNIQUE (idempotency_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
