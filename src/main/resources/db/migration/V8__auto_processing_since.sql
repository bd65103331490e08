-- Turning auto processing on does not pay old invoices by surprise: remember when the company's switch and each
-- customer's switch were last turned on, so invoices that were already due then are left for staff to charge by hand
-- unless the company's rules say to charge them too. Switches already on before this version keep no date, so they
-- go on as before.
ALTER TABLE customer
    ADD COLUMN auto_processing_since DATETIME NULL;

ALTER TABLE auto_setting
    ADD COLUMN enabled_since     DATETIME NULL,
    ADD COLUMN charge_past_due   BOOLEAN  NOT NULL DEFAULT FALSE;
