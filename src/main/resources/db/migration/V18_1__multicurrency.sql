-- Multicurrency company files. QuickBooks names a currency by a reference to its currency list (CurrencyRef); the
-- list, read with CurrencyQueryRq, gives each its ISO 4217 code. Rows of a file without multicurrency carry no
-- currency (NULL): their currency is the company's home currency.

-- What the file's preferences said on the last run: whether multicurrency is on, and the home currency's name.
ALTER TABLE company
    ADD COLUMN multicurrency      BOOLEAN     NOT NULL DEFAULT FALSE,
    ADD COLUMN home_currency_name VARCHAR(64) NULL;

-- The file's currency list as QuickBooks last returned it.
CREATE TABLE currency (
    company_id     BIGINT         NOT NULL,
    list_id        VARCHAR(36)    NOT NULL,
    name           VARCHAR(64)    NOT NULL,
    code           CHAR(3)        NULL,
    is_active      BOOLEAN        NOT NULL DEFAULT TRUE,
    exchange_rate  DECIMAL(20,10) NULL,
    as_of_date     DATE           NULL,
    synced_at      DATETIME       NOT NULL,
    PRIMARY KEY (company_id, list_id),
    INDEX ix_currency_name (company_id, name),
    CONSTRAINT fk_currency_company FOREIGN KEY (company_id) REFERENCES company (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- currency_name is the CurrencyRef's FullName as QuickBooks sent it; currency its ISO code from the list.
ALTER TABLE customer
    ADD COLUMN currency_name VARCHAR(64) NULL,
    ADD COLUMN currency      CHAR(3)     NULL;

-- exchange_rate: units of the home currency per unit of the invoice's currency, as QuickBooks holds it.
ALTER TABLE invoice
    ADD COLUMN currency_name                     VARCHAR(64)    NULL,
    ADD COLUMN currency                          CHAR(3)        NULL,
    ADD COLUMN exchange_rate                     DECIMAL(20,10) NULL,
    ADD COLUMN balance_remaining_in_home_currency DECIMAL(15,2) NULL;

ALTER TABLE received_payment
    ADD COLUMN currency_name                 VARCHAR(64)    NULL,
    ADD COLUMN currency                      CHAR(3)        NULL,
    ADD COLUMN exchange_rate                 DECIMAL(20,10) NULL,
    ADD COLUMN total_amount_in_home_currency DECIMAL(15,2)  NULL;

-- The rate a payment taken here is recorded in QuickBooks with (NULL: in the home currency, no rate).
ALTER TABLE payment_txn
    ADD COLUMN exchange_rate DECIMAL(20,10) NULL;
