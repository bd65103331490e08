-- A customer waiting for its balance leaves the queue only once QuickBooks has answered with it (or it is known to
-- be deleted): asked_by names the request that asked for it; a customer QuickBooks did not return is asked again in
-- a smaller batch (batch_size; NULL is a full batch), so one customer QuickBooks cannot find (deleted, or hidden from reads by ListID)
-- cannot take the others' balances with it, and finally by a query of the inactive customers (sweep).
ALTER TABLE balance_refresh
    ADD COLUMN asked_by   VARCHAR(64) NULL,
    ADD COLUMN batch_size SMALLINT    NULL,
    ADD COLUMN sweep      BOOLEAN     NOT NULL DEFAULT FALSE;

CREATE INDEX ix_balance_refresh_asked ON balance_refresh (company_id, asked_by);
