-- Ledgerbridge schema, version 11: real payment gateways. Each company's account at a gateway (its keys: public ones
-- as typed, secret ones only encrypted with the server's secrets key, which is not in the database), the gateway's
-- customer for each QuickBooks customer, the webhook events received (each once), the card's fingerprint on a
-- profile, and a probe value that proves at start that the server's key reads what is stored.

-- One value sealed with the secrets key by the first server that started on this database.
CREATE TABLE secret_probe (
    id                   TINYINT       NOT NULL PRIMARY KEY,
    sealed               VARCHAR(200)  NOT NULL,
    created_at           DATETIME      NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A company's credentials at one gateway, one row per field (e.g. stripe: publishableKey, secretKey, webhookSecret).
-- A public field keeps its value; a secret one keeps only sealed_value (AES-GCM) and its last four characters.
CREATE TABLE gateway_credential (
    company_id           BIGINT        NOT NULL,
    gateway              VARCHAR(40)   NOT NULL,
    name                 VARCHAR(40)   NOT NULL,
    public_value         VARCHAR(500)  NULL,
    sealed_value         VARCHAR(1000) NULL,
    last4                VARCHAR(4)    NULL,
    updated_at           DATETIME      NOT NULL,
    updated_by           VARCHAR(100)  NOT NULL,
    PRIMARY KEY (company_id, gateway, name),
    CONSTRAINT fk_gateway_credential_company FOREIGN KEY (company_id) REFERENCES company (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The gateway's customer (Stripe Customer, CIM profile, ...) of a QuickBooks customer, per account of that gateway
-- (a test account's customers do not exist in the live one). The key makes two first cards saved at once share one.
CREATE TABLE gateway_customer (
    company_id           BIGINT        NOT NULL,
    customer_list_id     VARCHAR(36)   NOT NULL,
    gateway              VARCHAR(40)   NOT NULL,
    account              VARCHAR(100)  NOT NULL,
    gateway_customer_id  VARCHAR(100)  NOT NULL,
    created_at           DATETIME      NOT NULL,
    PRIMARY KEY (company_id, customer_list_id, gateway, account),
    CONSTRAINT fk_gateway_customer_company FOREIGN KEY (company_id) REFERENCES company (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A verified webhook event, stored once per (company, gateway, event id): a replay finds it and changes nothing.
-- Refunds and disputes made at the gateway show in the customer's history from here.
CREATE TABLE gateway_event (
    id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
    company_id           BIGINT        NOT NULL,
    gateway              VARCHAR(40)   NOT NULL,
    event_id             VARCHAR(255)  NOT NULL,
    type                 VARCHAR(100)  NOT NULL,          -- the provider's event type, e.g. charge.refunded
    kind                 VARCHAR(20)   NOT NULL,          -- what it meant here: charge-succeeded, refunded, disputed, ...
    customer_list_id     VARCHAR(36)   NULL,
    payment_id           BIGINT        NULL,
    amount               DECIMAL(15,2) NULL,
    currency             CHAR(3)       NULL,
    summary              VARCHAR(1000) NULL,
    received_at          DATETIME      NOT NULL,
    CONSTRAINT uq_gateway_event UNIQUE (company_id, gateway, event_id),
    CONSTRAINT fk_gateway_event_company FOREIGN KEY (company_id) REFERENCES company (id),
    INDEX ix_gateway_event_customer (company_id, customer_list_id, received_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The card's fingerprint at the gateway (the same card saved twice has the same one); NULL where none was given.
ALTER TABLE payment_profile ADD COLUMN fingerprint VARCHAR(100) NULL AFTER exp_year;
