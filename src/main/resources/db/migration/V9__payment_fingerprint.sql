-- Ledgerbridge schema, version 9: each payment attempt keeps a fingerprint of the request that made it (SHA-256 of
-- kind, customer, profile, the invoices with their amounts or the deposit amount, or the refunded payment and
-- amount), so an idempotency key used again for a different request is refused instead of answered with the first
-- attempt's result. NULL for attempts recorded before this version (their key alone is compared).
ALTER TABLE payment_txn ADD COLUMN request_fingerprint CHAR(64) NULL AFTER idempotency_key;
