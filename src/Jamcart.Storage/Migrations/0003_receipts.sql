-- Receipts are sent from the outbox by their own consumer, beside the rebuild worker: each reads only its kinds.
-- A failed delivery puts its entry off until retry_at (attempts counts the tries), so one address that a mail
-- server keeps deferring never holds up the others, and the back-off survives a restart or a takeover.
-- The same statements on both engines.
ALTER TABLE outbox ADD COLUMN retry_at BIGINT NULL;

CREATE INDEX outbox_pending_kind ON outbox (kind, id) WHERE done_at IS NULL;
