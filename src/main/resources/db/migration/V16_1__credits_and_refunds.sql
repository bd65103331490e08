-- Applying open credits before charging, and recording refunds in QuickBooks.

-- A company's choices about credits and refunds: whether auto processing applies open credit memos to due invoices
-- before it charges a card, and the QuickBooks item the credit memo of a refund is written with.
CREATE TABLE credit_settings (
    company_id           BIGINT        NOT NULL PRIMARY KEY,
    apply_credits_first  BOOLEAN       NOT NULL DEFAULT FALSE,
    refund_item_name     VARCHAR(159)  NULL,
    updated_at           DATETIME      NOT NULL,
    updated_by           VARCHAR(100)  NULL,
    CONSTRAINT fk_credit_settings_company FOREIGN KEY (company_id) REFERENCES company (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Credit of a credit memo spoken for by an application queued here (action apply-credit): it counts against the
-- credit memo's remaining credit and the invoice's balance until QuickBooks confirmed the application and the credit
-- memo (or the invoice) was read again after that; an application that failed or was cancelled holds nothing.
CREATE TABLE credit_hold (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    company_id        BIGINT         NOT NULL,
    action_id         BIGINT         NOT NULL,
    customer_list_id  VARCHAR(36)    NOT NULL,
    credit_txn_id     VARCHAR(36)    NOT NULL,
    invoice_txn_id    VARCHAR(36)    NOT NULL,
    amount            DECIMAL(15,2)  NOT NULL,
    created_at        DATETIME       NOT NULL,
    INDEX ix_credit_hold_credit (company_id, credit_txn_id),
    INDEX ix_credit_hold_invoice (company_id, invoice_txn_id),
    CONSTRAINT fk_credit_hold_action FOREIGN KEY (action_id) REFERENCES action_request (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
