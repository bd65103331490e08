-- Ledgerbridge schema, version 4: email and card-information requests. No card number is ever stored: a request
-- keeps only the SHA-256 of its one-time link's token, and the card itself goes to the payment gateway, which
-- hands back the token a payment profile keeps.

-- Every message Ledgerbridge sent through SMTP, wrote to the outbox folder, or failed to send.
CREATE TABLE mail_log (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    created_at        DATETIME      NOT NULL,
    recipients        VARCHAR(2000) NOT NULL,
    subject           VARCHAR(500)  NOT NULL,
    status            VARCHAR(20)   NOT NULL,          -- sending -> sent | outbox | failed
    error             VARCHAR(1000) NULL,              -- why it failed, in words (never a password)
    outbox_file       VARCHAR(255)  NULL,              -- its .eml file in the outbox folder
    INDEX ix_mail_log_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A card-information request: a one-time, expiring link emailed to a customer, which opens the public page where
-- the customer enters a card that becomes a payment profile. status: sent -> opened -> completed, or failed (the
-- email could not be sent); "expired" is computed from expires_at.
CREATE TABLE card_request (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    company_id          BIGINT        NOT NULL,
    list_id             VARCHAR(36)   NOT NULL,
    kind                VARCHAR(20)   NOT NULL,        -- new-profile | update-profile | link
    replaces_profile_id BIGINT        NULL,            -- update-profile: the profile the new card replaces
    token_hash          CHAR(64)      NOT NULL,        -- SHA-256 of the link's token; the token itself is only in the email
    status              VARCHAR(20)   NOT NULL,
    recipients          VARCHAR(2000) NOT NULL,
    requested_by        VARCHAR(100)  NOT NULL,
    created_at          DATETIME      NOT NULL,
    expires_at          DATETIME      NOT NULL,
    opened_at           DATETIME      NULL,            -- the first time the link was opened
    completed_at        DATETIME      NULL,
    completed_from      VARCHAR(64)   NULL,            -- remote address that completed it
    profile_id          BIGINT        NULL,            -- the payment profile it created
    mail_id             BIGINT        NULL,
    CONSTRAINT uq_card_request_token UNIQUE (token_hash),
    CONSTRAINT fk_card_request_company FOREIGN KEY (company_id) REFERENCES company (id),
    INDEX ix_card_request_customer (company_id, list_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What happened to a request, in order: sent (to whom), send-failed, opened, declined (the gateway's reason),
-- completed, refused (used again or expired).
CREATE TABLE card_request_event (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    request_id        BIGINT        NOT NULL,
    at                DATETIME      NOT NULL,
    event             VARCHAR(20)   NOT NULL,
    detail            VARCHAR(1000) NULL,
    remote_address    VARCHAR(64)   NULL,
    CONSTRAINT fk_card_request_event_request FOREIGN KEY (request_id) REFERENCES card_request (id) ON DELETE CASCADE,
    INDEX ix_card_request_event (request_id, at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Per company: the pre-authorization text a customer accepts on the card page (staff edit it; absent = default).
CREATE TABLE card_request_setting (
    company_id        BIGINT        NOT NULL PRIMARY KEY,
    preauth_text      TEXT          NOT NULL,
    updated_at        DATETIME      NOT NULL,
    updated_by        VARCHAR(100)  NOT NULL,
    CONSTRAINT fk_card_request_setting_company FOREIGN KEY (company_id) REFERENCES company (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
