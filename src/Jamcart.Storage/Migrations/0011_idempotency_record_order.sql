-- The order a checkout's Idempotency-Key claimed with, written by the transaction that reserved it. A retry that takes
-- the key over after the first attempt's process died (its lease ran out) finishes that order instead of reserving the
-- cart a second time (PlaceOrder). Rows from before have none, and their retries run again as they did.
-- The same statement on both engines.
ALTER TABLE idempotency_records ADD COLUMN order_id TEXT NULL;
