-- Records the sync must read again from QuickBooks by their ID, one queue for every kind: customers whose balance
-- moved ('balance'), customers and invoices to read whole ('customer', 'invoice'; e.g. an invoice a payment was
-- applied to, a record the verify step found different). A record leaves the queue only once QuickBooks has answered
-- with it, or it is known to be gone: asked_by names the request that asked for it; one QuickBooks did not return is
-- asked again in a smaller batch (batch_size; NULL is a full batch), so one record QuickBooks cannot find (deleted,
-- or hidden from reads by ID) cannot take the others with it, and a customer finally by a query of the inactive
-- customers (sweep).
CREATE TABLE sync_refresh (
    company_id  BIGINT       NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    record_id   VARCHAR(36)  NOT NULL,
    queued_at   DATETIME     NOT NULL,
    asked_by    VARCHAR(64)  NULL,
    batch_size  SMALLINT     NULL,
    sweep       BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (company_id, kind, record_id),
    INDEX ix_sync_refresh_asked (company_id, kind, asked_by),
    CONSTRAINT fk_sync_refresh_company FOREIGN KEY (company_id) REFERENCES company (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO sync_refresh (company_id, kind, record_id, queued_at)
SELECT company_id, 'balance', list_id, queued_at FROM balance_refresh;

DROP TABLE balance_refresh;
